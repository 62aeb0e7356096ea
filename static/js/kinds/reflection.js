/* Reflection: a personal answer, private by default; only what is shared reaches the screens. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  var SHARING = ["private", "named", "anonymous"];
  function t(key, params) { return S.t("reflection." + key, params); }

  function privateCount(n) { return n === 1 ? t("private_count_one") : t("private_count", { n: n }); }

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open";
    var hasName = !!(ctx.participant && ctx.participant.display_name);
    var text = el("textarea", { id: "reflection-text", rows: "6", maxlength: String(config.max_length), required: true });
    var counter = el("p", { class: "hint counter" });
    function count() { counter.textContent = S.t("characters_left", { n: config.max_length - text.value.length }); }
    text.addEventListener("input", count);
    var hints = { private: t("private_hint"), named: hasName ? t("named_hint") : t("named_no_name"), anonymous: t("anonymous_hint") };
    var options = SHARING.map(function (share) {
      return el("label", { class: "choice big share-choice", for: "share-" + share }, [
        el("input", { type: "radio", name: "share", value: share, id: "share-" + share, checked: share === "private" }),
        el("span", { class: "share-body" }, [el("span", { class: "share-title", text: t(share) }), el("span", { class: "share-hint", text: hints[share] })]),
      ]);
    });
    var status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    var button = el("button", { type: "submit", class: "button primary block", text: t("save") });
    // The prompt is the question; the others help to think along.
    var others = (config.questions || []).filter(function (q) { return q !== ctx.activity.prompt; });
    var questions = others.length ? el("div", { class: "reflection-questions" }, [
      el("p", { class: "hint", text: t("think_along") }),
      el("ul", {}, others.map(function (q) { return el("li", { text: q }); })),
    ]) : null;
    var form = el("form", { class: "stack answer-form", novalidate: true }, [
      questions,
      el("label", { for: "reflection-text", text: t("your_reflection") }), text, counter,
      el("fieldset", {}, [el("legend", { text: t("sharing") }), el("div", { class: "choices" }, options)]),
      el("div", { class: "bottom-bar" }, [status, button]),
    ]);
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var share = form.querySelector("input[name=share]:checked");
      S.sendAnswer(ctx, button, status, { text: text.value, share: share ? share.value : "private" }).then(function (ack) {
        if (ack.ok) dirty = false;
      });
    });
    var heading = el("h2", { class: "mine-title", text: t("yours") });
    var list = el("ul", { class: "mine-list" });

    function updateMine(mine) {
      var a = mine && mine[0] ? mine[0].answer : null;
      heading.hidden = !a;
      S.render(list, a ? [el("li", { class: "mine-item reflection-mine share-" + a.share }, [
        el("p", { class: "mine-text", text: a.text }),
        el("p", { class: "share-state", text: t("state_" + a.share) }),
        open ? el("p", { class: "hint", text: t("edit_while_open") }) : null,
      ])] : []);
      if (a && !dirty) {
        text.value = a.text;
        form.querySelectorAll("input[name=share]").forEach(function (input) { input.checked = input.value === a.share; });
      }
      button.textContent = a ? t("update") : t("save");
      count();
    }
    S.render(container, [open ? form : null, heading, list]);
    updateMine(ctx.mine || []);
    return { updateMine: updateMine };
  }

  /** Who wrote a shared answer: the name (if given) and organisation (if shown), or "Anonymous". */
  function author(item, orgs) {
    if (item.share === "anonymous") return [el("span", { class: "author", text: t("anonymous_author") })];
    var org = item.organisation_id === null ? null : orgs[item.organisation_id];
    return [item.display_name ? el("span", { class: "author", text: item.display_name }) : null, org ? S.orgLabel(org) : null];
  }

  function counts(data) {
    return el("p", { class: "reflection-counts", text: t("shared_count", { n: data.shared_count }) + " · " + privateCount(data.private_count) });
  }

  function control(container, results, ctx) {
    var data = results.data, orgs = S.organisationMap(ctx.workshop);
    S.render(container, [
      counts(data),
      data.shared.length ? el("ul", { class: "items" }, data.shared.map(function (item) {
        return el("li", { class: item.hidden ? "item hidden-item" : "item" }, [
          el("span", { class: "mine-text", text: item.text }),
          el("span", { class: "reflection-author" }, author(item, orgs)),
          item.hidden ? el("span", { class: "tag warn", text: S.t("hidden_answer") }) : null,
          ctx.socket && item.id ? el("button", {
            type: "button", class: "link-button moderate", text: item.hidden ? S.t("show_answer") : S.t("hide_answer"),
            onclick: function () { S.request(ctx.socket, "moderate", { answer_id: item.id, hidden: !item.hidden }); },
          }) : null,
        ]);
      })) : el("p", { class: "muted", text: t("no_shared") }),
    ]);
  }

  var PER_PAGE = 6, PAGE_SECONDS = 12;

  function screen(container, results, ctx) {
    var data = results.data, orgs = S.organisationMap(ctx.workshop);
    var pager = container.reflectionPager || (container.reflectionPager = { page: 0, timer: null });
    clearInterval(pager.timer);
    var pages = Math.ceil(data.shared.length / PER_PAGE);

    function draw() {
      var page = pages ? pager.page % pages : 0;
      var shown = data.shared.slice(page * PER_PAGE, page * PER_PAGE + PER_PAGE);
      S.render(container, el("div", { class: "reflection-screen" }, [
        shown.length ? el("ul", { class: "reflection-cards" + (shown.length > 3 ? " two-rows" : "") }, shown.map(function (item) {
          return el("li", { class: "card-item reflection-card" }, [
            el("p", { class: "reflection-text", text: item.text }),
            el("p", { class: "reflection-author" }, author(item, orgs)),
          ]);
        })) : el("p", { class: "empty", text: t("no_shared") }),
        el("div", { class: "reflection-foot" }, [counts(data), pages > 1 ? el("span", { class: "more", text: (page + 1) + " / " + pages }) : null]),
      ]));
    }
    draw();
    if (pages > 1) {
      pager.timer = setInterval(function () {
        if (!container.querySelector(".reflection-screen")) { clearInterval(pager.timer); return; }
        pager.page += 1;
        draw();
      }, PAGE_SECONDS * 1000);
    }
  }

  S.kinds.reflection = { phone: phone, control: control, screen: screen };
})();
