/* Ambitions: phone form, control list and projector columns per organisation. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;

  function chips(name, options, labelFor, labelledBy) {
    return el("div", { class: "chips", role: "radiogroup", "aria-required": "true", "aria-labelledby": labelledBy }, options.map(function (value) {
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

  /** A label or legend with its "required" mark (every field of an ambition is). */
  function required(text) {
    return [text, " ", el("span", { class: "required", text: t("ambitions.required") })];
  }

  /** "your ambition, a value driver and a horizon", in the page's language. */
  function listOf(items) {
    if (window.Intl && Intl.ListFormat) return new Intl.ListFormat(document.documentElement.lang || "nl", { type: "conjunction" }).format(items);
    return items.join(", ");
  }

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open";
    var list = el("ul", { class: "mine-list" });
    var form = null, textarea = null, counter = null, limitNote = el("p", { class: "hint" });
    var mine = ctx.mine || [];
    var drivers = config.value_drivers && config.value_drivers.length, horizons = config.horizons && config.horizons.length;

    if (open) {
      textarea = el("textarea", { id: "ambition-text", name: "text", rows: "4", maxlength: String(config.max_length), required: true, "aria-describedby": "ambition-count" });
      counter = el("p", { class: "hint counter", id: "ambition-count", "aria-live": "off" });
      var updateCounter = function () { counter.textContent = t("characters_left", { n: config.max_length - textarea.value.length }); };
      textarea.addEventListener("input", updateCounter);
      updateCounter();
      var fields = [el("label", { for: "ambition-text" }, required(config.answer_label || t("your_ambition"))), textarea, counter];
      if (drivers) fields.push(el("fieldset", {}, [el("legend", { id: "ambition-driver" }, required(t("value_driver"))), chips("value_driver", config.value_drivers, null, "ambition-driver")]));
      if (horizons) fields.push(el("fieldset", {}, [el("legend", { id: "ambition-horizon" }, required(t("horizon"))), chips("horizon", config.horizons, horizonLabel, "ambition-horizon")]));
      form = S.answerForm(ctx, {
        fields: fields,
        collect: function () {
          var data = new FormData(form.form), missing = [];
          var answer = { text: textarea.value };
          if (!textarea.value.trim()) missing.push(t("ambitions.missing_text"));
          if (drivers) { if (data.get("value_driver") === null) missing.push(t("ambitions.missing_driver")); else answer.value_driver = data.get("value_driver"); }
          if (horizons) { if (data.get("horizon") === null) missing.push(t("ambitions.missing_horizon")); else answer.horizon = Number(data.get("horizon")); }
          // One message naming everything that is missing, not one field per try.
          return missing.length ? t("ambitions.missing", { fields: listOf(missing) }) : answer;
        },
        afterSend: function (ack) {
          if (!ack.ok) return;
          form.form.reset();
          updateCounter();
        },
      });
    }
    var heading = el("h2", { class: "mine-title", text: t("your_answers") });
    container.replaceChildren.apply(container, [form && form.form, limitNote, heading, list].filter(Boolean));

    function updateMine(answers) {
      mine = answers;
      heading.hidden = !mine.length;
      S.render(list, mine.map(function (item) {
        var a = item.answer;
        return el("li", { class: "mine-item" }, [
          el("p", { class: "mine-text", text: a.text }),
          el("p", { class: "hint", text: answerText(a) }),
          S.closing.wentInto(item.id, ctx.goals),
          open ? el("button", { type: "button", class: "link-button", text: t("remove"), onclick: function () { ctx.withdraw(item.id); } }) : null,
        ]);
      }));
      if (open) {
        var left = config.max_per_participant - mine.length;
        limitNote.textContent = left > 0 ? (mine.length ? t("answers_left", { n: left }) : "") : t("limit_reached");
        if (form) form.form.hidden = left <= 0;
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
        label: org ? S.orgLabel(org) : el("span", { class: "org-label other", text: t("other_organisations") }),
        note: org ? null : t("other_organisations_note", { k: results.privacy_threshold }),
        colour: org ? org.colour : "#555555",
        items: byOrg[key],
      };
    });
  }

  function driverBars(results, workshop, maxRows) {
    var drivers = results.data.value_drivers.slice().sort(function (a, b) { return b.count - a.count; }).slice(0, maxRows || 6);
    var scale = S.barScale(drivers.map(function (d) { return d.count; }));
    return el("div", { class: "bars" }, drivers.map(function (d) {
      return el("div", { class: "bar-row" }, [
        el("span", { class: "bar-label", text: d.name }),
        el("span", { class: "bar-track" }, [S.barFill("bar-fill", scale, d.count)]),
        el("span", { class: "bar-value", text: String(d.count) }),
      ]);
    }));
  }

  // What the facilitator ticked to merge, per activity: new answers redraw the list, the ticks stay.
  var ticked = {};

  /** The facilitator moderates here: hide or show an answer, merge duplicates into one. */
  function control(container, results, ctx) {
    if (!results.data.items.length) return S.empty(container);
    var present = results.data.items.map(function (item) { return item.id; });
    var selected = ticked[ctx.activity.id] = (ticked[ctx.activity.id] || []).filter(function (id) { return present.indexOf(id) >= 0; });
    function send(name, payload) { S.request(ctx.socket, name, payload); }
    var mergeButton = el("button", { type: "button", class: "button small", text: t("merge_selected"), disabled: selected.length < 2, onclick: function () {
      if (selected.length > 1) send("merge", { keep_id: selected[0], answer_ids: selected.slice(1) });
      selected.length = 0;
    } });
    S.render(container, [
      el("div", { class: "merge-bar" }, [el("span", { class: "hint", text: t("select_to_merge") }), mergeButton]),
      el("div", { class: "control-groups" }, groups(results, ctx.workshop).map(function (g) {
        return el("section", { class: "group", colour: g.colour }, [
          el("h3", {}, [g.label, el("span", { class: "count", text: " " + g.items.length })]),
          el("ul", { class: "items" }, g.items.map(function (item) {
            var box = el("input", { type: "checkbox", "aria-label": t("select_to_merge"), disabled: item.hidden, onchange: function () {
              if (box.checked) selected.push(item.id); else selected.splice(selected.indexOf(item.id), 1);
              mergeButton.disabled = selected.length < 2;
            } });
            box.checked = selected.indexOf(item.id) >= 0;
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

  /** Word sizes from the back of the room: the rarest word 36 px, the most used 120 px at 1920x1080 (by square root). */
  function wordCloud(words) {
    var top = Math.max.apply(null, words.map(function (w) { return w.count; }).concat([1]));
    var low = Math.min.apply(null, words.map(function (w) { return w.count; }).concat([top]));
    // Largest in the middle: sorted by count, then dealt out to both sides.
    var ordered = [];
    words.slice(0, 30).forEach(function (w, i) { if (i % 2) ordered.push(w); else ordered.unshift(w); });
    return el("ul", { class: "word-cloud", "aria-label": t("word_cloud") }, ordered.map(function (w, i) {
      var share = top === low ? 1 : Math.sqrt((w.count - low) / (top - low));
      var item = el("li", { class: "cloud-word" + (w.driver ? " driver" : "") + " tone-" + (i % 4), title: String(w.count) }, [
        el("span", { text: w.word }), el("span", { class: "visually-hidden", text: " (" + w.count + ")" }),
      ]);
      item.style.fontSize = (1.125 + share * 2.625).toFixed(3) + "em";
      return item;
    }));
  }

  /** Columns per organisation, newest ambition on top; what does not fit comes on the next page, never "+4".
      Or the word cloud, when the facilitator put it on the screen. */
  function screen(container, results, ctx) {
    if (!results.data.items.length) return S.empty(container);
    if ((ctx.workshop.settings || {}).ambitions_view === "words" && results.data.words) {
      S.stopPaging(container);
      var view = el("div", { class: "cloud-view" }, [
        wordCloud(results.data.words),
        results.data.words.some(function (w) { return w.driver; }) ? el("p", { class: "cloud-key", text: t("word_cloud_key") }) : null,
      ]);
      S.render(container, view);
      S.shrinkToFit(container, view);
      return;
    }
    var columns = groups(results, ctx.workshop).map(function (g) { return Object.assign({}, g, { items: g.items.slice().reverse() }); });
    S.pagedColumns(container, columns, function (item) {
      return el("li", { class: "card-item" }, [
        el("p", { class: "card-text", text: item.text }),
        item.value_driver || item.horizon || item.merged
          ? el("p", { class: "card-tag", text: [answerText(item), item.merged ? t("merged_count", { n: item.merged }) : ""].filter(Boolean).join(" · ") })
          : null,
      ]);
    }, results.data.value_drivers.length ? el("div", { class: "driver-strip" }, [
      el("p", { class: "driver-head", text: t("value_driver") }),
      driverBars(results, ctx.workshop, 3),
    ]) : null);
  }

  S.kinds.ambitions = { phone: phone, control: control, screen: screen };
})();
