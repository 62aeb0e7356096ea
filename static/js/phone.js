/* The participant's phone: follows the facilitator, sends answers through a retrying outbox. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var stage = document.getElementById("stage");
  var me = document.getElementById("me");
  var code = stage.getAttribute("data-code");
  var outboxKey = "samenspel-outbox-" + code;
  var state = null, mine = [], view = null, shownKey = null;

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
      if (ack.ok) { mine = mine.filter(function (a) { return a.id !== answerId; }); refreshMine(); }
      return ack;
    });
  }

  function upsertMine(answer) {
    var found = false;
    mine = mine.map(function (a) { if (a.id === answer.id) { found = true; return answer; } return a; });
    if (!found && state && state.current && answer.activity_id === state.current.id) mine.push(answer);
    refreshMine();
  }

  function refreshMine() { if (view && view.updateMine) view.updateMine(mine); }

  function renderMe() {
    if (!state || !state.participant) return;
    var org = S.organisationMap(state.workshop)[state.participant.organisation_id];
    var bits = [org ? S.orgLabel(org) : null];
    if (state.participant.display_name) bits.push(el("span", { class: "me-name", text: state.participant.display_name }));
    S.render(me, bits);
  }

  function renderStage() {
    var current = state.current;
    // Goals are part of the key: a vote on goals must redraw when the facilitator edits them.
    var key = current ? current.id + ":" + current.state + ":" + JSON.stringify(state.goals || []) : "lobby";
    if (key === shownKey) { refreshMine(); return; }
    shownKey = key;
    view = null;
    if (!current) {
      S.render(stage, [
        el("h1", { class: "phone-title", text: t("lobby_title") }),
        el("p", { class: "lead", text: state.workshop.title }),
        el("p", { class: "waiting", text: t("lobby_text") }),
      ]);
      return;
    }
    var kind = S.kinds[current.kind];
    var box = el("div", { class: "activity-box" });
    S.render(stage, [
      el("p", { class: "eyebrow", text: t("activity_kind_" + current.kind) }),
      el("h1", { class: "phone-title", text: current.title }),
      current.prompt ? el("p", { class: "lead", text: current.prompt }) : null,
      current.state === "open" ? null : el("p", { class: "waiting", text: t("closed_text") }),
      box,
    ]);
    if (kind && kind.phone) {
      view = kind.phone(box, {
        activity: current, workshop: state.workshop, participant: state.participant, mine: mine, goals: state.goals || [],
        submit: function (answer) { return submit(current.id, answer); },
        offline: function () { return !socket.connected; },
        withdraw: withdraw,
      });
    }
  }

  socket.on("state", function (snapshot) {
    var before = state && state.current ? state.current.id : null;
    var previous = state;
    state = Object.assign({}, previous || {}, snapshot);
    if (!snapshot.participant && previous) state.participant = previous.participant;
    if (snapshot.mine) mine = snapshot.mine;
    renderMe();
    S.countdown(document.getElementById("countdown"), state);
    var now = state.current ? state.current.id : null;
    if (now !== before && !snapshot.mine) {
      mine = [];
      if (now) S.request(socket, "my_answers", { activity_id: now }).then(function (ack) {
        if (ack.ok && state.current && state.current.id === now) { mine = ack.answers; refreshMine(); }
      });
    }
    renderStage();
  });

  socket.on("mine", function (payload) {
    if (state && state.current && payload.activity_id === state.current.id) { mine = payload.answers; refreshMine(); }
  });

  socket.on("connect", function () {
    loadOutbox().forEach(deliver);
  });
})();
