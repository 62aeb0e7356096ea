/* Dot voting: − / + per goal on the phone; plain and equal-voice rankings side by side on the projector;
   full tables (per organisation, divergence, common ground) on the control view. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  function kit() { return S.goalKit; }

  // ---- Phone ----

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open";
    var goals = kit().roundGoals(ctx.goals, ctx.activity);
    var cap = config.max_per_goal || config.dots;
    var mine = ctx.mine || [];
    function stored() { return mine.length ? Object.assign({}, mine[0].answer.allocation) : {}; }
    // Dots moved but not sent yet survive a redraw and a reload of the page.
    var state = S.draft(ctx.draftKey, stored);
    if (!goals.length) { S.empty(container, t("dot_voting.no_goals")); return { updateMine: function () {} }; }
    var rows = el("ol", { class: "dv-list" });
    var left = el("p", { class: "dv-left", "aria-live": "polite" });
    var status = S.statusLine();
    var button = el("button", { type: "button", class: "button primary block" });
    var canMove = el("p", { class: "hint", text: t("dot_voting.can_move") });

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
      state.change();
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
      canMove.hidden = !mine.length || !open;
    }

    button.addEventListener("click", function () {
      var allocation = {};
      goals.forEach(function (g) { if (state.value[g.id]) allocation[g.id] = state.value[g.id]; });
      if (!Object.keys(allocation).length) { S.complain(status, t("dot_voting.place_first")); return; }
      S.sendAnswer(ctx, button, status, { allocation: allocation }, t("dot_voting.saved")).then(function (ack) {
        if (ack.ok) state.sent();
        draw();
      });
    });

    S.render(container, [
      config.max_per_goal ? el("p", { class: "hint", text: t("dot_voting.max_per_goal", { n: config.max_per_goal }) }) : null,
      rows,
      canMove,
      open ? S.bottomBar(status, button, left) : null,
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

  /** One bar per goal; the bar runs behind its label, so a long goal gets the whole width and wraps. */
  function barRows(rows, valueOf, labelOf, format) {
    var scale = S.barScale(rows.map(valueOf));
    return rows.map(function (row) {
      return el("li", { class: "dv-bar-row" }, [
        S.barFill("dv-fill", scale, valueOf(row)),
        el("span", { class: "dv-bar-label" }, labelOf(row)),
        el("span", { class: "dv-value", text: format(valueOf(row)) }),
      ]);
    });
  }

  // ---- Screen: plain and equal voice side by side ----

  function screen(container, results, ctx) {
    var data = results.data, lang = ctx.workshop.language, text = goalText(results);
    if (!data.goals.length) return S.empty(container, t("dot_voting.no_goals"));
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
    var plain = { list: el("ol", { class: "dv-bars plain" }), mark: S.pageMark(),
      nodes: barRows(data.ranking, function (r) { return r.dots; }, label, function (v) { return kit().number(v, lang); }) };
    var equal = { list: el("ol", { class: "dv-bars equal" }), mark: S.pageMark(),
      nodes: barRows(data.equal_voice, function (r) { return r.points; }, evLabel, function (v) { return kit().number(v, lang, 1); }) };
    function column(part, head, hint, extra) {
      return el("section", { class: "dv-column" + extra }, [
        el("h2", { class: "dv-head" }, [head, " ", part.mark]),
        el("p", { class: "dv-sub", text: hint }),
        part.list,
      ]);
    }
    var common = data.common_ground.map(text);
    S.render(container, [
      el("div", { class: "dv-columns" }, [
        column(plain, t("dot_voting.all_dots"), t("dot_voting.all_dots_hint"), ""),
        column(equal, t("dot_voting.equal_voice"), t("dot_voting.equal_voice_hint"), " equal"),
      ]),
      // Common ground is what the room builds on: every goal in full, wrapping, never cut off.
      common.length ? el("div", { class: "dv-common" }, [
        el("strong", { text: t("dot_voting.common_ground") + ": " }),
        el("ul", { class: "dv-common-goals" }, common.map(function (goal) { return el("li", { text: goal }); })),
      ]) : null,
    ]);
    S.pagedLists(container, [plain, equal]);
  }

  // ---- Screen: where organisations rank a goal differently ----

  /** Per goal, each organisation's place in its own ranking as a marker on one line: markers far apart
      mean the organisations disagree about that goal; together, that they agree. Most different first. */
  function divergence(container, results, ctx) {
    var data = results.data, text = goalText(results);
    if (!data.goals.length) return S.empty(container, t("dot_voting.no_goals"));
    if (!data.comparable) return S.empty(container, t("dot_voting.too_few_organisations"));
    var orgs = S.organisationMap(ctx.workshop);
    var shown = data.organisations_shown.filter(function (id) { return orgs[id]; });
    var places = data.goals.length;
    function at(rank) { return (100 * (rank - 0.5)) / places + "%"; }
    function marker(id) {
      var org = orgs[id], number = shown.indexOf(id) + 1;
      var dot = el("span", { class: "dvd-dot", colour: org.colour, title: org.name, text: String(number) });
      dot.style.color = kit().inkOn(org.colour);
      return dot;
    }
    var rows = data.divergence.slice().sort(function (a, b) { return b.divergence - a.divergence; }).map(function (d) {
      var ranks = shown.map(function (id) { return d.ranks[String(id)]; });
      var low = Math.min.apply(null, ranks), high = Math.max.apply(null, ranks);
      var spread = el("span", { class: "dvd-spread" });
      spread.style.left = at(low);
      spread.style.width = "calc(" + at(high) + " - " + at(low) + ")";
      var stacks = {}, tallest = 1;
      shown.forEach(function (id) {
        var at = stacks[d.ranks[String(id)]] = stacks[d.ranks[String(id)]] || [];
        at.push(id);
        tallest = Math.max(tallest, at.length);
      });
      var track = el("div", { class: "dvd-track" }, [spread].concat(Object.keys(stacks).map(function (rank) {
        var stack = el("span", { class: "dvd-stack" }, stacks[rank].map(marker));
        stack.style.left = at(Number(rank));
        return stack;
      })));
      // Organisations that share a place stack up; the line grows so every marker stays inside it.
      track.style.minHeight = (tallest * 52 + 12) + "px";
      var apart = d.divergence === 0 ? t("dot_voting.same_place") : d.divergence === 1 ? t("dot_voting.places_apart_one") : t("dot_voting.places_apart", { n: d.divergence });
      return el("li", { class: "dvd-row" + (d.divergence === 0 ? " agree" : "") }, [
        el("p", { class: "dvd-goal", text: text(d.goal_id) }),
        track,
        el("p", { class: "dvd-apart", text: apart }),
      ]);
    });
    var axis = [];
    for (var rank = 1; rank <= places; rank++) {
      var tick = el("span", { class: "dvd-tick", text: String(rank) });
      tick.style.left = at(rank);
      axis.push(tick);
    }
    var part = { list: el("ol", { class: "dvd-rows" }), mark: S.pageMark(), nodes: rows };
    S.render(container, el("div", { class: "dvd" }, [
      el("ul", { class: "dvd-legend" }, shown.map(function (id) {
        return el("li", { class: "dvd-legend-item" }, [marker(id), el("span", { text: orgs[id].name })]);
      })),
      el("div", { class: "dvd-head" }, [
        el("p", { class: "dvd-head-goal", text: t("dot_voting.divergence_axis") }),
        el("div", { class: "dvd-axis", "aria-hidden": "true" }, axis),
        el("p", { class: "dvd-head-apart" }, [part.mark]),
      ]),
      part.list,
    ]));
    S.pagedLists(container, [part]);
  }

  // ---- Control: the full tables ----

  function table(head, body, label) { return kit().table(head, body, "", label); }

  function control(container, results, ctx) {
    var data = results.data, lang = ctx.workshop.language, text = goalText(results);
    var orgs = S.organisationMap(ctx.workshop);
    if (!data.goals.length) return S.empty(container, t("dot_voting.no_goals"));
    var points = {}, evRank = {};
    data.equal_voice.forEach(function (e) { points[e.goal_id] = e.points; evRank[e.goal_id] = e.rank; });
    var shown = data.organisations_shown.filter(function (id) { return orgs[id]; });

    var goals = kit().goalMap(data.goals), status = el("p", { class: "error", role: "alert", hidden: true });
    /** Adopting from the results: the goals the room chose go on to consent and commitments. */
    function adoptButton(goalId) {
      var adopted = !!(goals[goalId] && goals[goalId].adopted), label = text(goalId);
      return el("button", {
        type: "button", class: "button small" + (adopted ? " adopted" : " primary-outline"), "data-action": adopted ? "unadopt" : "adopt",
        "aria-pressed": adopted ? "true" : "false", title: (adopted ? t("dot_voting.unadopt") : t("dot_voting.adopt")) + ": " + label,
        text: adopted ? "✓ " + t("dot_voting.adopted") : t("dot_voting.adopt"),
        onclick: function (event) {
          event.currentTarget.disabled = true;
          S.request(ctx.socket, "goal_update", { goal_id: goalId, adopted: !adopted }).then(function (ack) {
            status.hidden = ack.ok;
            status.textContent = ack.ok ? "" : ack.error.message;
          });
        },
      });
    }

    var ranking = table(
      [t("dot_voting.rank"), t("dot_voting.goal"), t("dot_voting.dots"), t("dot_voting.equal_voice"), t("dot_voting.rank"), t("dot_voting.adopted")],
      data.ranking.map(function (r) {
        return el("tr", { "data-goal-id": String(r.goal_id) }, [
          el("td", { class: "num", text: String(r.rank) }),
          el("td", { class: "goal-col", text: text(r.goal_id) }),
          el("td", { class: "num", text: kit().number(r.dots, lang) }),
          el("td", { class: "num", text: kit().number(points[r.goal_id], lang, 1) }),
          el("td", { class: "num" + (evRank[r.goal_id] !== r.rank ? " dv-changed" : ""), text: String(evRank[r.goal_id]) }),
          el("td", { class: "dv-adopt" }, [adoptButton(r.goal_id)]),
        ]);
      }),
      t("dot_voting.all_dots") + " · " + t("dot_voting.equal_voice")
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
        })))]),
        t("dot_voting.per_organisation")
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
        }),
        t("dot_voting.divergence")
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
        el("p", { class: "hint", text: t("dot_voting.adopt_hint") }),
        ranking,
        status,
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

  S.kinds.dot_voting = { phone: phone, control: control, screen: screen, views: { divergence: divergence } };
})();
