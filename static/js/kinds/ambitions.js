/* Ambitions: phone form, control list and projector columns per organisation. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;

  function chips(name, options, labelFor) {
    return el("div", { class: "chips", role: "radiogroup" }, options.map(function (value) {
      var id = name + "-" + String(value).replace(/\W+/g, "-");
      return el("label", { class: "chip", for: id }, [
        el("input", { type: "radio", name: name, value: String(value), id: id }),
        el("span", { text: labelFor ? labelFor(value) : String(value) }),
      ]);
    }));
  }

  function horizonLabel(h) { return Number(h) === 1 ? t("year") : t("years", { n: h }); }

  function answerText(a) {
    var bits = [a.value_driver, a.horizon ? horizonLabel(a.horizon) : null].filter(Boolean);
    return bits.join(" · ");
  }

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open";
    var list = el("ul", { class: "mine-list" });
    var status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    var form = null, textarea = null, counter = null, button = null, limitNote = el("p", { class: "hint" });
    var mine = ctx.mine || [];

    if (open) {
      textarea = el("textarea", { id: "ambition-text", name: "text", rows: "4", maxlength: String(config.max_length), required: true });
      counter = el("p", { class: "hint counter", "aria-live": "off" });
      var updateCounter = function () { counter.textContent = t("characters_left", { n: config.max_length - textarea.value.length }); };
      textarea.addEventListener("input", updateCounter);
      updateCounter();
      var parts = [el("label", { for: "ambition-text", text: t("your_ambition") }), textarea, counter];
      if (config.value_drivers && config.value_drivers.length) {
        parts.push(el("fieldset", {}, [el("legend", { text: t("value_driver") }), chips("value_driver", config.value_drivers)]));
      }
      if (config.horizons && config.horizons.length) {
        parts.push(el("fieldset", {}, [el("legend", { text: t("horizon") }), chips("horizon", config.horizons, horizonLabel)]));
      }
      button = el("button", { type: "submit", class: "button primary block", text: t("send") });
      parts.push(el("div", { class: "bottom-bar" }, [status, button]));
      form = el("form", { class: "stack answer-form", novalidate: true }, parts);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var data = new FormData(form);
        var answer = { text: textarea.value };
        if (data.get("value_driver") !== null) answer.value_driver = data.get("value_driver");
        if (data.get("horizon") !== null) answer.horizon = Number(data.get("horizon"));
        S.sendAnswer(ctx, button, status, answer).then(function (ack) {
          if (!ack.ok) return;
          form.reset();
          updateCounter();
        });
      });
    }
    var heading = el("h2", { class: "mine-title", text: t("your_answers") });
    container.replaceChildren.apply(container, [form, limitNote, heading, list].filter(Boolean));

    function updateMine(answers) {
      mine = answers;
      heading.hidden = !mine.length;
      S.render(list, mine.map(function (item) {
        var a = item.answer;
        return el("li", { class: "mine-item" }, [
          el("p", { class: "mine-text", text: a.text }),
          el("p", { class: "hint", text: answerText(a) }),
          open ? el("button", { type: "button", class: "link-button", text: t("remove"), onclick: function () { ctx.withdraw(item.id); } }) : null,
        ]);
      }));
      if (open) {
        var left = config.max_per_participant - mine.length;
        limitNote.textContent = left > 0 ? (mine.length ? t("answers_left", { n: left }) : "") : t("limit_reached");
        if (form) form.hidden = left <= 0;
      }
    }
    updateMine(mine);
    return { updateMine: updateMine };
  }

  /** Items grouped per organisation, small groups pooled as "other". */
  function groups(results, workshop) {
    var orgs = S.organisationMap(workshop), byOrg = {}, order = [];
    results.data.items.forEach(function (item) {
      var key = item.organisation_id === null ? "other" : String(item.organisation_id);
      if (!byOrg[key]) { byOrg[key] = []; order.push(key); }
      byOrg[key].push(item);
    });
    var keys = (workshop.organisations || []).map(function (o) { return String(o.id); }).filter(function (k) { return byOrg[k]; });
    if (byOrg.other) keys.push("other");
    return keys.map(function (key) {
      var org = orgs[key];
      return {
        key: key,
        label: org ? S.orgLabel(org) : el("span", { class: "org-label other", text: t("other_organisations", { k: results.privacy_threshold }) }),
        colour: org ? org.colour : "#555555",
        items: byOrg[key],
      };
    });
  }

  function driverBars(results, workshop, maxRows) {
    var drivers = results.data.value_drivers.slice().sort(function (a, b) { return b.count - a.count; }).slice(0, maxRows || 6);
    var top = Math.max.apply(null, drivers.map(function (d) { return d.count; }).concat([1]));
    return el("div", { class: "bars" }, drivers.map(function (d) {
      var bar = el("span", { class: "bar-fill" });
      bar.style.width = (100 * d.count / top) + "%";
      return el("div", { class: "bar-row" }, [
        el("span", { class: "bar-label", text: d.name }),
        el("span", { class: "bar-track" }, [bar]),
        el("span", { class: "bar-value", text: String(d.count) }),
      ]);
    }));
  }

  /** The facilitator moderates here: hide or show an answer, merge duplicates into one. */
  function control(container, results, ctx) {
    if (!results.data.items.length) { S.render(container, el("p", { class: "muted", text: t("no_answers") })); return; }
    var selected = [];
    function send(name, payload) { S.request(ctx.socket, name, payload); }
    var mergeButton = el("button", { type: "button", class: "button small", text: t("merge_selected"), disabled: true, onclick: function () {
      if (selected.length > 1) send("merge", { keep_id: selected[0], answer_ids: selected.slice(1) });
    } });
    S.render(container, [
      el("div", { class: "merge-bar" }, [el("span", { class: "hint", text: t("select_to_merge") }), mergeButton]),
      el("div", { class: "control-groups" }, groups(results, ctx.workshop).map(function (g) {
        return el("section", { class: "group", colour: g.colour }, [
          el("h3", {}, [g.label, el("span", { class: "count", text: " " + g.items.length })]),
          el("ul", { class: "items" }, g.items.map(function (item) {
            var box = el("input", { type: "checkbox", "aria-label": t("select_to_merge"), disabled: item.hidden, onchange: function () {
              if (box.checked) selected.push(item.id); else selected = selected.filter(function (id) { return id !== item.id; });
              mergeButton.disabled = selected.length < 2;
            } });
            return el("li", { class: item.hidden ? "item hidden-item" : "item", "data-answer-id": String(item.id) }, [
              el("span", { class: "item-text", text: item.text }),
              el("span", { class: "tag", text: answerText(item) }),
              item.merged ? el("span", { class: "tag", text: t("merged_count", { n: item.merged }) }) : null,
              el("div", { class: "item-actions" }, [
                box,
                item.hidden ? el("span", { class: "tag warn", text: t("hidden_answer") }) : null,
                el("button", { type: "button", class: "link-button", text: item.hidden ? t("show_answer") : t("hide_answer"), onclick: function () {
                  send("moderate", { answer_id: item.id, hidden: !item.hidden });
                } }),
              ]),
            ]);
          })),
        ]);
      })),
      el("h3", { text: t("value_driver") }),
      driverBars(results, ctx.workshop, 12),
    ]);
  }

  function screen(container, results, ctx) {
    if (!results.data.items.length) { S.render(container, el("p", { class: "empty", text: t("no_answers") })); return; }
    var perColumn = 4;
    var columns = groups(results, ctx.workshop).map(function (g) {
      var latest = g.items.slice(-perColumn).reverse();
      return el("section", { class: "column", colour: g.colour, "data-hidden": String(g.items.length - latest.length) }, [
        el("h2", { class: "column-head" }, [g.label, el("span", { class: "count", text: String(g.items.length) })]),
        el("ul", { class: "cards" }, latest.map(function (item) {
          return el("li", { class: "card-item" }, [
            el("p", { class: "card-text", text: item.text }),
            item.value_driver || item.horizon || item.merged
              ? el("p", { class: "card-tag", text: [answerText(item), item.merged ? t("merged_count", { n: item.merged }) : ""].filter(Boolean).join(" · ") })
              : null,
          ]);
        })),
        g.items.length > perColumn ? el("p", { class: "more", text: "+" + (g.items.length - perColumn) }) : null,
      ]);
    });
    S.render(container, [
      el("div", { class: "columns columns-" + Math.min(columns.length, 4) }, columns),
      results.data.value_drivers.length ? el("div", { class: "driver-strip" }, [
        el("p", { class: "driver-head", text: t("value_driver") }),
        driverBars(results, ctx.workshop, 3),
      ]) : null,
    ]);
    fitColumns(container);
  }

  /** Long ambitions take more room than four cards have: drop the oldest that do not fit whole; "+N" counts them. */
  function fitColumns(container) {
    container.querySelectorAll(".column").forEach(function (column) {
      var list = column.querySelector(".cards"), more = column.querySelector(".more");
      var hidden = Number(column.getAttribute("data-hidden"));
      while (column.scrollHeight > column.clientHeight + 1 && list.children.length > 1) {
        list.removeChild(list.lastChild);
        hidden += 1;
        if (!more) more = column.appendChild(el("p", { class: "more" }));
        more.textContent = "+" + hidden;
      }
    });
  }

  S.kinds.ambitions = { phone: phone, control: control, screen: screen };
})();
