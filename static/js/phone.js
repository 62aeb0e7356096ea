/* The participant's phone: follows the facilitator, sends answers through a retrying outbox. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var stage = document.getElementById("stage");
  var me = document.getElementById("me");
  var downloadLink = document.getElementById("download-mine");
  var code = stage.getAttribute("data-code");
  var outboxKey = "samenspel-outbox-" + code;
  var state = null, mine = [], ours = null, view = null, shownKey = null;

  function loadOutbox() {
    try { return JSON.parse(localStorage.getItem(outboxKey)) || []; } catch (e) { return []; }
  }
  function saveOutbox(items) { localStorage.setItem(outboxKey, JSON.stringify(items)); }

  var socket = S.connect({ role: "participant", code: code });

  /** Send one submission; it stays in the outbox (and survives a reload) until the server acks it. */
  function deliver(item) {
    return S.request(socket, "submit", item).then(function (ack) {
      saveOutbox(loadOutbox().filter(function (x) { return x.client_id !== item.client_id; }));
      // The ack carries this participant's answers as stored (other tabs get them as `mine`).
      if (ack.ok && ack.mine) {
        if (state && state.current && state.current.id === item.activity_id) { mine = ack.mine; refreshMine(); }
      } else if (ack.ok && ack.answer) upsertMine(ack.answer);
      return ack;
    });
  }

  function submit(activityId, answer) {
    var item = { activity_id: activityId, client_id: S.clientId(), answer: answer };
    saveOutbox(loadOutbox().concat([item]));
    return deliver(item);
  }

  function withdraw(answerId) {
    return S.request(socket, "withdraw", { answer_id: answerId }).then(function (ack) {
      if (ack.ok) { ownCache = null; mine = mine.filter(function (a) { return a.id !== answerId; }); refreshMine(); }
      return ack;
    });
  }

  function upsertMine(answer) {
    var found = false;
    ownCache = null;
    mine = mine.map(function (a) { if (a.id === answer.id) { found = true; return answer; } return a; });
    if (!found && state && state.current && answer.activity_id === state.current.id) mine.push(answer);
    refreshMine();
  }

  function refreshMine() { if (view && view.updateMine) view.updateMine(mine); }

  /** What counts for my organisation (kinds answered on its behalf): a colleague's pledge shows here. */
  function refreshOurs() { if (view && view.updateOurs && ours) view.updateOurs(ours); }

  function renderMe() {
    if (!state || !state.participant) return;
    var org = S.organisationMap(state.workshop)[state.participant.organisation_id];
    var bits = [org ? S.orgLabel(org) : null];
    if (state.participant.display_name) bits.push(el("span", { class: "me-name", text: state.participant.display_name }));
    S.render(me, bits);
    // Remote people see what the room sees on the projector, on this device or another one of theirs.
    var watch = document.getElementById("watch-screen");
    if (watch) watch.hidden = state.participant.presence !== "remote";
  }

  /** All of this participant's answers (for where their ambitions went); asked once until they change,
      so a facilitator editing goals does not make every phone ask again. */
  var ownCache = null;
  function ownAnswers() {
    if (!ownCache) {
      ownCache = S.request(socket, "my_answers", {}).then(function (ack) {
        if (!ack.ok) ownCache = null;
        return ack.ok ? ack.answers : null;
      });
    }
    return ownCache;
  }

  /** The facilitator may reword an open activity: its title and question change in place, keeping what is typed. */
  function renderHeading(current) {
    var title = stage.querySelector(".phone-title"), prompt = stage.querySelector(".lead");
    if (title) title.textContent = current.title;
    if (prompt) { prompt.textContent = current.prompt || ""; prompt.hidden = !current.prompt; }
  }

  function renderStage() {
    var current = state.current, ended = !current && state.workshop.ended;
    // Goals and settings are part of the key: the input must redraw when the facilitator edits them.
    var settings = current ? Object.assign({}, current.config, { prompt: null }) : null;
    var key = current ? JSON.stringify([current.id, current.state, settings, current.goal_ids, state.goals || []])
      : ended ? "ended:" + JSON.stringify([state.closing, state.goals]) : "lobby";
    if (key === shownKey) { if (current) renderHeading(current); refreshMine(); return; }
    shownKey = key;
    view = null;
    // The closing summary has its own download button; the footer's link would say the same twice.
    downloadLink.hidden = !!ended;
    if (ended) {
      S.closing.phone(stage, { workshop: state.workshop, closing: state.closing, goals: state.goals || [], ownAnswers: ownAnswers });
      return;
    }
    if (!current) {
      S.render(stage, [
        el("h1", { class: "phone-title", text: t("lobby_title") }),
        el("p", { class: "lead", text: state.workshop.title }),
        el("p", { class: "waiting", text: t("lobby_text") }),
      ]);
      return;
    }
    var kind = S.kinds[current.kind];
    if (!kind) {
      // Added to the agenda after this page loaded: fetch its script, then draw this stage again.
      S.loadKind(current.kind).then(function (loaded) { if (loaded && shownKey === key) { shownKey = null; renderStage(); } });
    }
    var box = el("div", { class: "activity-box" });
    // No kind label ("SCALE", "POLL"): the phone says what to do, not the tool's name for it.
    S.render(stage, [
      el("h1", { class: "phone-title", text: current.title }),
      el("p", { class: "lead", text: current.prompt || "", hidden: !current.prompt }),
      current.state === "open" ? null : el("p", { class: "waiting", text: t("closed_text") }),
      box,
    ]);
    if (kind && kind.phone) {
      view = kind.phone(box, {
        activity: current, workshop: state.workshop, participant: state.participant, mine: mine, goals: state.goals || [],
        draftKey: code + "-" + state.participant.id + "-" + current.id,
        submit: function (answer) { return submit(current.id, answer); },
        offline: function () { return !socket.connected; },
        withdraw: withdraw,
        ownAnswers: ownAnswers,
      });
      refreshOurs();
    }
  }

  socket.on("state", function (snapshot) {
    var before = state && state.current ? state.current.id : null;
    var previous = state;
    state = Object.assign({}, previous || {}, snapshot);
    if (!snapshot.participant && previous) state.participant = previous.participant;
    if (snapshot.mine) mine = snapshot.mine;
    if (snapshot.ours !== undefined) ours = snapshot.ours;
    renderMe();
    S.countdown(document.getElementById("countdown"), state);
    var now = state.current ? state.current.id : null;
    if (now !== before && !snapshot.mine) {
      mine = [];
      ours = null;
      if (now) S.request(socket, "my_answers", { activity_id: now }).then(function (ack) {
        if (ack.ok && state.current && state.current.id === now) { mine = ack.answers; ours = ack.ours; refreshMine(); refreshOurs(); }
      });
    }
    renderStage();
  });

  socket.on("ours", function (payload) {
    if (state && state.current && payload.activity_id === state.current.id) { ours = payload; refreshOurs(); }
  });

  socket.on("mine", function (payload) {
    ownCache = null;
    if (state && state.current && payload.activity_id === state.current.id) { mine = payload.answers; refreshMine(); }
  });

  socket.on("connect", function () {
    loadOutbox().forEach(deliver);
  });
})();
