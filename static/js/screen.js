/* The projector: the lobby with join code and QR, then live results of the current activity. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var lobby = document.getElementById("lobby");
  var activity = document.getElementById("activity");
  var code = lobby.getAttribute("data-code");
  var key = location.hash.slice(1);
  var state = null, results = {}, presence = null;

  var socket = S.connect({ role: "screen", code: code, key: key });

  function renderLobbyOrgs() {
    if (!state) return;
    var counts = {};
    ((presence && presence.organisations) || []).forEach(function (p) { counts[p.organisation_id] = p.connected; });
    S.render(document.getElementById("lobby-orgs"), state.workshop.organisations.map(function (org) {
      return el("li", { class: "lobby-org", colour: org.colour }, [
        S.orgLabel(org), el("span", { class: "lobby-count", text: String(counts[org.id] || 0) }),
      ]);
    }));
  }

  function renderActivity() {
    var c = state.current;
    document.getElementById("activity-title").textContent = c.title;
    var prompt = document.getElementById("activity-prompt");
    prompt.textContent = c.prompt || "";
    prompt.hidden = !c.prompt;
    var r = results[c.id], box = document.getElementById("screen-results");
    var count = document.getElementById("screen-count");
    count.textContent = r && c.takes_answers ? S.answeredLine(r) : "";
    var kind = S.kinds[c.kind];
    if (r && r.data && kind && kind.screen) kind.screen(box, r, { workshop: state.workshop, activity: c, goals: state.goals || [] });
    else S.render(box, el("p", { class: "empty", text: t("results_coming") }));
  }

  function render() {
    if (!state) return;
    var c = state.current;
    lobby.hidden = !!c;
    activity.hidden = !c;
    document.body.classList.toggle("in-lobby", !c);
    if (c) renderActivity(); else renderLobbyOrgs();
  }

  socket.on("state", function (snapshot) {
    state = snapshot;
    if (snapshot.presence) presence = snapshot.presence;
    S.countdown(document.getElementById("countdown"), state);
    var light = snapshot.workshop.settings.screen_theme === "light";
    document.body.classList.toggle("theme-light", light);
    document.body.classList.toggle("theme-dark", !light);
    render();
  });
  socket.on("presence", function (p) {
    if (!S.newer(presence, p)) return;
    presence = p;
    if (state && !state.current) renderLobbyOrgs();
  });
  socket.on("results", function (r) {
    if (!S.newer(results[r.activity_id], r)) return;
    results[r.activity_id] = r;
    if (state && state.current && state.current.id === r.activity_id) renderActivity();
  });
})();
