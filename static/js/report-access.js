/* Opens the report with the control token this browser keeps from the control view (never in a link):
   one request with the token as a header sets the report cookie, then the page reloads with it. */
(function () {
  "use strict";
  var box = document.getElementById("report-access");
  var code = box.getAttribute("data-code");
  var token = location.hash.slice(1) || localStorage.getItem("samenspel-control-" + code) || "";
  var tried = "samenspel-report-tried-" + code;
  if (location.hash.length > 1) history.replaceState(null, "", location.pathname);
  // Once per tab session: a browser that refuses the cookie must not reload forever.
  if (!token || sessionStorage.getItem(tried)) return;
  sessionStorage.setItem(tried, "1");
  document.getElementById("report-opening").hidden = false;
  document.getElementById("report-no-access").hidden = true;
  fetch(location.pathname, { headers: { Authorization: "Bearer " + token }, credentials: "same-origin" }).then(function (response) {
    if (response.ok) { location.reload(); return; }
    document.getElementById("report-opening").hidden = true;
    document.getElementById("report-no-access").hidden = false;
  });
})();
