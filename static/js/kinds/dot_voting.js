/* Dot voting: − / + per goal on the phone; plain and equal-voice rankings side by side on the projector;
   full tables (per organisation, divergence, common ground) on the control view. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  function kit() { return S.goalKit; }

  // ---- Phone ----

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open";
    var goals = kit().roundGoals(ctx.goals, config.adopted_only);
    var cap = config.max_per_goal || config.dots;
    var mine = ctx.mine || [];
    function stored() { return mine.length ? Object.assign({}, mine[0].answer.allocation) : {}; }
    var state = kit().draft(ctx.activity.id, stored);
    if (!goals.length) {
      S.render(container, el("p", { class: "waiting", text: t("dot_voting.no_goals") }));
      return { updateMine: function () {} };
    }
    var rows = el("ol", { class: "dv-list" });
    var left = el("p", { class: "dv-left", "aria-live": "polite" });
    var status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    var button = el("button", { type: "button", class: "button primary block" });

    function spent() {
      return goals.reduce(function (sum, g) { return sum + (state.value[g.id] || 0); }, 0);
    }

    function dotsOn(n) {
      var marks = [];
      for (var i = 0; i < n; i++) marks.push(el("span", { class: "dv-dot", "aria-hidden": "true" }));
      return marks;
    }

    function change(goal, delta) {
      var now = state.value[goal.id] || 0, next = now + delta;
      if (next < 0 || next > cap || (delta > 0 && spent() >= config.dots)) return;
      state.value[goal.id] = next;
      state.dirty = true;
      status.className = "status";
      status.textContent = "";
      draw();
    }

    function draw() {
      var remaining = config.dots - spent();
      S.render(rows, goals.map(function (g) {
        var n = state.value[g.id] || 0;
        return el("li", { class: "dv-row" + (n ? " has-dots" : "") }, [
          el("div", { class: "dv-goal" }, [
            el("p", { class: "dv-text", text: g.text }),
            el("div", { class: "dv-dots" }, dotsOn(n)),
          ]),
          el("div", { class: "dv-controls" }, [
            el("button", {
              type: "button", class: "dv-step", text: "−", "aria-label": t("dot_voting.remove_dot", { goal: g.text }),
              disabled: !open || n === 0, onclick: function () { change(g, -1); },
            }),
            el("span", { class: "dv-count", "aria-label": t("dot_voting.dots_on", { n: n }), text: String(n) }),
            el("button", {
              type: "button", class: "dv-step plus", text: "+", "aria-label": t("dot_voting.add_dot", { goal: g.text }),
              disabled: !open || remaining === 0 || n >= cap, onclick: function () { change(g, 1); },
            }),
          ]),
        ]);
      }));
      left.textContent = remaining === 0 ? t("dot_voting.no_dots_left") : remaining === 1 ? t("dot_voting.one_dot_left") : t("dot_voting.dots_left", { n: remaining });
      left.classList.toggle("done", remaining === 0);
      button.textContent = mine.length ? t("dot_voting.update") : t("send");
      button.disabled = spent() === 0;
    }

    button.addEventListener("click", function () {
      var allocation = {};
      goals.forEach(function (g) { if (state.value[g.id]) allocation[g.id] = state.value[g.id]; });
      if (!Object.keys(allocation).length) { status.className = "status error"; status.textContent = t("dot_voting.place_first"); return; }
      S.sendAnswer(ctx, button, status, { allocation: allocation }, t("dot_voting.saved")).then(function (ack) {
        if (ack.ok) state.dirty = false;
        draw();
      });
    });

    S.render(container, [
      config.max_per_goal ? el("p", { class: "hint", text: t("dot_voting.max_per_goal", { n: config.max_per_goal }) }) : null,
      rows,
      open ? el("div", { class: "bottom-bar dv-bar" }, [left, status, button]) : null,
    ]);
    draw();

    function updateMine(answers) {
      mine = answers || [];
      // Never throw away dots the participant moved but did not send yet.
      if (!state.dirty) state.value = stored();
      draw();
    }
    return { updateMine: updateMine };
  }

  // ---- Shared by screen and control ----

  function goalText(results) {
    var map = kit().goalMap(results.data.goals);
    return function (id) { return map[id] ? map[id].text : "?"; };
  }

  function bars(rows, valueOf, labelOf, format, className) {
    var top = Math.max.apply(null, rows.map(valueOf).concat([1]));
    // With a few goals there is room for a long goal on two lines instead of cutting it off.
    return el("ol", { class: "dv-bars " + (className || "") + (rows.length <= 4 ? " roomy" : "") }, rows.map(function (row) {
      var fill = el("span", { class: "dv-fill" });
      fill.style.width = (100 * valueOf(row) / top) + "%";
      // The bar runs behind its label, so a long goal gets the whole width of the column.
      return el("li", { class: "dv-bar-row" }, [
        fill,
        el("span", { class: "dv-bar-label" }, labelOf(row)),
        el("span", { class: "dv-value", text: format(valueOf(row)) }),
      ]);
    }));
  }

  // ---- Screen: plain and equal voice side by side ----

  function screen(container, results, ctx) {
    var data = results.data, max = 6, lang = ctx.workshop.language, text = goalText(results);
    if (!data.goals.length) { S.render(container, el("p", { class: "empty", text: t("dot_voting.no_goals") })); return; }
    var plainRank = {};
    data.ranking.forEach(function (r) { plainRank[r.goal_id] = r.rank; });
    function label(row) {
      return [el("span", { class: "dv-rank", text: row.rank + "." }), el("span", { class: "dv-label-text", text: text(row.goal_id) })];
    }
    function evLabel(row) {
      var moved = plainRank[row.goal_id] - row.rank, parts = label(row);
      if (moved) parts.push(el("span", { class: "dv-moved " + (moved > 0 ? "up" : "down"), text: (moved > 0 ? "▲" : "▼") + Math.abs(moved) }));
      return parts;
    }
    var common = data.common_ground.map(text);
    S.render(container, [
      el("div", { class: "dv-columns" }, [
        el("section", { class: "dv-column" }, [
          el("h2", { class: "dv-head", text: t("dot_voting.all_dots") }),
          el("p", { class: "dv-sub", text: t("dot_voting.all_dots_hint") }),
          bars(data.ranking.slice(0, max), function (r) { return r.dots; }, label, function (v) { return kit().number(v, lang); }, "plain"),
          kit().more(data.ranking.length, max, "dot_voting.more"),
        ]),
        el("section", { class: "dv-column equal" }, [
          el("h2", { class: "dv-head", text: t("dot_voting.equal_voice") }),
          el("p", { class: "dv-sub", text: t("dot_voting.equal_voice_hint") }),
          bars(data.equal_voice.slice(0, max), function (r) { return r.points; }, evLabel, function (v) { return kit().number(v, lang, 1); }, "equal"),
          kit().more(data.equal_voice.length, max, "dot_voting.more"),
        ]),
      ]),
      common.length ? el("p", { class: "dv-common" }, [el("strong", { text: t("dot_voting.common_ground") + ": " }), common.join(" · ")]) : null,
    ]);
  }

  // ---- Control: the full tables ----

  function table(head, body, className) {
    return el("div", { class: "gk-table-wrap" }, [el("table", { class: "gk-table " + (className || "") }, [
      el("thead", {}, [el("tr", {}, head.map(function (h) { return el("th", { scope: "col" }, [h]); }))]),
      el("tbody", {}, body),
    ])]);
  }

  function control(container, results, ctx) {
    var data = results.data, lang = ctx.workshop.language, text = goalText(results);
    var orgs = S.organisationMap(ctx.workshop);
    if (!data.goals.length) { S.render(container, el("p", { class: "muted", text: t("dot_voting.no_goals") })); return; }
    var points = {}, evRank = {};
    data.equal_voice.forEach(function (e) { points[e.goal_id] = e.points; evRank[e.goal_id] = e.rank; });
    var shown = data.organisations_shown.filter(function (id) { return orgs[id]; });

    var ranking = table(
      [t("dot_voting.rank"), t("dot_voting.goal"), t("dot_voting.dots"), t("dot_voting.equal_voice"), t("dot_voting.rank")],
      data.ranking.map(function (r) {
        return el("tr", {}, [
          el("td", { class: "num", text: String(r.rank) }),
          el("td", { class: "goal-col", text: text(r.goal_id) }),
          el("td", { class: "num", text: kit().number(r.dots, lang) }),
          el("td", { class: "num", text: kit().number(points[r.goal_id], lang, 1) }),
          el("td", { class: "num" + (evRank[r.goal_id] !== r.rank ? " dv-changed" : ""), text: String(evRank[r.goal_id]) }),
        ]);
      })
    );

    var byOrg = data.by_organisation, perOrg = null;
    if (shown.length) {
      var cell = {};
      shown.forEach(function (id) {
        cell[id] = {};
        byOrg[String(id)].goals.forEach(function (g) { cell[id][g.goal_id] = g; });
      });
      perOrg = table(
        [t("dot_voting.goal")].concat(shown.map(function (id) { return S.orgLabel(orgs[id]); })),
        data.ranking.map(function (r) {
          return el("tr", {}, [el("td", { class: "goal-col", text: text(r.goal_id) })].concat(shown.map(function (id) {
            var g = cell[id][r.goal_id];
            return el("td", { class: "num" }, [kit().number(g.dots, lang), el("span", { class: "dv-small", text: " (#" + g.rank + ")" })]);
          })));
        }).concat([el("tr", { class: "gk-total" }, [el("td", { text: t("dot_voting.total") })].concat(shown.map(function (id) {
          return el("td", { class: "num", text: kit().number(byOrg[String(id)].dots, lang) + " · " + (byOrg[String(id)].voters === 1 ? t("dot_voting.voters_one") : t("dot_voting.voters", { n: byOrg[String(id)].voters })) });
        })))])
      );
    }

    var divergence = data.comparable
      ? table(
        [t("dot_voting.goal"), t("dot_voting.difference")].concat(shown.map(function (id) { return S.orgLabel(orgs[id]); })),
        data.divergence.map(function (d) {
          return el("tr", {}, [
            el("td", { class: "goal-col", text: text(d.goal_id) }),
            el("td", { class: "num", text: String(d.divergence) }),
          ].concat(shown.map(function (id) { return el("td", { class: "num", text: "#" + d.ranks[String(id)] }); })));
        })
      )
      : el("p", { class: "muted", text: t("dot_voting.too_few_organisations") });

    var common = !data.comparable
      ? el("p", { class: "muted", text: t("dot_voting.too_few_organisations") })
      : data.common_ground.length
        ? el("ul", { class: "dv-common-list" }, data.common_ground.map(function (id) { return el("li", { text: text(id) }); }))
        : el("p", { class: "muted", text: t("dot_voting.no_common_ground", { k: data.top_k }) });

    var hiddenOrgs = data.organisations_counted.filter(function (id) { return shown.indexOf(id) < 0; });
    S.render(container, [
      el("div", { class: "dv-control" }, [
        el("h3", { text: t("dot_voting.all_dots") + " · " + t("dot_voting.equal_voice") }),
        el("p", { class: "hint", text: t("dot_voting.equal_voice_hint") }),
        ranking,
        el("h3", { text: t("dot_voting.per_organisation") }),
        perOrg || el("p", { class: "muted", text: t("no_answers") }),
        hiddenOrgs.length ? el("p", { class: "hint", text: t("dot_voting.not_shown", { k: results.privacy_threshold }) }) : null,
        el("h3", { text: t("dot_voting.divergence") }),
        el("p", { class: "hint", text: t("dot_voting.divergence_hint") }),
        divergence,
        el("h3", { text: t("dot_voting.common_ground") }),
        el("p", { class: "hint", text: t("dot_voting.common_ground_hint", { k: data.top_k }) }),
        common,
      ]),
    ]);
  }

  S.kinds.dot_voting = { phone: phone, control: control, screen: screen };
})();
