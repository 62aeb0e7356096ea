/* The control view's "Delete this workshop now": the control token from the link's fragment proves it. */
(function () {
  "use strict";
  var button = document.getElementById("delete-workshop");
  var root = document.getElementById("control");
  if (!button || !root) return;
  // control.js keeps the token here after taking it out of the address bar.
  var tokenKey = "samenspel-control-" + root.getAttribute("data-code");
  button.addEventListener("click", function () {
    if (!window.confirm(button.getAttribute("data-confirm"))) return;
    button.disabled = true;
    fetch("/api/workshops/" + encodeURIComponent(root.getAttribute("data-code")), {
      method: "DELETE",
      headers: { Authorization: "Bearer " + (localStorage.getItem(tokenKey) || "") },
    }).then(function (reply) {
      if (reply.status !== 204) { button.disabled = false; return; }
      localStorage.removeItem(tokenKey);
      var done = document.createElement("p");
      done.className = "lead";
      done.id = "deleted";
      done.textContent = button.getAttribute("data-done");
      var card = document.createElement("section");
      card.className = "card narrow";
      card.appendChild(done);
      document.getElementById("main").replaceChildren(card);
    });
  });
})();
