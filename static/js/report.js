/* The report page: a print button (the page itself needs no script to show or print). */
(function () {
  "use strict";
  // The report opened: a later visit without the cookie may try the stored token again.
  Object.keys(sessionStorage).forEach(function (key) {
    if (key.indexOf("samenspel-report-tried-") === 0) sessionStorage.removeItem(key);
  });
  var button = document.getElementById("print-report");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
