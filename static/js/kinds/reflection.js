/* Reflection: a personal answer, private by default; only what is shared reaches the screens. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  var SHARING = ["private", "named", "anonymous"];
  function t(key, params) { return S.t("reflection." + key, params); }

  function privateCount(n) { return n === 1 ? t("private_count_one") : t("private_count", { n: n }); }

  /** Lower-case words only, to see that a question says what the title or prompt already asks. */
  function words(text) { return String(text || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(); }

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open";
    var hasName = !!(ctx.participant && ctx.participant.display_name);
    var text = el("textarea", { id: "reflection-text", rows: "6", maxlength: String(config.max_length), required: true, "aria-describedby": "reflection-count" });
    var counter = el("p", { class: "hint counter", id: "reflection-count" });
    function count() { counter.textContent = S.t("characters_left", { n: config.max_length - text.value.length }); }
    text.addEventListener("input", count);
    var hints = { private: t("private_hint"), named: hasName ? t("named_hint") : t("named_no_name"), anonymous: t("anonymous_hint") };
    var options = SHARING.map(function (share) {
      return el("label", { class: "choice big share-choice", for: "share-" + share }, [
        el("input", { type: "radio", name: "share", value: share, id: "share-" + share, checked: share === "private" }),
        el("span", { class: "share-body" }, [el("span", { class: "share-title", text: t(share) }), el("span", { class: "share-hint", text: hints[share] })]),
      ]);
    });
    // The title and the prompt already ask their question: the others help to think along.
    var asked = words(ctx.activity.title) + " | " + words(ctx.activity.prompt);
    var others = (config.questions || []).filter(function (q) { return asked.indexOf(words(q)) < 0; });
    var questions = others.length ? el("div", { class: "reflection-questions" }, [
      el("p", { class: "hint", text: t("think_along") }),
      el("ul", {}, others.map(function (q) { return el("li", { text: q }); })),
    ]) : null;
    var saved = el("p", { class: "share-state", "aria-live": "polite", hidden: true });
    var form = S.answerForm(ctx, {
      sendLabel: t("save"), updateLabel: t("update"),
      fields: [
        questions,
        el("label", { for: "reflection-text", text: t("your_reflection") }), text, counter,
        el("fieldset", {}, [el("legend", { text: t("sharing") }), el("div", { class: "choices" }, options)]),
        saved,
      ].filter(Boolean),
      collect: function () {
        var share = form.form.querySelector("input[name=share]:checked");
        return { text: text.value, share: share ? share.value : "private" };
      },
    });
    // While open the form holds the reflection; once closed it is read back here.
    var heading = el("h2", { class: "mine-title", text: t("yours") });
    var list = el("ul", { class: "mine-list" });

    function updateMine(mine) {
      var a = mine && mine[0] ? mine[0].answer : null;
      heading.hidden = !a || open;
      S.render(list, a && !open ? [el("li", { class: "mine-item reflection-mine share-" + a.share }, [
        el("p", { class: "mine-text", text: a.text }),
        el("p", { class: "share-state", text: t("state_" + a.share) }),
      ])] : []);
      saved.hidden = !a;
      if (a) {
        saved.className = "share-state reflection-saved share-" + a.share;
        saved.textContent = t("state_" + a.share) + " " + t("edit_while_open");
      }
      if (a && !form.isDirty()) {
        text.value = a.text;
        form.form.querySelectorAll("input[name=share]").forEach(function (input) { input.checked = input.value === a.share; });
      }
      form.setSaved(!!a);
      count();
    }
    S.render(container, [open ? form.form : null, heading, list]);
    updateMine(ctx.mine || []);
    return { updateMine: updateMine };
  }

  /** Who wrote a shared answer: the name (if given) and organisation (if shown), or "Anonymous". */
  function author(item, orgs) {
    if (item.share === "anonymous") return [el("span", { class: "author", text: t("anonymous_author") })];
    var org = item.organisation_id === null ? null : orgs[item.organisation_id];
    return [item.display_name ? el("span", { class: "author", text: item.display_name }) : null, org ? S.orgLabel(org) : null];
  }

  function counts(data, results) {
    var text = t("shared_count", { n: data.shared_count }) + " · " + privateCount(data.private_count);
    // Anonymous among too few people is not anonymous: the server holds those back until enough answered.
    if (data.anonymous_waiting) text += " · " + t("anonymous_waiting", { n: data.anonymous_waiting, k: results.privacy_threshold });
    return el("p", { class: "reflection-counts", text: text });
  }

  function control(container, results, ctx) {
    var data = results.data, orgs = S.organisationMap(ctx.workshop);
    S.render(container, [
      counts(data, results),
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

  /** Shared reflections as cards, whole; when they do not all fit, the pages turn slowly. */
  function screen(container, results, ctx) {
    var data = results.data, orgs = S.organisationMap(ctx.workshop);
    if (!data.shared.length) {
      S.render(container, el("div", { class: "reflection-screen" }, [el("p", { class: "empty", text: t("no_shared") }), el("div", { class: "reflection-foot" }, [counts(data, results)])]));
      return;
    }
    var list = el("ul", { class: "reflection-cards" }), mark = S.pageMark();
    S.render(container, el("div", { class: "reflection-screen" }, [list, el("div", { class: "reflection-foot" }, [counts(data, results), mark])]));
    S.pagedLists(container, [{ list: list, mark: mark, nodes: data.shared.map(function (item) {
      return el("li", { class: "card-item reflection-card" }, [
        el("p", { class: "reflection-text", text: item.text }),
        el("p", { class: "reflection-author" }, author(item, orgs)),
      ]);
    }) }]);
  }

  S.kinds.reflection = { phone: phone, control: control, screen: screen };
})();
