/* Poll: one or more choices on the phone; horizontal bars with numbers on the projector. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  var MAX_ON_SCREEN = 6;
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
    var status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    var button = el("button", { type: "submit", class: "button primary block", text: S.t("send") });
    var form = el("form", { class: "stack answer-form", novalidate: true }, [
      el("fieldset", {}, [el("legend", { text: instruction(config) }), el("div", { class: "choices" }, options)]),
      el("div", { class: "bottom-bar" }, [status, button]),
    ]);
    var dirty = false;
    form.addEventListener("change", function () { dirty = true; limit(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var choices = inputs.filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
      if (!choices.length) { status.className = "status error"; status.textContent = t("choose_first"); return; }
      S.sendAnswer(ctx, button, status, { choices: choices }).then(function (ack) {
        if (ack.ok) dirty = false;
      });
    });
    var list = el("ul", { class: "mine-list" });

    function updateMine(mine) {
      var a = mine && mine[0] ? mine[0].answer : null;
      var names = a ? a.choices.map(function (i) { return config.options[i]; }).join(", ") : "";
      S.render(list, a ? [el("li", { class: "mine-item" }, [
        el("p", { class: "mine-text", text: t("yours", { choices: names }) }), open ? el("p", { class: "hint", text: t("can_change") }) : null,
      ])] : []);
      if (a && !dirty) inputs.forEach(function (i) { i.checked = a.choices.indexOf(Number(i.value)) >= 0; });
      limit();
      button.textContent = a ? t("update") : S.t("send");
    }
    S.render(container, [open ? form : null, list]);
    updateMine(ctx.mine || []);
    return { updateMine: updateMine };
  }

  function shownOrganisations(results, ctx) {
    return (ctx.workshop.organisations || []).filter(function (o) { return results.data.organisations_shown.indexOf(o.id) >= 0; });
  }

  function control(container, results, ctx) {
    var data = results.data;
    if (!data.respondents) { S.render(container, el("p", { class: "muted", text: S.t("no_answers") })); return; }
    var top = Math.max.apply(null, data.options.map(function (o) { return o.count; }).concat([1]));
    var orgs = shownOrganisations(results, ctx);
    S.render(container, [
      el("div", { class: "bars" }, data.options.map(function (o) {
        var bar = el("span", { class: "bar-fill" });
        bar.style.width = (100 * o.count / top) + "%";
        return el("div", { class: "bar-row poll-row" }, [
          el("span", { class: "bar-label", text: o.text }),
          el("span", { class: "bar-track" }, [bar]),
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

  function screen(container, results, ctx) {
    var data = results.data;
    if (!data.respondents) { S.render(container, el("p", { class: "empty", text: S.t("no_answers") })); return; }
    var options = data.options.slice();
    // More than fit on a projector: show the ones chosen most.
    if (options.length > MAX_ON_SCREEN) options = options.sort(function (a, b) { return b.count - a.count || a.index - b.index; }).slice(0, MAX_ON_SCREEN);
    var rest = data.options.length - options.length;
    var top = Math.max.apply(null, options.map(function (o) { return o.count; }).concat([1]));
    var orgs = options.length <= 4 ? shownOrganisations(results, ctx) : [];
    S.render(container, el("div", { class: "poll-screen" + (options.length > 4 ? " dense" : "") }, [
      el("ol", { class: "poll-bars" }, options.map(function (o) {
        var fill = el("span", { class: "poll-fill" }, [el("span", { class: "poll-number", text: o.count + " · " + o.percent + "%" })]);
        fill.style.width = Math.max(100 * o.count / top, 0) + "%";
        return el("li", { class: "poll-option" + (o.count ? "" : " zero") }, [
          el("p", { class: "poll-label", text: o.text }),
          el("div", { class: "poll-track" }, [fill]),
          orgs.length ? el("p", { class: "poll-orgs" }, orgs.map(function (org) {
            return el("span", { class: "poll-org" }, [S.orgLabel(org), " " + o.by_organisation[String(org.id)].percent + "%"]);
          })) : null,
        ]);
      })),
      rest > 0 ? el("p", { class: "more", text: t("more_options", { n: rest }) }) : null,
    ]));
  }

  S.kinds.poll = { phone: phone, control: control, screen: screen };
})();
