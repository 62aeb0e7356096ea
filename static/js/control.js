/* The facilitator's control view on one laptop screen: the agenda (edit it any time), the current activity
   with its actions, the projector's live preview, who answered. Each panel redraws only when its input changed. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var root = document.getElementById("control");
  var code = root.getAttribute("data-code");
  var schema = JSON.parse(document.getElementById("editor-schema").textContent);
  var tokenKey = "samenspel-control-" + code;
  var token = location.hash.slice(1) || localStorage.getItem(tokenKey) || "";
  if (location.hash.length > 1) {
    localStorage.setItem(tokenKey, token);
    // Keep the secret out of the address bar: this laptop may be on the projector.
    history.replaceState(null, "", location.pathname);
  }
  var state = null, results = {}, filtered = {}, presence = null;
  var agendaList = document.getElementById("agenda");
  var nowBox = document.getElementById("now");
  var actions = document.getElementById("actions");
  var upcomingLine = document.getElementById("upcoming");
  var resultsBox = document.getElementById("results");
  var presenceBox = document.getElementById("presence");
  var actionError = document.getElementById("action-error");
  var timerBox = document.getElementById("timer");
  var presenceFilter = document.getElementById("presence-filter");

  // Shortcut keys by the page's language: the Dutch words differ, so do their keys. Both sets always work.
  var KEYS = {
    en: { next: "n", open: "o", close: "c", results: "r", lobby: "l", end: "e", differences: "d" },
    nl: { next: "v", open: "o", close: "s", results: "r", lobby: "l", end: "e", differences: "d" },
  };
  var pageLanguage = document.documentElement.lang === "en" ? "en" : "nl";
  var keys = KEYS[pageLanguage];

  var socket = S.connect({ role: "facilitator", code: code, token: token });
  socket.on("connect_error", function (err) {
    if (err && err.data && err.data.code) {
      root.hidden = true;
      document.getElementById("refused").hidden = false;
      socket.disconnect();
    }
  });

  function current() { return state && state.current; }
  function byId(id) { return state && state.agenda.filter(function (a) { return a.id === id; })[0]; }

  function showError(ack) {
    actionError.hidden = !ack || ack.ok;
    if (ack && !ack.ok) actionError.textContent = ack.error.message;
    return ack;
  }

  function act(action, activityId, confirmed) {
    actionError.hidden = true;
    return S.request(socket, "control", { action: action, activity_id: activityId, confirm: !!confirmed }).then(function (ack) {
      // A round waiting for an organisation closes earlier only when the facilitator says so; it is recorded.
      if (!ack.ok && ack.error.code === "quorum_not_met" && !confirmed) {
        if (window.confirm(ack.error.message)) return act(action, activityId, true);
        return ack;
      }
      return showError(ack);
    });
  }

  function end() {
    if (!state.workshop.ended && window.confirm(t("confirm_end"))) act("end");
  }

  /** Opening a closed activity reopens it: phones can change their answers again. Ask first. */
  function open(activity) {
    if (activity.state === "closed" && !window.confirm(t("confirm_reopen", { title: activity.title }))) return;
    act("open", activity.id);
  }

  function next() {
    var c = current();
    if (!c && state.workshop.ended && !state.upcoming_id) return;  // ended after the last activity: nothing next
    if (c && c.state === "open" && !window.confirm(t("confirm_next"))) return;
    act("next");
  }

  function lobby() {
    var c = current();
    if (c && c.state === "open" && !window.confirm(t("confirm_lobby"))) return;
    act("lobby");
  }

  function toggleResults(activity) { act(activity.results_visible ? "hide" : "reveal", activity.id); }

  /** Dot voting: put where organisations differ on the projector, or its usual results back (one action). */
  function screenView(c) {
    var chosen = state.workshop.settings.screen_view;
    return chosen && c && chosen.activity_id === c.id ? chosen.view : "results";
  }
  function toggleDivergence() {
    var c = current();
    if (!c || c.kind !== "dot_voting") return;
    S.request(socket, "settings", { screen_view: screenView(c) === "divergence" ? "results" : "divergence" }).then(showError);
  }

  /** A button with its shortcut key shown beside its label. */
  function button(label, onClick, extra, action, key) {
    return el("button", { type: "button", class: "button small " + (extra || ""), onclick: onClick, "data-action": action, "aria-keyshortcuts": key ? key.toUpperCase() : null }, [
      label, key ? el("kbd", { class: "key", "aria-hidden": "true", text: key.toUpperCase() }) : null,
    ]);
  }

  // ---- The agenda editor ----

  var editor = new S.editor.ActivityEditor({
    schema: schema,
    language: function () { return state.workshop.language; },
    bilingual: function () { return !!state.workshop.settings.bilingual; },
    save: function (item, context) {
      return context.activityId
        ? S.request(socket, "update_activity", { activity_id: context.activityId, item: item })
        : S.request(socket, "add_activity", item);
    },
  });
  document.getElementById("add-activity").addEventListener("click", function () { if (state) editor.open(null, {}); });

  /** Answers an activity has: the agenda's count, or the live results' when they are newer. */
  function answerCount(activity) {
    var r = results[activity.id];
    return Math.max(activity.answers || 0, r ? r.answers : 0);
  }

  function edit(activity) {
    editor.open(activity.item, { activityId: activity.id, ran: activity.state !== "draft", answers: answerCount(activity) });
    if (activity.state === "draft") return;
    // The agenda's count is from its last change; the results say how many answers there are now.
    S.request(socket, "results", { activity_id: activity.id }).then(function (ack) {
      if (ack.ok && editor.context.activityId === activity.id) editor.setAnswers(Math.max(ack.results.answers, activity.answers || 0));
    });
  }

  function remove(activity) {
    var answers = answerCount(activity);
    var question = !answers ? t("confirm_delete", { title: activity.title })
      : answers === 1 ? t("confirm_delete_answer", { title: activity.title }) : t("confirm_delete_answers", { title: activity.title, n: answers });
    if (!window.confirm(question)) return;
    S.request(socket, "delete_activity", { activity_id: activity.id, confirm: answers > 0 }).then(function (ack) {
      // Answers came in since: the server asks for the confirmation this count did not give.
      if (!ack.ok && ack.error.field === "confirm" && window.confirm(ack.error.message)) {
        return S.request(socket, "delete_activity", { activity_id: activity.id, confirm: true }).then(showError);
      }
      showError(ack);
    });
  }

  function move(activityId, delta) {
    var ids = state.agenda.map(function (a) { return a.id; });
    var from = ids.indexOf(activityId), to = from + delta;
    if (to < 0 || to >= ids.length) return;
    ids.splice(to, 0, ids.splice(from, 1)[0]);
    S.request(socket, "reorder", { activity_ids: ids }).then(showError);
  }

  /** The row's "more" menu: a native disclosure, closed again once an item is chosen. */
  function menu(activity, index) {
    var details;
    function item(label, onClick, action, disabled) {
      return el("button", { type: "button", class: "menu-item", "data-action": action, disabled: disabled, text: label, onclick: function () {
        details.open = false;
        onClick();
      } });
    }
    details = el("details", { class: "menu row-menu" }, [
      el("summary", { class: "icon-button", "aria-label": t("more_for", { title: activity.title }), title: t("more_for", { title: activity.title }), text: "⋯" }),
      el("div", { class: "menu-list" }, [
        item(t("editor.edit"), function () { edit(activity); }, "edit"),
        item(t("editor.duplicate"), function () { S.request(socket, "duplicate_activity", { activity_id: activity.id }).then(showError); }, "duplicate"),
        item(t("move_up"), function () { move(activity.id, -1); }, "move-up", index === 0),
        item(t("move_down"), function () { move(activity.id, 1); }, "move-down", index === state.agenda.length - 1),
        activity.state !== "draft" ? item(t("new_round"), function () {
          if (window.confirm(t("confirm_rerun"))) S.request(socket, "rerun", { activity_id: activity.id }).then(showError);
        }, "rerun") : null,
        item(t("editor.delete"), function () { remove(activity); }, "delete", activity.state === "open"),
      ]),
    ]);
    return details;
  }

  var drawAgenda = S.whenChanged(function (input) {
    // A menu the facilitator has open stays open when the agenda changes under it.
    var openMenu = agendaList.querySelector("details.row-menu[open]");
    var keepOpen = openMenu && openMenu.closest("li").getAttribute("data-activity-id");
    S.render(agendaList, state.agenda.map(function (a, index) {
      var isCurrent = input.current === a.id, isNext = input.upcoming === a.id;
      return el("li", {
        class: "agenda-item state-" + a.state + (isCurrent ? " current" : "") + (isNext ? " upcoming" : ""),
        "aria-current": isCurrent ? "step" : null, "data-activity-id": String(a.id),
      }, [
        el("span", { class: "agenda-number", text: String(index + 1) }),
        el("div", { class: "agenda-main" }, [
          el("span", { class: "agenda-title", title: a.title, text: a.title }),
          el("span", { class: "agenda-meta" }, [
            el("span", { class: "agenda-kind", text: t("activity_kind_" + a.kind) }),
            a.round > 1 ? " · " + t("round", { n: a.round }) : null,
            el("span", { class: "agenda-state state-" + a.state, text: " · " + t("state_" + a.state) }),
            a.state !== "draft" && a.results_visible ? el("span", { class: "agenda-shown", text: " · " + t("results_shown") }) : null,
          ]),
        ]),
        el("div", { class: "agenda-buttons" }, [
          a.state === "open" ? null : el("button", {
            type: "button", class: "icon-button open-button", "data-action": "open", text: a.state === "closed" ? "↻" : "▶",
            title: (a.state === "closed" ? t("reopen") : t("open")) + ": " + a.title,
            "aria-label": (a.state === "closed" ? t("reopen") : t("open")) + ": " + a.title, onclick: function () { open(a); },
          }),
          menu(a, index),
        ]),
      ]);
    }));
    var reopened = keepOpen && agendaList.querySelector('li[data-activity-id="' + keepOpen + '"] details.row-menu');
    if (reopened) reopened.open = true;
  });

  // ---- The current activity and its actions ----

  var drawNow = S.whenChanged(function (input) {
    var c = current();
    S.render(nowBox, c ? [
      el("p", { class: "now-kind" }, [
        t("activity_kind_" + c.kind) + (c.round > 1 ? " · " + t("round", { n: c.round }) : ""),
        el("span", { class: "badge badge-" + c.state, text: t("state_" + c.state) }),
        el("span", { class: "badge " + (c.results_visible ? "badge-shown" : "badge-hidden"), text: c.results_visible ? t("results_shown") : t("results_hidden") }),
      ]),
      el("p", { class: "now-title", text: c.title }),
    ] : [
      el("p", { class: "now-kind", text: input.ended ? t("ended_label") : t("lobby_label") }),
      el("p", { class: "now-title", text: input.ended ? t("ended_on_screen") : t("lobby_on_screen") }),
    ]);
    var coming = byId(input.upcoming);
    // Next after the last activity ends the session; once it has ended, there is nothing left for Next to do.
    var finished = input.ended && !coming;
    S.render(actions, [
      finished ? null : button(t("next") + " →", next, "primary", "next", keys.next),
      c && c.state === "open" ? button(t("close"), function () { act("close", c.id); }, "", "close", keys.close) : null,
      c && c.state === "closed" ? button(t("reopen"), function () { open(c); }, "", "reopen", keys.open) : null,
      c && c.state !== "draft" ? (c.results_visible
        ? button(t("hide"), function () { toggleResults(c); }, "", "hide", keys.results)
        : button(t("reveal"), function () { toggleResults(c); }, "", "reveal", keys.results)) : null,
      c || input.ended ? button(t("lobby"), lobby, "", "lobby", keys.lobby) : null,
      input.ended ? null : button(t("end"), end, "", "end", keys.end),
      c && c.kind === "dot_voting" ? divergenceButton(input.view === "divergence") : null,
    ]);
    upcomingLine.hidden = finished;
    S.render(upcomingLine, [
      el("span", { class: "upcoming-label", text: t("next_up") + " " }),
      coming ? t("agenda_item", { n: state.agenda.indexOf(coming) + 1, title: coming.title }) : t("next_end"),
    ]);
  });

  function divergenceButton(on) {
    var node = button(on ? t("show_results") : t("show_divergence"), toggleDivergence, "", "divergence", keys.differences);
    node.setAttribute("aria-pressed", on ? "true" : "false");
    return node;
  }

  // ---- A vote or consent round that waits for every organisation ----

  var quorumBox = el("div", { class: "quorum-box", id: "quorum" });
  actions.parentNode.insertBefore(quorumBox, actions.nextSibling);
  var drawQuorum = S.whenChanged(function (input) {
    var c = current();
    if (!c || !c.supports_quorum) { S.render(quorumBox, []); return; }
    var orgs = S.organisationMap(state.workshop), rule = c.config.quorum;
    var names = function (ids) { return ids.map(function (id) { return orgs[id] ? orgs[id].name : "?"; }).join(", "); };
    var select = el("select", { id: "quorum-rule", onchange: function () {
      var value = select.value;
      var quorum = value === "none" ? null : value === "one" ? { mode: "one" } : { mode: "share", share: Number(value) };
      S.request(socket, "quorum", { activity_id: c.id, quorum: quorum }).then(showError);
    } }, [["none", t("quorum_none")], ["one", t("quorum_one")], ["50", t("quorum_share", { n: 50 })], ["100", t("quorum_share", { n: 100 })]].map(function (o) {
      return el("option", { value: o[0], text: o[1] });
    }));
    select.value = !rule ? "none" : rule.mode === "one" ? "one" : String(rule.share);
    if (select.selectedIndex < 0) select.appendChild(el("option", { value: String(rule.share), text: t("quorum_share", { n: rule.share }), selected: true }));
    var waiting = input.waiting || [];
    var line = null;
    if (c.closed_early) line = el("p", { class: "quorum-line early", text: t("closed_early", { names: names(c.closed_early.waiting_for) }) });
    else if (rule && c.state === "open") line = waiting.length
      ? el("p", { class: "quorum-line waiting", role: "status" }, [el("strong", { text: t("quorum_waiting", { names: names(waiting) }) })])
      : el("p", { class: "quorum-line met", role: "status", text: t("quorum_met") });
    S.render(quorumBox, [el("div", { class: "quorum-rule" }, [el("label", { for: "quorum-rule", text: t("quorum_label") }), select]), line]);
  });

  // ---- What the projector shows for the current activity, where a kind has more than one view ----

  var VIEWS = { ambitions: ["ambitions_view", ["cards", "words"]], scale: ["scale_view", ["chart", "trend"]] };
  var viewBox = el("div", { class: "view-switch", id: "screen-view", role: "group" });
  quorumBox.parentNode.insertBefore(viewBox, quorumBox.nextSibling);
  var drawViews = S.whenChanged(function (input) {
    var c = current(), view = c && VIEWS[c.kind];
    // A scale has a trend only as a recurring measure in a partnership: the results then carry one.
    if (!view || (c.kind === "scale" && !input.trend)) { S.render(viewBox, []); return; }
    var setting = view[0], chosen = input.settings[setting] || view[1][0];
    viewBox.setAttribute("aria-label", t("screen_view"));
    S.render(viewBox, [el("span", { class: "view-label", text: t("screen_view") })].concat(view[1].map(function (name) {
      return el("button", {
        type: "button", class: "button small" + (name === chosen ? " primary" : ""), "aria-pressed": name === chosen ? "true" : "false",
        "data-view": name, text: t("view_" + name),
        onclick: function () { var body = {}; body[setting] = name; S.request(socket, "settings", body).then(showError); },
      });
    })));
  });

  var drawTimer = S.whenChanged(function (input) {
    var c = current();
    S.render(timerBox, input.open ? [el("span", { class: "timer-label", text: t("timer") })].concat([1, 2, 3, 5].map(function (m) {
      return button(t("minutes", { n: m }), function () { S.request(socket, "timer", { activity_id: c.id, seconds: m * 60 }).then(showError); });
    })).concat(input.running ? [button(t("stop_timer"), function () { S.request(socket, "timer", { activity_id: c.id, seconds: null }).then(showError); })] : []) : []);
  });

  // ---- Results of the current activity ----

  // One container per activity, kept while it is current: a kind's control view (the goals composer)
  // keeps what is typed or ticked, because it is redrawn in place and only when its input changed.
  var resultsFor = null, summary = null, withheld = null, body = null;
  var drawResults = S.whenChanged(function (input) {
    var c = current();
    if (!c) { resultsFor = null; S.render(resultsBox, []); return; }
    if (resultsFor !== c.id) {
      resultsFor = c.id;
      summary = el("p", { class: "results-summary" });
      withheld = el("p", { class: "hint", hidden: true });
      body = el("div", { class: "results-body" });
      S.render(resultsBox, [summary, withheld, body]);
    }
    var r = input.results;
    summary.textContent = r && c.takes_answers ? S.answeredLine(r) : "";
    // The server withholds a split with fewer answerers than the privacy threshold.
    withheld.hidden = !(r && r.withheld);
    if (r && r.withheld) withheld.textContent = t("withheld", { k: r.privacy_threshold });
    var kind = S.kinds[c.kind];
    if (r && r.data && kind && kind.control) kind.control(body, r, { workshop: state.workshop, activity: c, goals: state.goals || [], socket: socket });
    else if (r && r.withheld) S.render(body, []);
  });

  function currentResults() {
    var c = current();
    if (!c) return null;
    return presenceFilter.value ? filtered[c.id + ":" + presenceFilter.value] : results[c.id];
  }

  // ---- Who is here, and who answered ----

  var drawPresence = S.whenChanged(function (input) {
    if (!input.presence) return;
    var orgs = S.organisationMap(state.workshop), balance = {};
    (input.balance || []).forEach(function (b) { balance[b.organisation_id] = b; });
    var rows = input.presence.organisations.map(function (p) {
      var org = orgs[p.organisation_id], b = balance[p.organisation_id];
      return el("li", { class: "presence-row", colour: org.colour }, [
        S.orgLabel(org),
        b ? el("span", { class: "answered" + (b.answered >= b.joined && b.joined ? " all" : "") }, [
          t("answered_of", { answered: b.answered, joined: b.joined }),
          b.offline ? el("span", { class: "offline", text: " · " + t("offline_count", { n: b.offline }) }) : null,
        ]) : null,
        el("span", { class: "presence-count", text: t("joined_connected", { connected: p.connected, joined: p.joined }) + " · " + t("in_room_remote", { room: p.in_room, remote: p.remote }) }),
      ]);
    });
    S.render(presenceBox, [
      el("p", { class: "presence-total", text: t("joined_connected", { connected: input.presence.connected, joined: input.presence.joined }) + " · " + S.count(input.presence.screens, "screens_one", "screens") }),
      el("ul", { class: "presence-list" }, rows),
      (input.balance || []).some(function (b) { return b.offline; }) ? el("p", { class: "hint", text: t("offline_hint") }) : null,
    ].concat((input.warnings || []).map(function (n) {
      // The server counts joins per network address; many from one is shared Wi-Fi, or someone joining often.
      return el("p", { class: "hint join-warning", role: "note", text: t("join_warning", { n: n }) });
    })));
  });

  // ---- The projector's live preview: the screen page itself, scaled down ----

  var preview = document.getElementById("preview"), previewBox = document.getElementById("preview-box");
  function scalePreview() {
    preview.style.transform = "scale(" + previewBox.clientWidth / 1920 + ")";
  }
  if (window.ResizeObserver) new ResizeObserver(scalePreview).observe(previewBox);

  // ---- Drawing ----

  function draw() {
    if (!state) return;
    var c = current();
    drawAgenda({ agenda: state.agenda, current: c && c.id, upcoming: state.upcoming_id, language: state.workshop.language });
    drawNow({
      current: c, upcoming: state.upcoming_id, ended: !c && !!state.workshop.ended, view: screenView(c),
      agenda: state.agenda.map(function (a) { return [a.id, a.title]; }),
    });
    var quorum = c && results[c.id] ? results[c.id].quorum : null;
    drawQuorum({ current: c, waiting: quorum ? quorum.waiting_for : null, organisations: state.workshop.organisations });
    var trend = c && results[c.id] && results[c.id].trend;
    drawViews({ current: c, settings: state.workshop.settings, trend: !!(trend && trend.points.length) });
    drawTimer({ open: !!(c && c.state === "open"), running: !!(c && c.timer_ends_at), id: c && c.id });
    S.countdown(document.getElementById("control-countdown"), state);
    drawResults({ activity: c, results: currentResults(), goals: state.goals, workshop: state.workshop });
    document.querySelector(".results-filter").hidden = !(c && c.takes_answers);
    var r = c && c.takes_answers ? currentResults() : null;
    drawPresence({ presence: presence, balance: r ? r.balance : null, organisations: state.workshop.organisations, warnings: state.join_warnings });
  }

  var settingsForm = document.getElementById("settings");
  settingsForm.addEventListener("submit", function (event) {
    event.preventDefault();
    S.request(socket, "settings", {
      screen_theme: settingsForm.screen_theme.value,
      privacy_threshold: Number(settingsForm.privacy_threshold.value),
      screen_presence: settingsForm.screen_presence.value,
    }).then(showError);
  });

  socket.on("state", function (snapshot) {
    var first = !state;
    state = snapshot;
    if (first) {
      settingsForm.screen_theme.value = snapshot.workshop.settings.screen_theme || "dark";
      settingsForm.privacy_threshold.value = snapshot.workshop.settings.privacy_threshold;
      settingsForm.screen_presence.value = snapshot.workshop.settings.screen_presence || "everyone";
      document.getElementById("screen-link").href = "/w/" + code + "/screen#" + snapshot.screen_key;
      preview.src = "/w/" + code + "/screen?preview=1#" + snapshot.screen_key;
      scalePreview();
    }
    if (snapshot.presence) presence = snapshot.presence;
    draw();
    if (presenceFilter.value) refreshFiltered();
  });
  socket.on("presence", function (p) { if (S.newer(presence, p)) { presence = p; draw(); } });

  socket.on("join_warnings", function (w) {
    if (!state) return;
    state.join_warnings = w.warnings;
    draw();
  });

  function refreshFiltered() {
    var c = current(), filter = presenceFilter.value;
    if (!c || !filter) { draw(); return; }
    S.request(socket, "results", { activity_id: c.id, presence: filter }).then(function (ack) {
      if (ack.ok) { filtered[c.id + ":" + filter] = ack.results; draw(); }
    });
  }
  presenceFilter.addEventListener("change", refreshFiltered);

  socket.on("results", function (r) {
    if (!S.newer(results[r.activity_id], r)) return;
    results[r.activity_id] = r;
    var c = current();
    if (c && c.id === r.activity_id) {
      if (presenceFilter.value) refreshFiltered(); else draw();
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
  document.getElementById("export-workbook").addEventListener("click", function () {
    download("/w/" + code + "/report/results.xlsx", "samenspel-" + code + ".xlsx");
  });
  document.getElementById("export-results").addEventListener("click", function () {
    download("/api/workshops/" + code + "/results", "samenspel-results-" + code + ".json");
  });

  // A menu closes when the facilitator clicks elsewhere or presses Escape.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[open]").forEach(function (menuNode) {
      if (!menuNode.contains(event.target)) menuNode.open = false;
    });
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Escape") document.querySelectorAll("details.menu[open]").forEach(function (m) { m.open = false; });
    if (event.ctrlKey || event.metaKey || event.altKey || !state || editor.dialog.open) return;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable)) return;
    var c = current(), key = event.key.toLowerCase();
    function is(action) { return key === KEYS.en[action] || key === KEYS.nl[action]; }
    if (is("next")) next();
    else if (is("lobby")) lobby();
    else if (c && is("open") && c.state !== "open") open(c);
    else if (c && is("close") && c.state === "open") act("close", c.id);
    else if (c && is("results") && c.state !== "draft") toggleResults(c);
    else if (is("end")) end();
    else if (c && is("differences") && c.kind === "dot_voting") toggleDivergence();
    else return;
    event.preventDefault();
  });
})();
