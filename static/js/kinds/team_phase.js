/* Team phase: four phase cards on the phone; counts and each organisation's most chosen phase on screens. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  var PHASES = ["forming", "storming", "norming", "performing"];
  function t(key, params) { return S.t("team_phase." + key, params); }

  function phone(container, ctx) {
    var open = ctx.activity.state === "open";
    var cards = PHASES.map(function (phase, i) {
      return el("label", { class: "choice big phase-card", for: "phase-" + phase }, [
        el("input", { type: "radio", name: "phase", value: phase, id: "phase-" + phase }),
        el("span", { class: "phase-body" }, [
          el("span", { class: "phase-title" }, [el("span", { class: "phase-step", text: String(i + 1) }), t(phase)]),
          el("span", { class: "phase-text", text: t(phase + "_text") }),
        ]),
      ]);
    });
    var form = S.answerForm(ctx, {
      updateLabel: t("update"),
      fields: [el("fieldset", {}, [el("legend", { class: "visually-hidden", text: S.t("pick") }), el("div", { class: "choices" }, cards)])],
      collect: function () {
        var picked = form.form.querySelector("input[name=phase]:checked");
        return picked ? { phase: picked.value } : S.t("pick");
      },
    });
    var list = el("ul", { class: "mine-list" });

    function updateMine(mine) {
      var a = mine && mine[0] ? mine[0].answer : null;
      S.render(list, a ? [el("li", { class: "mine-item" }, [
        el("p", { class: "mine-text", text: t("yours", { phase: t(a.phase) }) }), open ? el("p", { class: "hint", text: t("can_change") }) : null,
      ])] : []);
      if (a && !form.isDirty()) form.form.querySelectorAll("input[name=phase]").forEach(function (input) { input.checked = input.value === a.phase; });
      form.setSaved(!!a);
    }
    S.render(container, [open ? form.form : null, list]);
    updateMine(ctx.mine || []);
    return { updateMine: updateMine };
  }

  /** Organisations (label and colour) whose most chosen phase includes `phase`. */
  function leaders(results, ctx, phase) {
    var tops = results.data.most_chosen_by_organisation;
    return (ctx.workshop.organisations || []).filter(function (org) {
      return (tops[String(org.id)] || []).indexOf(phase) >= 0;
    });
  }

  function control(container, results, ctx) {
    var data = results.data;
    if (!results.answers) return S.empty(container);
    var scale = S.barScale(data.phases.map(function (p) { return p.count; }));
    var shown = (ctx.workshop.organisations || []).filter(function (o) { return data.organisations_shown.indexOf(o.id) >= 0; });
    S.render(container, [
      el("div", { class: "bars" }, data.phases.map(function (p) {
        return el("div", { class: "bar-row" }, [
          el("span", { class: "bar-label", text: t(p.id) }),
          el("span", { class: "bar-track" }, [S.barFill("bar-fill", scale, p.count)]),
          el("span", { class: "bar-value", text: String(p.count) }),
        ]);
      })),
      shown.length ? el("table", { class: "phase-table" }, [
        el("thead", {}, el("tr", {}, [el("th", {})].concat(data.phases.map(function (p) { return el("th", { scope: "col", text: t(p.id) }); })))),
        el("tbody", {}, shown.map(function (org) {
          var tops = data.most_chosen_by_organisation[String(org.id)] || [];
          return el("tr", {}, [el("th", { scope: "row" }, [S.orgLabel(org)])].concat(data.phases.map(function (p) {
            var isTop = tops.indexOf(p.id) >= 0;
            return el("td", { class: isTop ? "top" : "", text: String(p.by_organisation[String(org.id)] || 0) + (isTop ? " ★" : "") });
          })));
        })),
      ]) : null,
      shown.length < (ctx.workshop.organisations || []).length && results.privacy_threshold > 1 ? el("p", { class: "hint", text: t("not_shown", { k: results.privacy_threshold }) }) : null,
    ]);
  }

  function screen(container, results, ctx) {
    var data = results.data;
    if (!results.answers) return S.empty(container);
    var scale = S.barScale(data.phases.map(function (p) { return p.count; }));
    S.render(container, el("div", { class: "phase-screen" }, data.phases.map(function (p, i) {
      var bar = el("span", { class: "phase-fill" });
      bar.style.height = scale(p.count);
      var orgs = leaders(results, ctx, p.id);
      return el("section", { class: "phase-column" + (data.most_chosen.indexOf(p.id) >= 0 ? " top" : "") }, [
        el("h2", { class: "phase-title" }, [el("span", { class: "phase-step", text: String(i + 1) }), t(p.id)]),
        el("p", { class: "phase-text", text: t(p.id + "_text") }),
        el("p", { class: "phase-count", text: String(p.count) }),
        el("div", { class: "phase-bar" }, [bar]),
        orgs.length ? el("div", { class: "phase-leaders" }, [
          el("p", { class: "phase-leaders-head", text: t("most_chosen") }),
          el("ul", {}, orgs.map(function (org) { return el("li", {}, [S.orgLabel(org)]); })),
        ]) : null,
      ]);
    })));
  }

  S.kinds.team_phase = { phone: phone, control: control, screen: screen };
})();
