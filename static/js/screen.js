/* The projector (and a remote participant's copy of it): the lobby with join code and QR, then live results
   of the current activity, as the facilitator sets them (everyone, room or remote, side by side; another view),
   and the closing summary at the end. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var lobby = document.getElementById("lobby");
  var activity = document.getElementById("activity");
  var stageBox = document.getElementById("screen-stage");
  var closing = document.getElementById("closing");
  var code = lobby.getAttribute("data-code");
  // No key in the address: a participant watching from their own device (their phone's cookie proves who).
  var key = location.hash.slice(1);
  var state = null, results = {}, presence = null, shownActivity = null;

  // Inside the control view (its preview of the projector) the server does not count this as a screen.
  var preview = /[?&]preview=1\b/.test(location.search);
  var socket = S.connect({ role: "screen", code: code, key: key, preview: preview });

  // ---- Fit the 1920x1080 design to any screen: a projector, a 1366x768 laptop, a phone held upright ----

  var DESIGN_WIDTH = 1920, DESIGN_HEIGHT = 1080, NARROW_WIDTH = 780;
  function fitToWindow() {
    var w = window.innerWidth, h = window.innerHeight;
    // Landscape: the whole design, scaled; upright phones: a narrower layout at half size, so text stays readable.
    var scale = w >= h ? Math.min(w / DESIGN_WIDTH, h / DESIGN_HEIGHT) : w / NARROW_WIDTH;
    stageBox.style.width = (w / scale) + "px";
    stageBox.style.height = (h / scale) + "px";
    stageBox.style.transform = scale === 1 ? "" : "scale(" + scale + ")";
    document.body.classList.toggle("screen-narrow", w / scale < 1200);
  }
  window.addEventListener("resize", function () { fitToWindow(); if (state && state.current) { S.changed("screen", null); renderActivity(); } });
  fitToWindow();

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

  /** Which of a kind's views the facilitator put on the screen for this activity ("results" unless set). */
  function viewFor(c) {
    var chosen = state.workshop.settings.screen_view;
    return chosen && chosen.activity_id === c.id ? chosen.view : "results";
  }

  /** One activity's results into `box`: the kind's own drawing, or why there is nothing to show yet. */
  function draw(box, r, c, view) {
    var kind = S.kinds[c.kind], ctx = { workshop: state.workshop, activity: c, goals: state.goals || [] };
    if (r && r.too_few) return S.empty(box, t("too_few_" + r.presence, { k: r.privacy_threshold }));
    if (!r || !r.data || !kind) return S.empty(box, t("results_coming"));
    var drawing = view !== "results" && kind.views && kind.views[view] ? kind.views[view] : kind.screen;
    if (drawing) drawing(box, r, ctx);
  }

  function partHead(r) {
    return el("h2", { class: "split-head" }, [
      el("span", { text: t(r.presence === "room" ? "in_room_only" : "remote_only") }),
      el("span", { class: "split-count", text: S.count(r.respondents, "respondents_one", "respondents_count") }),
    ]);
  }

  function renderActivity() {
    var c = state.current, r = results[c.id], box = document.getElementById("screen-results");
    var view = viewFor(c);
    // Redraw only when something it shows changed: a presence push must not send pages back to one.
    if (!S.changed("screen", [c, r, view, state.goals, state.workshop])) return;
    if (shownActivity !== c.id + ":" + view) { S.stopPaging(box); shownActivity = c.id + ":" + view; }
    document.getElementById("activity-title").textContent = c.title;
    var prompt = document.getElementById("activity-prompt");
    prompt.textContent = c.prompt || "";
    prompt.hidden = !c.prompt;
    if (!S.kinds[c.kind]) {
      // Added to the agenda after this page loaded: fetch its script, then draw again.
      S.loadKind(c.kind).then(function (loaded) {
        if (loaded && state.current && state.current.id === c.id) { S.changed("screen", null); renderActivity(); }
      });
    }
    var filter = r && !r.split && r.presence ? t(r.presence === "room" ? "in_room_only" : "remote_only") + " · " : "";
    var early = c.closed_early ? " · " + t("closed_early_screen") : "";
    document.getElementById("screen-count").textContent = r && c.takes_answers ? filter + S.answeredLine(r) + early : "";
    if (r && r.split && r.data) {
      // Room and remote side by side: each half is its own drawing, with its own pager.
      var halves = ["room", "remote"].map(function (p) { return el("div", { class: "split-body screen-narrow" }); });
      S.render(box, el("div", { class: "split-view" }, ["room", "remote"].map(function (p, i) {
        return el("section", { class: "split-part" }, [partHead(r.split[p]), halves[i]]);
      })));
      ["room", "remote"].forEach(function (p, i) { draw(halves[i], r.split[p], c, view); });
      return;
    }
    draw(box, r, c, view);
  }

  var closingKey = null;
  function render() {
    if (!state) return;
    var c = state.current, ended = !c && state.workshop.ended && !!state.closing;
    lobby.hidden = !!c || ended;
    activity.hidden = !c;
    closing.hidden = !ended;
    document.body.classList.toggle("in-lobby", !c && !ended);
    document.body.classList.toggle("ended", ended);
    if (ended) {
      // The summary pages through goals on a timer: redraw it only when it changed.
      var key = JSON.stringify([state.closing, state.workshop.organisations, state.workshop.language]);
      if (key !== closingKey) { closingKey = key; S.closing.screen(closing, state); }
      return;
    }
    closingKey = null;
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
