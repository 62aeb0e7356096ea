/* Introductions: what I bring and what I come to get; columns per organisation on the projector. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  function t(key, params) { return S.t("introductions." + key, params); }

  function field(id, label, hint, maxLength) {
    var area = el("textarea", { id: id, rows: "3", maxlength: String(maxLength), required: true, "aria-describedby": id + "-hint" });
    var counter = el("span", { class: "counter" });
    function update() { counter.textContent = " · " + S.t("characters_left", { n: maxLength - area.value.length }); }
    area.addEventListener("input", update);
    update();
    return {
      area: area, update: update,
      node: el("div", { class: "field" }, [el("label", { for: id, text: label }), area, el("p", { class: "hint", id: id + "-hint" }, [hint, counter])]),
    };
  }

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open";
    var bring = field("intro-bring", t("bring"), t("bring_hint"), config.max_length);
    var get = field("intro-get", t("get"), t("get_hint"), config.max_length);
    var form = S.answerForm(ctx, {
      fields: [bring.node, get.node], updateLabel: t("update"),
      collect: function () { return { bring: bring.area.value, get: get.area.value }; },
    });
    var heading = el("h2", { class: "mine-title", text: t("yours") });
    var list = el("ul", { class: "mine-list" });

    function updateMine(mine) {
      var a = mine && mine[0] ? mine[0].answer : null;
      heading.hidden = !a;
      S.render(list, a ? [el("li", { class: "mine-item" }, [
        el("p", { class: "hint", text: t("bring") }), el("p", { class: "mine-text", text: a.bring }),
        el("p", { class: "hint", text: t("get") }), el("p", { class: "mine-text", text: a.get }),
        open ? el("p", { class: "hint", text: t("can_change") }) : null,
      ])] : []);
      if (a && !form.isDirty()) {
        bring.area.value = a.bring;
        get.area.value = a.get;
        bring.update(); get.update();
      }
      form.setSaved(!!a);
    }
    S.render(container, [open ? form.form : null, heading, list]);
    updateMine(ctx.mine || []);
    return { updateMine: updateMine };
  }

  /** Groups in the workshop's order, with the organisation's label and colour; pooled small groups last. */
  function groups(results, workshop) {
    var orgs = S.organisationMap(workshop);
    return results.data.groups.map(function (g) {
      var org = g.organisation_id === null ? null : orgs[g.organisation_id];
      return {
        label: org ? S.orgLabel(org) : el("span", { class: "org-label other", text: S.t("other_organisations") }),
        note: org ? null : S.t("other_organisations_note", { k: results.privacy_threshold }),
        colour: org ? org.colour : "#555555",
        items: g.items,
      };
    });
  }

  function moderate(ctx, item) {
    return el("button", {
      type: "button", class: "link-button moderate", text: item.hidden ? S.t("show_answer") : S.t("hide_answer"),
      onclick: function () { S.request(ctx.socket, "moderate", { answer_id: item.id, hidden: !item.hidden }); },
    });
  }

  function control(container, results, ctx) {
    if (!results.data.groups.length) return S.empty(container);
    S.render(container, el("div", { class: "control-groups" }, groups(results, ctx.workshop).map(function (g) {
      return el("section", { class: "group", colour: g.colour }, [
        el("h3", {}, [g.label, el("span", { class: "count", text: " " + g.items.length })]),
        el("ul", { class: "items" }, g.items.map(function (item) {
          return el("li", { class: item.hidden ? "item hidden-item" : "item" }, [
            item.display_name ? el("strong", { text: item.display_name }) : null,
            el("span", { class: "tag", text: t("bring") }), el("span", { text: item.bring }),
            el("span", { class: "tag", text: t("get") }), el("span", { text: item.get }),
            item.hidden ? el("span", { class: "tag warn", text: S.t("hidden_answer") }) : null,
            ctx.socket ? moderate(ctx, item) : null,
          ]);
        })),
      ]);
    })));
  }

  /** A column per organisation; the cards turn pages slowly when they do not all fit. */
  function screen(container, results, ctx) {
    if (!results.data.groups.length) return S.empty(container);
    S.pagedColumns(container, groups(results, ctx.workshop), function (item) {
      return el("li", { class: "card-item intro-card" }, [
        item.display_name ? el("p", { class: "intro-name", text: item.display_name }) : null,
        // The label leads its text on the same line: two lines less per card, so more people fit on a page.
        el("p", { class: "intro-text" }, [el("span", { class: "intro-label", text: t("bring") + ": " }), item.bring]),
        el("p", { class: "intro-text" }, [el("span", { class: "intro-label", text: t("get") + ": " }), item.get]),
      ]);
    }, null, "introductions-screen");
  }

  S.kinds.introductions = { phone: phone, control: control, screen: screen };
})();
