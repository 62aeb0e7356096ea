/* The facilitator's control view: agenda, actions, live counts and answers as they arrive. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var root = document.getElementById("control");
  var code = root.getAttribute("data-code");
  var tokenKey = "samenspel-control-" + code;
  var token = location.hash.slice(1) || localStorage.getItem(tokenKey) || "";
  if (location.hash.length > 1) {
    localStorage.setItem(tokenKey, token);
    // Keep the secret out of the address bar: this laptop may be on the projector.
    history.replaceState(null, "", location.pathname);
  }
  var state = null, results = {}, presence = null;
  var agendaList = document.getElementById("agenda");
  var nowBox = document.getElementById("now");
  var actions = document.getElementById("actions");
  var resultsBox = document.getElementById("results");
  var presenceBox = document.getElementById("presence");
  var actionError = document.getElementById("action-error");
  var timerBox = document.getElementById("timer");
  var presenceFilter = document.getElementById("presence-filter");

  var socket = S.connect({ role: "facilitator", code: code, token: token });
  socket.on("connect_error", function (err) {
    if (err && err.data && err.data.code) {
      root.hidden = true;
      document.getElementById("refused").hidden = false;
      socket.disconnect();
    }
  });

  function act(action, activityId, confirmKey) {
    if (confirmKey && !window.confirm(t(confirmKey))) return;
    actionError.hidden = true;
    S.request(socket, "control", { action: action, activity_id: activityId }).then(function (ack) {
      if (!ack.ok) { actionError.textContent = ack.error.message; actionError.hidden = false; }
    });
  }

  function current() { return state && state.current; }

  function button(label, onClick, extra, action) {
    return el("button", { type: "button", class: "button small " + (extra || ""), text: label, onclick: onClick, "data-action": action });
  }

  function move(activityId, delta) {
    var ids = state.agenda.map(function (a) { return a.id; });
    var from = ids.indexOf(activityId), to = from + delta;
    if (to < 0 || to >= ids.length) return;
    ids.splice(to, 0, ids.splice(from, 1)[0]);
    S.request(socket, "reorder", { activity_ids: ids }).then(showError);
  }

  function showError(ack) {
    if (ack && !ack.ok) { actionError.textContent = ack.error.message; actionError.hidden = false; }
  }

  function renderAgenda() {
    S.render(agendaList, state.agenda.map(function (a, index) {
      var isCurrent = current() && current().id === a.id;
      var buttons = [];
      if (a.state !== "open") buttons.push(button(t("open"), function () { act("open", a.id); }, "primary-outline", "open"));
      if (a.state === "open") buttons.push(button(t("close"), function () { act("close", a.id); }, "", "close"));
      if (a.state !== "draft") buttons.push(a.results_visible
        ? button(t("hide"), function () { act("hide", a.id); }, "", "hide")
        : button(t("reveal"), function () { act("reveal", a.id); }, "", "reveal"));
      if (a.state !== "draft") buttons.push(button(t("new_round"), function () {
        if (window.confirm(t("confirm_rerun"))) S.request(socket, "rerun", { activity_id: a.id }).then(showError);
      }));
      var order = el("div", { class: "agenda-order" }, [
        el("button", { type: "button", class: "icon-button", "aria-label": t("move_up"), title: t("move_up"), text: "↑", disabled: index === 0, onclick: function () { move(a.id, -1); } }),
        el("button", { type: "button", class: "icon-button", "aria-label": t("move_down"), title: t("move_down"), text: "↓", disabled: index === state.agenda.length - 1, onclick: function () { move(a.id, 1); } }),
      ]);
      return el("li", { class: "agenda-item state-" + a.state + (isCurrent ? " current" : ""), "aria-current": isCurrent ? "step" : null }, [
        el("div", { class: "agenda-main" }, [
          el("span", { class: "agenda-kind", text: t("activity_kind_" + a.kind) }),
          a.round > 1 ? el("span", { class: "badge", text: t("round", { n: a.round }) }) : null,
          el("span", { class: "agenda-title", text: a.title }),
          el("span", { class: "badge badge-" + a.state, text: t("state_" + a.state) }),
          a.state !== "draft" ? el("span", { class: "badge " + (a.results_visible ? "badge-shown" : "badge-hidden"), text: a.results_visible ? t("results_shown") : t("results_hidden") }) : null,
        ]),
        el("div", { class: "agenda-buttons" }, buttons.concat([order])),
      ]);
    }));
  }

  function renderNow() {
    var c = current();
    S.render(nowBox, c
      ? [el("p", { class: "now-title", text: c.title }), el("span", { class: "badge badge-" + c.state, text: t("state_" + c.state) })]
      : [el("p", { class: "now-title", text: t("lobby_on_screen") })]);
    var open = c && c.state === "open";
    S.render(actions, [
      button(t("next") + " →", function () { act("next", null, open ? "confirm_next" : null); }, "primary", "next"),
      c && c.state === "open" ? button(t("close"), function () { act("close", c.id); }, "", "close") : null,
      c && c.state !== "draft" ? (c.results_visible
        ? button(t("hide"), function () { act("hide", c.id); }, "", "hide")
        : button(t("reveal"), function () { act("reveal", c.id); }, "", "reveal")) : null,
      c ? button(t("lobby"), function () { act("lobby", null, open ? "confirm_lobby" : null); }, "", "lobby") : null,
    ]);
    S.render(timerBox, open ? [el("span", { class: "timer-label", text: t("timer") })].concat([1, 2, 3, 5].map(function (m) {
      return button(t("minutes", { n: m }), function () { S.request(socket, "timer", { activity_id: c.id, seconds: m * 60 }).then(showError); });
    })).concat(c.timer_ends_at ? [button(t("stop_timer"), function () { S.request(socket, "timer", { activity_id: c.id, seconds: null }).then(showError); })] : []) : []);
    S.countdown(document.getElementById("control-countdown"), state);
  }

  function balanceFor(orgId) {
    var c = current(), r = c && results[c.id];
    if (!r || !c.takes_answers) return null;
    return r.balance.filter(function (b) { return b.organisation_id === orgId; })[0] || null;
  }

  function renderPresence() {
    if (!presence || !state) return;
    var orgs = S.organisationMap(state.workshop);
    var rows = presence.organisations.map(function (p) {
      var org = orgs[p.organisation_id], balance = balanceFor(p.organisation_id);
      return el("li", { class: "presence-row", colour: org.colour }, [
        S.orgLabel(org),
        el("span", { class: "presence-count", text: t("joined_connected", { connected: p.connected, joined: p.joined }) }),
        el("span", { class: "hint", text: t("in_room_remote", { room: p.in_room, remote: p.remote }) }),
        balance ? el("span", { class: "answered", text: t("answered_of", { answered: balance.answered_connected, connected: balance.connected }) }) : null,
      ]);
    });
    S.render(presenceBox, [
      el("p", { class: "presence-total", text: t("joined_connected", { connected: presence.connected, joined: presence.joined }) + " · " + t("screens", { n: presence.screens }) }),
      el("ul", { class: "presence-list" }, rows),
    ]);
  }

  function renderResults() {
    var c = current();
    if (!c) { S.render(resultsBox, []); return; }
    var r = presenceFilter.value ? filtered[c.id] : results[c.id];
    if (!r) return;
    var kind = S.kinds[c.kind];
    var summary = c.takes_answers ? el("p", { class: "results-summary", text: S.answeredLine(r) }) : null;
    var body = el("div", {});
    S.render(resultsBox, [summary, body]);
    if (kind && kind.control && r.data) kind.control(body, r, { workshop: state.workshop, activity: c, goals: state.goals || [], socket: socket });
  }

  var settingsForm = document.getElementById("settings");
  settingsForm.addEventListener("submit", function (event) {
    event.preventDefault();
    S.request(socket, "settings", {
      screen_theme: settingsForm.screen_theme.value,
      privacy_threshold: Number(settingsForm.privacy_threshold.value),
    }).then(showError);
  });

  socket.on("state", function (snapshot) {
    var first = !state;
    state = snapshot;
    if (first) {
      settingsForm.screen_theme.value = snapshot.workshop.settings.screen_theme || "dark";
      settingsForm.privacy_threshold.value = snapshot.workshop.settings.privacy_threshold;
    }
    if (snapshot.presence) presence = snapshot.presence;
    var link = document.getElementById("screen-link");
    link.href = "/w/" + code + "/screen#" + snapshot.screen_key;
    renderAgenda(); renderNow(); renderPresence(); renderResults();
  });
  socket.on("presence", function (p) { if (S.newer(presence, p)) { presence = p; renderPresence(); } });
  var filtered = {};
  function refreshFiltered() {
    var c = current();
    if (!c || !presenceFilter.value) { renderResults(); return; }
    S.request(socket, "results", { activity_id: c.id, presence: presenceFilter.value }).then(function (ack) {
      if (ack.ok) { filtered[c.id] = ack.results; renderResults(); }
    });
  }
  presenceFilter.addEventListener("change", refreshFiltered);

  socket.on("results", function (r) {
    if (!S.newer(results[r.activity_id], r)) return;
    results[r.activity_id] = r;
    var c = current();
    if (c && c.id === r.activity_id) {
      if (presenceFilter.value) refreshFiltered(); else renderResults();
      renderPresence();
    }
  });

  /** Downloads need the control token, which travels in a header, never in a link. */
  function download(path, filename) {
    fetch(path, { headers: { Authorization: "Bearer " + token } }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.blob();
    }).then(function (blob) {
      var link = el("a", { href: URL.createObjectURL(blob), download: filename });
      document.body.appendChild(link);
      link.click();
      link.remove();
    }).catch(function () { actionError.textContent = t("error"); actionError.hidden = false; });
  }
  document.getElementById("export-format").addEventListener("click", function () {
    download("/api/workshops/" + code + "/format", "samenspel-agenda-" + code + ".json");
  });
  document.getElementById("export-results").addEventListener("click", function () {
    download("/api/workshops/" + code + "/results", "samenspel-results-" + code + ".json");
  });

  document.getElementById("add-activity").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target, error = document.getElementById("add-error");
    var data = { kind: form.kind.value, title: form.title.value, prompt: form.prompt.value };
    S.request(socket, "add_activity", data).then(function (ack) {
      if (ack.ok) { form.reset(); error.hidden = true; }
      else { error.textContent = ack.error.message; error.hidden = false; }
    });
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || !state) return;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
    var c = current(), key = event.key.toLowerCase();
    if (key === "n") act("next", null, c && c.state === "open" ? "confirm_next" : null);
    else if (key === "l") act("lobby", null, c && c.state === "open" ? "confirm_lobby" : null);
    else if (c && key === "o") act("open", c.id);
    else if (c && key === "c") act("close", c.id);
    else if (c && key === "r") act(c.results_visible ? "hide" : "reveal", c.id);
  });
})();
