/* Consent round: per goal consent / concern / objection on the phone; pass or blocked per goal on the projector. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var POSITIONS = ["consent", "concern", "objection"];
  var ICONS = { consent: "✓", concern: "!", objection: "✕" };
  var MAX_REASON = 300;
  function kit() { return S.goalKit; }

  // ---- Phone ----

  function phone(container, ctx) {
    var open = ctx.activity.state === "open";
    var goals = kit().roundGoals(ctx.goals, ctx.activity);
    var mine = ctx.mine || [];
    function stored() { return mine.length ? JSON.parse(JSON.stringify(mine[0].answer.responses)) : {}; }
    var state = S.draft(ctx.draftKey, stored);
    if (!goals.length) { S.empty(container, t("consent.no_goals")); return { updateMine: function () {} }; }
    var list = el("div", { class: "cs-goals" });
    var status = S.statusLine();
    var canChange = el("p", { class: "hint", text: t("consent.can_change") });
    var button = el("button", { type: "button", class: "button primary block" });

    function response(goal) {
      return state.value[goal.id] || (state.value[goal.id] = { position: null, reason: "" });
    }

    function reasonField(goal) {
      var r = response(goal), id = "cs-reason-" + goal.id;
      var area = el("textarea", { id: id, rows: "3", maxlength: String(MAX_REASON), disabled: !open });
      area.value = r.reason || "";
      var counter = el("p", { class: "hint counter" });
      var count = function () { counter.textContent = t("consent.characters_left", { n: MAX_REASON - area.value.length }); };
      area.addEventListener("input", function () { r.reason = area.value; state.change(); count(); });
      count();
      return el("div", { class: "cs-reason" }, [
        el("label", { for: id, text: r.position === "objection" ? t("consent.reason") : t("consent.reason_optional") }),
        area, counter,
      ]);
    }

    function goalBlock(goal, index) {
      var r = response(goal), name = "cs-" + ctx.activity.id + "-" + goal.id;
      var reasonBox = el("div", {});
      function showReason() { S.render(reasonBox, r.position && r.position !== "consent" ? reasonField(goal) : null); }
      var options = POSITIONS.map(function (p) {
        var input = el("input", { type: "radio", name: name, value: p, disabled: !open });
        input.checked = r.position === p;
        input.addEventListener("change", function () {
          r.position = p;
          state.change();
          showReason();
          status.textContent = "";
        });
        return el("label", { class: "cs-choice cs-" + p }, [
          input,
          el("span", { class: "cs-icon", "aria-hidden": "true", text: ICONS[p] }),
          el("span", { class: "cs-choice-name", text: t("consent." + p) }),
        ]);
      });
      showReason();
      return el("fieldset", { class: "cs-goal" }, [
        el("legend", { class: "cs-legend" }, [el("span", { class: "cs-number", text: (index + 1) + "." }), " ", goal.text]),
        el("div", { class: "cs-options" }, options),
        reasonBox,
      ]);
    }

    function problem() {
      for (var i = 0; i < goals.length; i++) {
        var r = response(goals[i]);
        if (!r.position) return t("consent.answer_all");
        if (r.position === "objection" && !(r.reason || "").trim()) return t("consent.reason_required");
      }
      return null;
    }

    function draw() {
      S.render(list, goals.map(goalBlock));
      button.textContent = mine.length ? t("consent.update") : t("send");
      canChange.hidden = !mine.length || !open;
    }

    button.addEventListener("click", function () {
      var wrong = problem();
      if (wrong) { S.complain(status, wrong); return; }
      var responses = {};
      goals.forEach(function (g) {
        var r = response(g);
        responses[g.id] = r.position === "consent" ? { position: "consent" } : { position: r.position, reason: r.reason || "" };
      });
      S.sendAnswer(ctx, button, status, { responses: responses }, t("consent.saved")).then(function (ack) {
        if (!ack.ok) return;
        state.sent();
        button.textContent = t("consent.update");
      });
    });

    S.render(container, [
      el("p", { class: "hint", text: t("consent.intro") }),
      el("ul", { class: "cs-key" }, POSITIONS.map(function (p) {
        return el("li", { class: "cs-" + p }, [
          el("span", { class: "cs-icon", "aria-hidden": "true", text: ICONS[p] }),
          el("span", {}, [el("strong", { text: t("consent." + p) + ": " }), t("consent." + p + "_hint")]),
        ]);
      })),
      list,
      canChange,
      open ? S.bottomBar(status, button) : null,
    ]);
    draw();

    return {
      updateMine: function (answers) {
        var had = mine.length;
        mine = answers || [];
        if (!state.dirty && mine.length) { state.value = stored(); draw(); }
        else if (had !== mine.length) {
          button.textContent = mine.length ? t("consent.update") : t("send");
          canChange.hidden = !mine.length || !open;
        }
      },
    };
  }

  // ---- Shared ----

  function verdict(goal, big) {
    var kind = goal.passes ? "pass" : goal.responses ? "blocked" : "waiting";
    var icon = { pass: "✓", blocked: "✕", waiting: "…" }[kind];
    var label = { pass: t("consent.passes"), blocked: t("consent.blocked"), waiting: t("consent.waiting") }[kind];
    return el("span", { class: "cs-verdict " + kind + (big ? " big" : "") }, [el("span", { "aria-hidden": "true", text: icon }), label]);
  }

  function counts(c) {
    return el("span", { class: "cs-counts" }, POSITIONS.map(function (p) {
      return el("span", { class: "cs-count cs-" + p }, [
        el("span", { class: "cs-icon", "aria-hidden": "true", text: ICONS[p] }),
        t("consent.count_" + p) + ": ", el("strong", { text: String(c[p]) }),
      ]);
    }));
  }

  // ---- Screen ----

  /** Pass or blocked per goal, with every objection's reason in full (the room talks about them); pages when long. */
  function screen(container, results, ctx) {
    var goals = results.data.goals;
    if (!goals.length) return S.empty(container, t("consent.no_goals"));
    var orgs = S.organisationMap(ctx.workshop);
    var list = el("ol", { class: "cs-screen" }), mark = S.pageMark();
    S.render(container, [list, el("div", { class: "cs-foot" }, [mark])]);
    S.pagedLists(container, [{ list: list, mark: mark, nodes: goals.map(function (g) {
      var reasons = g.passes ? [] : g.objections;
      return el("li", { class: "cs-screen-row" }, [
        verdict(g, true),
        el("div", { class: "cs-screen-body" }, [
          el("p", { class: "cs-screen-text", text: g.text }),
          counts(g.counts),
          reasons.length ? el("ul", { class: "cs-screen-reasons" }, reasons.map(function (r) {
            return el("li", {}, [r.organisation_id && orgs[r.organisation_id] ? S.orgLabel(orgs[r.organisation_id]) : null, el("span", { text: "“" + r.reason + "”" })]);
          })) : null,
        ]),
      ]);
    }) }]);
  }

  // ---- Control ----

  function reasonList(items, ctx, orgs) {
    return el("ul", { class: "items" }, items.map(function (r) {
      return el("li", { class: "item" + (r.hidden ? " hidden-item" : "") }, [
        el("span", { text: r.reason }),
        el("span", { class: "cs-reason-meta" }, [
          r.organisation_id && orgs[r.organisation_id] ? S.orgLabel(orgs[r.organisation_id]) : null,
          r.hidden ? el("span", { class: "tag warn", text: t("consent.hidden") }) : null,
          r.answer_id && ctx.socket ? el("button", {
            type: "button", class: "link-button", text: r.hidden ? t("consent.show_reason") : t("consent.hide_reason"),
            onclick: function () { S.request(ctx.socket, "moderate", { answer_id: r.answer_id, hidden: !r.hidden }); },
          }) : null,
        ]),
      ]);
    }));
  }

  function control(container, results, ctx) {
    var data = results.data, orgs = S.organisationMap(ctx.workshop);
    if (!data.goals.length) return S.empty(container, t("consent.no_goals"));
    S.render(container, [
      el("p", { class: "cs-summary", text: data.all_pass ? t("consent.all_pass") : data.blocked ? t("consent.some_blocked", { n: data.blocked }) : "" }),
      el("div", { class: "cs-control" }, data.goals.map(function (g) {
        var perOrg = Object.keys(g.by_organisation).filter(function (id) { return orgs[id]; });
        return el("section", { class: "cs-card" }, [
          el("div", { class: "cs-card-head" }, [verdict(g), el("h3", { text: g.text })]),
          kit().table(
            [t("consent.responses", { n: g.responses })].concat(POSITIONS.map(function (p) {
              return el("th", { scope: "col", class: "num cs-" + p }, [el("span", { class: "cs-icon", "aria-hidden": "true", text: ICONS[p] }), " " + t("consent.count_" + p)]);
            })),
            perOrg.map(function (id) {
              return el("tr", {}, [el("td", {}, [S.orgLabel(orgs[id])])].concat(POSITIONS.map(function (p) {
                return el("td", { class: "num", text: String(g.by_organisation[id][p]) });
              })));
            }).concat([el("tr", { class: "gk-total" }, [el("td", { text: t("consent.everyone") })].concat(POSITIONS.map(function (p) {
              return el("td", { class: "num", text: String(g.counts[p]) });
            })))]),
            "cs-table",
            g.text
          ),
          g.objections.length ? el("h4", { text: t("consent.objections") }) : null,
          g.objections.length ? reasonList(g.objections, ctx, orgs) : null,
          g.concerns.length ? el("h4", { text: t("consent.concerns") }) : null,
          g.concerns.length ? reasonList(g.concerns, ctx, orgs) : null,
        ]);
      })),
    ]);
  }

  S.kinds.consent = { phone: phone, control: control, screen: screen };
})();
