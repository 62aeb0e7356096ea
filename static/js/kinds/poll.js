/* Poll: one or more choices on the phone; horizontal bars with numbers on the projector. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  function t(key, params) { return S.t("poll." + key, params); }

  function instruction(config) {
    if (!config.multiple) return t("pick_one");
    return config.max_choices < config.options.length ? t("pick_up_to", { n: config.max_choices }) : t("pick_any");
  }

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open";
    var type = config.multiple ? "checkbox" : "radio";
    var inputs = [];
    var options = config.options.map(function (text, index) {
      var input = el("input", { type: type, name: "choice", value: String(index), id: "poll-" + index });
      inputs.push(input);
      return el("label", { class: "choice big poll-choice", for: "poll-" + index }, [input, el("span", { text: text })]);
    });
    /** With several choices allowed, the rest is disabled once the maximum is picked. */
    function limit() {
      if (!config.multiple) return;
      var picked = inputs.filter(function (i) { return i.checked; }).length;
      inputs.forEach(function (i) { i.disabled = !i.checked && picked >= config.max_choices; });
    }
    var form = S.answerForm(ctx, {
      updateLabel: t("update"),
      fields: [el("fieldset", {}, [el("legend", { text: instruction(config) }), el("div", { class: "choices" }, options)])],
      collect: function () {
        var choices = inputs.filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
        return choices.length ? { choices: choices } : t("choose_first");
      },
    });
    form.form.addEventListener("change", limit);
    var list = el("ul", { class: "mine-list" });

    function updateMine(mine) {
      var a = mine && mine[0] ? mine[0].answer : null;
      var names = a ? a.choices.map(function (i) { return config.options[i]; }).join(", ") : "";
      S.render(list, a ? [el("li", { class: "mine-item" }, [
        el("p", { class: "mine-text", text: t("yours", { choices: names }) }), open ? el("p", { class: "hint", text: t("can_change") }) : null,
      ])] : []);
      if (a && !form.isDirty()) inputs.forEach(function (i) { i.checked = a.choices.indexOf(Number(i.value)) >= 0; });
      limit();
      form.setSaved(!!a);
    }
    S.render(container, [open ? form.form : null, list]);
    updateMine(ctx.mine || []);
    return { updateMine: updateMine };
  }

  function shownOrganisations(results, ctx) {
    return (ctx.workshop.organisations || []).filter(function (o) { return results.data.organisations_shown.indexOf(o.id) >= 0; });
  }

  function control(container, results, ctx) {
    var data = results.data;
    if (!data.respondents) return S.empty(container);
    var scale = S.barScale(data.options.map(function (o) { return o.count; }));
    var orgs = shownOrganisations(results, ctx);
    S.render(container, [
      el("div", { class: "bars" }, data.options.map(function (o) {
        return el("div", { class: "bar-row poll-row" }, [
          el("span", { class: "bar-label", text: o.text }),
          el("span", { class: "bar-track" }, [S.barFill("bar-fill", scale, o.count)]),
          el("span", { class: "bar-value", text: o.count + " · " + o.percent + "%" }),
        ]);
      })),
      orgs.length ? el("table", { class: "poll-table" }, [
        el("thead", {}, el("tr", {}, [el("th", {})].concat(orgs.map(function (org) {
          return el("th", { scope: "col" }, [S.orgLabel(org), el("span", { class: "hint", text: " (" + data.respondents_by_organisation[String(org.id)] + ")" })]);
        })))),
        el("tbody", {}, data.options.map(function (o) {
          return el("tr", {}, [el("th", { scope: "row", text: o.text })].concat(orgs.map(function (org) {
            var c = o.by_organisation[String(org.id)];
            return el("td", { text: c.count + " · " + c.percent + "%" });
          })));
        })),
      ]) : null,
      orgs.length < (ctx.workshop.organisations || []).length && results.privacy_threshold > 1 ? el("p", { class: "hint", text: t("not_shown", { k: results.privacy_threshold }) }) : null,
    ]);
  }

  /** Bars with the numbers on them, options in their own order; more than fit come on the next page. */
  function screen(container, results, ctx) {
    var data = results.data;
    if (!data.respondents) return S.empty(container);
    var scale = S.barScale(data.options.map(function (o) { return o.count; }));
    var orgs = data.options.length <= 4 ? shownOrganisations(results, ctx) : [];
    var part = { list: el("ol", { class: "poll-bars" }), mark: S.pageMark(), nodes: data.options.map(function (o) {
      return el("li", { class: "poll-option" + (o.count ? "" : " zero") }, [
        el("p", { class: "poll-label", text: o.text }),
        el("div", { class: "poll-track" }, [S.barFill("poll-fill", scale, o.count, [el("span", { class: "poll-number", text: o.count + " · " + o.percent + "%" })])]),
        orgs.length ? el("p", { class: "poll-orgs" }, orgs.map(function (org) {
          return el("span", { class: "poll-org" }, [S.orgLabel(org), " " + o.by_organisation[String(org.id)].percent + "%"]);
        })) : null,
      ]);
    }) };
    S.render(container, el("div", { class: "poll-screen" + (data.options.length > 4 ? " dense" : "") }, [part.list, el("div", { class: "poll-foot" }, [part.mark])]));
    S.pagedLists(container, [part]);
  }

  S.kinds.poll = { phone: phone, control: control, screen: screen };
})();
