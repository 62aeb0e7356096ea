/* Starting point: what the directors agreed, shown to the team at the start of the kick-off. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  function t(key, params) { return S.t("starting_point." + key, params); }

  function items(list, workshop, className) {
    var orgs = S.organisationMap(workshop);
    return el("ul", { class: "sp-list " + (className || "") }, list.map(function (item) {
      var org = item.organisation_id && orgs[item.organisation_id];
      return el("li", { class: "sp-item" }, [el("span", { class: "sp-text", text: item.text }), org ? S.orgLabel(org) : null]);
    }));
  }

  function drivers(list, workshop) {
    var orgs = S.organisationMap(workshop);
    return el("ul", { class: "sp-list sp-drivers" }, list.filter(function (d) { return orgs[d.organisation_id]; }).map(function (d) {
      return el("li", { class: "sp-item" }, [S.orgLabel(orgs[d.organisation_id]), el("span", { class: "sp-text", text: d.drivers.join(" · ") })]);
    }));
  }

  /** The outcome in four blocks; the projector shows the ones with content side by side. */
  function blocks(data, workshop) {
    var found = [];
    if (data.ambitions.length) found.push(["ambitions", items(data.ambitions, workshop, "sp-agreed")]);
    if (data.mandate.length) found.push(["mandate", items(data.mandate, workshop)]);
    if (data.non_negotiables.length) found.push(["non_negotiables", items(data.non_negotiables, workshop)]);
    if (data.value_drivers.length) found.push(["value_drivers", drivers(data.value_drivers, workshop)]);
    return found.map(function (b) { return el("section", { class: "sp-block sp-" + b[0] }, [el("h2", { class: "sp-head", text: t(b[0]) }), b[1]]); });
  }

  function empty(data) { return !(data.ambitions.length || data.mandate.length || data.non_negotiables.length || data.value_drivers.length); }

  function source(data) { return data.source ? el("p", { class: "hint sp-source", text: t("from", { title: data.source, date: data.date }) }) : null; }

  function phone(container, ctx) {
    var data = ctx.activity.config;
    S.render(container, [
      el("p", { class: "hint", text: t("intro") }),
      empty(data) ? el("p", { class: "waiting", text: t("empty") }) : el("div", { class: "sp-phone" }, blocks(data, ctx.workshop)),
      source(data),
    ]);
    return { updateMine: function () {} };
  }

  function screen(container, results, ctx) {
    var data = results.data;
    if (empty(data)) { S.render(container, el("p", { class: "empty", text: t("empty") })); return; }
    var view = el("div", { class: "sp-screen-fit" }, [el("div", { class: "sp-screen" }, blocks(data, ctx.workshop)), source(data)]);
    S.render(container, view);
    S.shrinkToFit(container, view);
  }

  function control(container, results, ctx) {
    var data = results.data;
    S.render(container, [empty(data) ? el("p", { class: "muted", text: t("empty") }) : el("div", { class: "sp-control" }, blocks(data, ctx.workshop)), source(data)]);
  }

  S.kinds.starting_point = { phone: phone, control: control, screen: screen };
})();
