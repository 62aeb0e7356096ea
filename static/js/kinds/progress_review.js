/* Progress review: each organisation reports per goal what it delivered against what it committed;
   the projector shows committed versus delivered per goal, with every organisation's status. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  var MEASURES = ["hours", "budget"];
  var STATUSES = ["done", "partly", "not_yet"];
  var ICONS = { done: "✓", partly: "½", not_yet: "✕" };
  var MAX_NOTE = 300;
  function t(key, params) { return S.t("progress_review." + key, params); }
  function kit() { return S.goalKit; }

  function amount(measure, value, data, lang) {
    return measure === "budget" ? kit().money(value || 0, lang, data.currency) : t("hours_short", { n: kit().number(value || 0, lang) });
  }

  function amounts(values, data, lang, measures) {
    if (!values) return "";
    return (measures || data.measures).filter(function (m) { return values[m] !== undefined; }).map(function (m) { return amount(m, values[m], data, lang); }).join(" · ");
  }

  function statusChip(status, big) {
    if (!status) return el("span", { class: "pr-status missing" + (big ? " big" : "") }, [el("span", { "aria-hidden": "true", text: "…" }), t("no_report")]);
    return el("span", { class: "pr-status " + status + (big ? " big" : "") }, [el("span", { "aria-hidden": "true", text: ICONS[status] }), t(status)]);
  }

  // ---- Phone ----

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open", lang = ctx.workshop.language;
    var measures = MEASURES.filter(function (m) { return config[m]; });
    var orgId = ctx.participant && ctx.participant.organisation_id;
    var goals = kit().roundGoals(ctx.goals, ctx.activity);
    // The goals this organisation committed to come first: those are what it reports on.
    goals = goals.filter(function (g) { return (g.commitments || {})[orgId]; }).concat(goals.filter(function (g) { return !(g.commitments || {})[orgId]; }));
    var mine = ctx.mine || [];
    function stored() {
      var value = {}, reports = mine.length ? mine[0].answer.reports || {} : {};
      Object.keys(reports).forEach(function (id) {
        var r = reports[id];
        value[id] = { status: r.status, note: r.note || "" };
        measures.forEach(function (m) { if (r[m] !== undefined) value[id][m] = String(r[m]); });
      });
      return value;
    }
    var state = kit().draft(ctx.activity.id, stored);
    if (!goals.length) {
      S.render(container, el("p", { class: "waiting", text: t("no_goals") }));
      return { updateMine: function () {} };
    }
    var org = S.organisationMap(ctx.workshop)[orgId];
    var list = el("div", { class: "pr-goals" });
    var status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    var button = el("button", { type: "button", class: "button primary block" });

    function entry(goal) { return state.value[goal.id] || (state.value[goal.id] = { status: null, note: "" }); }

    function block(goal, index) {
      var r = entry(goal), name = "pr-" + ctx.activity.id + "-" + goal.id;
      var pledge = (goal.commitments || {})[orgId];
      var choices = STATUSES.map(function (s) {
        var input = el("input", { type: "radio", name: name, value: s, disabled: !open });
        input.checked = r.status === s;
        input.addEventListener("change", function () { r.status = s; state.dirty = true; status.textContent = ""; });
        return el("label", { class: "pr-choice pr-" + s }, [input, el("span", { class: "pr-icon", "aria-hidden": "true", text: ICONS[s] }), el("span", { text: t(s) })]);
      });
      var inputs = measures.map(function (m) {
        var id = "pr-" + m + "-" + goal.id;
        var input = el("input", { id: id, type: "text", inputmode: "numeric", autocomplete: "off", disabled: !open, maxlength: m === "budget" ? "14" : "6" });
        input.value = r[m] || "";
        input.addEventListener("input", function () { r[m] = input.value; state.dirty = true; });
        var label = m === "hours" ? t("hours_spent") : t("budget_spent", { currency: config.currency });
        return el("div", { class: "pr-field" }, [el("label", { for: id, text: label }), input]);
      });
      var noteId = "pr-note-" + goal.id;
      var note = el("textarea", { id: noteId, rows: "2", maxlength: String(MAX_NOTE), disabled: !open });
      note.value = r.note || "";
      var left = el("p", { class: "hint counter" });
      function count() { left.textContent = t("characters_left", { n: MAX_NOTE - note.value.length }); }
      note.addEventListener("input", function () { r.note = note.value; state.dirty = true; count(); });
      count();
      return el("fieldset", { class: "pr-goal" }, [
        el("legend", { class: "pr-legend" }, [el("span", { class: "pr-number", text: (index + 1) + ". " }), goal.text]),
        el("p", { class: "hint pr-committed", text: pledge ? t("committed", { what: amounts(pledge, config, lang, measures) }) : t("no_commitment") }),
        el("div", { class: "pr-choices", role: "radiogroup", "aria-label": t("status") }, choices),
        el("div", { class: "pr-fields" }, inputs),
        el("div", { class: "pr-note" }, [el("label", { for: noteId, text: t("note") }), note, left]),
      ]);
    }

    function draw() {
      S.render(list, goals.map(block));
      button.textContent = mine.length ? t("update") : S.t("send");
    }

    function number(text) {
      var clean = String(text || "").replace(/^\s*€\s*/, "").trim();
      if (clean === "") return null;
      if (/^\d{1,3}([.,\s\u00a0\u202f]\d{3})+$/.test(clean)) clean = clean.replace(/[.,\s\u00a0\u202f]/g, "");
      return /^\d+$/.test(clean) ? Number(clean) : text;
    }

    button.addEventListener("click", function () {
      var reports = {};
      goals.forEach(function (g) {
        var r = entry(g);
        if (!r.status) return;
        var item = { status: r.status };
        measures.forEach(function (m) { var n = number(r[m]); if (n !== null) item[m] = n; });
        if ((r.note || "").trim()) item.note = r.note;
        reports[g.id] = item;
      });
      if (!Object.keys(reports).length) { status.className = "status error"; status.textContent = t("report_something"); return; }
      S.sendAnswer(ctx, button, status, { reports: reports }, t("saved")).then(function (ack) {
        if (!ack.ok) return;
        state.dirty = false;
        button.textContent = t("update");
      });
    });

    S.render(container, [
      org ? el("p", { class: "pr-behalf" }, [t("on_behalf") + " ", S.orgLabel(org)]) : null,
      el("p", { class: "hint", text: t("intro") }),
      list,
      open ? el("div", { class: "bottom-bar" }, [status, button]) : null,
    ]);
    draw();
    return {
      updateMine: function (answers) {
        mine = answers || [];
        if (!state.dirty && mine.length) { state.value = stored(); draw(); }
      },
    };
  }

  // ---- Shared: committed versus delivered as two bars ----

  function versus(goal, data, lang) {
    var measure = data.measures[0], top = Math.max(goal.committed[measure] || 0, goal.delivered[measure] || 0, 1);
    function bar(kind, value) {
      var fill = el("span", { class: "pr-fill " + kind });
      fill.style.width = (100 * (value || 0) / top) + "%";
      return el("div", { class: "pr-bar-row" }, [
        el("span", { class: "pr-bar-label", text: t(kind + "_short") }),
        el("span", { class: "pr-track" }, [fill]),
        el("span", { class: "pr-bar-value", text: amount(measure, value, data, lang) }),
      ]);
    }
    return el("div", { class: "pr-bars" }, [bar("committed", goal.committed[measure]), bar("delivered", goal.delivered[measure])]);
  }

  function progressLine(goal) {
    var bits = [];
    if (goal.equal_voice !== null) bits.push(t("equal_voice", { n: goal.equal_voice }));
    if (goal.by_hours !== null) bits.push(t("by_hours", { n: goal.by_hours }));
    return bits.join(" · ");
  }

  // ---- Screen ----

  function screen(container, results, ctx) {
    var data = results.data, lang = ctx.workshop.language, orgs = S.organisationMap(ctx.workshop), max = 3;
    if (!data.goals.length) { S.render(container, el("p", { class: "empty", text: t("no_goals") })); return; }
    // Per organisation, over all goals: what it delivered of what it committed (the first measure asked for).
    var measure = data.measures[0];
    var perOrg = measure ? el("ul", { class: "pr-screen-totals" }, data.organisations.filter(function (o) { return orgs[o.organisation_id]; }).map(function (o) {
      return el("li", { class: "pr-screen-total" }, [
        S.orgLabel(orgs[o.organisation_id]),
        el("span", { text: t("of", { delivered: amount(measure, o.delivered[measure], data, lang), committed: amount(measure, o.committed[measure], data, lang) }) }),
      ]);
    })) : null;
    S.render(container, [
      data.organisations.length ? perOrg : null,
      el("ol", { class: "pr-screen" }, data.goals.slice(0, max).map(function (g) {
        return el("li", { class: "pr-screen-goal" }, [
          el("div", { class: "pr-screen-head" }, [
            el("p", { class: "pr-screen-text", text: g.text }),
            el("p", { class: "pr-screen-progress", text: progressLine(g) }),
          ]),
          data.measures.length ? versus(g, data, lang) : null,
          el("ul", { class: "pr-screen-orgs" }, g.by_organisation.filter(function (e) { return orgs[e.organisation_id]; }).map(function (e) {
            return el("li", { class: "pr-screen-org" }, [S.orgLabel(orgs[e.organisation_id]), statusChip(e.status, true)]);
          })),
        ]);
      })),
      kit().more(data.goals.length, max),
    ]);
  }

  // ---- Control: goals × organisations ----

  function control(container, results, ctx) {
    var data = results.data, lang = ctx.workshop.language, orgs = S.organisationMap(ctx.workshop);
    if (!data.goals.length) { S.render(container, el("p", { class: "muted", text: t("no_goals") })); return; }
    var ids = (ctx.workshop.organisations || []).map(function (o) { return o.id; }).filter(function (id) {
      return data.goals.some(function (g) { return g.by_organisation.some(function (e) { return e.organisation_id === id; }); });
    });
    function cell(entry) {
      if (!entry) return el("td", { class: "muted", text: "—" });
      return el("td", {}, [
        statusChip(entry.status),
        amounts(entry.committed, data, lang) ? el("span", { class: "pr-cell-line" }, [t("committed_short") + ": " + amounts(entry.committed, data, lang)]) : null,
        amounts(entry.delivered, data, lang) ? el("span", { class: "pr-cell-line" }, [t("delivered_short") + ": " + amounts(entry.delivered, data, lang)]) : null,
        entry.note ? el("span", { class: "pr-cell-note", text: "“" + entry.note + "”" }) : null,
        entry.note && entry.answer_id && ctx.socket ? el("button", { type: "button", class: "link-button", text: S.t("hide_answer"), onclick: function () {
          S.request(ctx.socket, "moderate", { answer_id: entry.answer_id, hidden: true });
        } }) : null,
      ]);
    }
    var waiting = data.waiting_for.filter(function (id) { return orgs[id]; }).map(function (id) { return orgs[id].name; });
    S.render(container, [
      waiting.length ? el("p", { class: "hint", text: t("waiting_for", { names: waiting.join(", ") }) }) : null,
      el("p", { class: "hint", text: t("equal_voice_hint") }),
      el("div", { class: "gk-table-wrap", tabindex: "0" }, [el("table", { class: "gk-table pr-table" }, [
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: t("goal") })]
          .concat(ids.map(function (id) { return el("th", { scope: "col" }, [S.orgLabel(orgs[id])]); })))]),
        el("tbody", {}, data.goals.map(function (g) {
          var per = {};
          g.by_organisation.forEach(function (e) { per[e.organisation_id] = e; });
          return el("tr", {}, [el("td", { class: "goal-col" }, [
            el("span", { text: g.text }),
            el("span", { class: "pr-cell-line" }, [t("committed_short") + ": " + amounts(g.committed, data, lang)]),
            el("span", { class: "pr-cell-line" }, [t("delivered_short") + ": " + amounts(g.delivered, data, lang)]),
            progressLine(g) ? el("span", { class: "pr-cell-line", text: progressLine(g) }) : null,
          ])].concat(ids.map(function (id) { return cell(per[id]); })));
        }).concat([el("tr", { class: "gk-total" }, [el("td", { text: t("total") })].concat(ids.map(function (id) {
          var o = data.organisations.filter(function (x) { return x.organisation_id === id; })[0];
          return o ? el("td", {}, [
            el("span", { class: "pr-cell-line" }, [t("committed_short") + ": " + amounts(o.committed, data, lang)]),
            el("span", { class: "pr-cell-line" }, [t("delivered_short") + ": " + amounts(o.delivered, data, lang)]),
          ]) : el("td", { class: "muted", text: "—" });
        })))])),
      ])]),
    ]);
  }

  S.kinds.progress_review = { phone: phone, control: control, screen: screen };
})();
