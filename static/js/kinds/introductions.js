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
    var status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    var button = el("button", { type: "submit", class: "button primary block", text: S.t("send") });
    var form = el("form", { class: "stack answer-form", novalidate: true }, [bring.node, get.node, el("div", { class: "bottom-bar" }, [status, button])]);
    var heading = el("h2", { class: "mine-title", text: t("yours") });
    var list = el("ul", { class: "mine-list" });
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      S.sendAnswer(ctx, button, status, { bring: bring.area.value, get: get.area.value }).then(function (ack) { if (ack.ok) dirty = false; });
    });

    function updateMine(mine) {
      var a = mine && mine[0] ? mine[0].answer : null;
      heading.hidden = !a;
      S.render(list, a ? [el("li", { class: "mine-item" }, [
        el("p", { class: "hint", text: t("bring") }), el("p", { class: "mine-text", text: a.bring }),
        el("p", { class: "hint", text: t("get") }), el("p", { class: "mine-text", text: a.get }),
        open ? el("p", { class: "hint", text: t("can_change") }) : null,
      ])] : []);
      if (a && !dirty) {
        bring.area.value = a.bring;
        get.area.value = a.get;
        bring.update(); get.update();
      }
      button.textContent = a ? t("update") : S.t("send");
    }
    S.render(container, [open ? form : null, heading, list]);
    updateMine(ctx.mine || []);
    return { updateMine: updateMine };
  }

  /** Groups in the workshop's order, with the organisation's label and colour; pooled small groups last. */
  function groups(results, workshop) {
    var orgs = S.organisationMap(workshop);
    return results.data.groups.map(function (g) {
      var org = g.organisation_id === null ? null : orgs[g.organisation_id];
      return {
        label: org ? S.orgLabel(org) : el("span", { class: "org-label other", text: S.t("other_organisations", { k: results.privacy_threshold }) }),
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
    if (!results.data.groups.length) { S.render(container, el("p", { class: "muted", text: S.t("no_answers") })); return; }
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

  var PAGE_SECONDS = 10;

  /** The projector shows a few cards per column and turns the page slowly; one timer per container. */
  function screen(container, results, ctx) {
    var pager = container.introductionsPager || (container.introductionsPager = { page: 0, timer: null });
    clearInterval(pager.timer);
    if (!results.data.groups.length) { S.render(container, el("p", { class: "empty", text: S.t("no_answers") })); return; }
    var all = groups(results, ctx.workshop), perColumn = all.length > 2 ? 2 : 3;
    var pages = Math.max.apply(null, all.map(function (g) { return Math.ceil(g.items.length / perColumn); }));

    function draw() {
      var columns = all.map(function (g) {
        var count = Math.ceil(g.items.length / perColumn), page = pager.page % count;
        var shown = g.items.slice(page * perColumn, page * perColumn + perColumn);
        return el("section", { class: "column", colour: g.colour }, [
          el("h2", { class: "column-head" }, [
            g.label,
            count > 1 ? el("span", { class: "intro-page", text: (page + 1) + "/" + count }) : null,
            el("span", { class: "count", text: String(g.items.length) }),
          ]),
          el("ul", { class: "cards intro-cards" }, shown.map(function (item) {
            return el("li", { class: "card-item intro-card" }, [
              item.display_name ? el("p", { class: "intro-name", text: item.display_name }) : null,
              el("p", { class: "intro-label", text: t("bring") }),
              el("p", { class: "intro-text", text: item.bring }),
              el("p", { class: "intro-label", text: t("get") }),
              el("p", { class: "intro-text", text: item.get }),
            ]);
          })),
        ]);
      });
      S.render(container, el("div", { class: "columns introductions-screen columns-" + Math.min(columns.length, 4) }, columns));
    }
    draw();
    if (pages > 1) {
      pager.timer = setInterval(function () {
        // Another activity took over the container: stop turning pages.
        if (!container.querySelector(".introductions-screen")) { clearInterval(pager.timer); return; }
        pager.page += 1;
        draw();
      }, PAGE_SECONDS * 1000);
    }
  }

  S.kinds.introductions = { phone: phone, control: control, screen: screen };
})();
