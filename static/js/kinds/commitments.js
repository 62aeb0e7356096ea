/* Commitments: each organisation pledges hours and budget per goal; the projector shows totals
   with every organisation's share as a coloured, labelled segment. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var MEASURES = ["hours", "budget"];
  function kit() { return S.goalKit; }

  /** "5000", "5.000", "5,000", "€ 5 000" all mean 5000. Anything else ("2,5") goes to the server as typed,
      which refuses it as not a whole number rather than this guessing what was meant. */
  function parseAmount(text) {
    var clean = String(text || "").replace(/^\s*€\s*/, "").trim();
    if (clean === "") return null;
    if (/^\d{1,3}([.,\s\u00a0\u202f]\d{3})+$/.test(clean)) clean = clean.replace(/[.,\s\u00a0\u202f]/g, "");
    return /^\d+$/.test(clean) ? Number(clean) : text;
  }

  function format(measure, value, data, lang, short) {
    if (measure === "budget") return kit().money(value, lang, data.currency);
    return t(short ? "commitments.hours_short" : "commitments.hours_value", { n: kit().number(value, lang) });
  }

  /** "€" for EUR: the sign people write, not the code. */
  function symbol(currency, lang) {
    var part = new Intl.NumberFormat(lang || "nl", { style: "currency", currency: currency || "EUR" }).formatToParts(0)
      .filter(function (p) { return p.type === "currency"; })[0];
    return part ? part.value : currency;
  }

  // ---- Phone ----

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open", lang = ctx.workshop.language;
    var measures = MEASURES.filter(function (m) { return config[m]; });
    var goals = kit().roundGoals(ctx.goals, ctx.activity);
    var mine = ctx.mine || [];
    function stored() {
      var value = {};
      var pledges = mine.length ? mine[0].answer.pledges : {};
      Object.keys(pledges || {}).forEach(function (id) {
        value[id] = {};
        measures.forEach(function (m) { if (pledges[id][m] !== undefined) value[id][m] = String(pledges[id][m]); });
      });
      return value;
    }
    var state = S.draft(ctx.draftKey, stored);
    if (!goals.length) { S.empty(container, t("commitments.no_goals")); return { updateMine: function () {} }; }
    var org = S.organisationMap(ctx.workshop)[ctx.participant && ctx.participant.organisation_id];
    var ours = {}, counts = {};
    var list = el("div", { class: "cm-goals" });
    var status = S.statusLine();
    var button = el("button", { type: "button", class: "button primary block" });

    function field(goal, measure) {
      var id = "cm-" + measure + "-" + goal.id;
      var entry = state.value[goal.id] || (state.value[goal.id] = {});
      var input = el("input", {
        id: id, type: "text", inputmode: "numeric", autocomplete: "off", disabled: !open,
        maxlength: measure === "budget" ? "14" : "6", class: "cm-input",
      });
      input.value = entry[measure] || "";
      var preview = el("span", { class: "hint cm-preview", "aria-live": "polite" });
      function show() {
        var n = parseAmount(input.value);
        preview.textContent = typeof n === "number" ? "= " + format(measure, n, config, lang) : "";
      }
      input.addEventListener("input", function () { entry[measure] = input.value; state.change(); show(); });
      show();
      var counting = counts[goal.id + ":" + measure] = el("p", { class: "cm-counts", "aria-live": "polite" });
      input.setAttribute("aria-describedby", counting.id = id + "-counts");
      var label = measure === "hours"
        ? t("commitments.hours_period", { period: config.period })
        : t("commitments.budget_period", { currency: symbol(config.currency, lang), period: config.period });
      return el("div", { class: "cm-field" }, [el("label", { for: id, text: label }), input, preview, counting]);
    }

    function draw() {
      S.render(list, goals.map(function (g, i) {
        return el("fieldset", { class: "cm-goal" }, [
          el("legend", { class: "cm-legend" }, [el("span", { class: "cm-number", text: (i + 1) + ". " }), g.text]),
          el("div", { class: "cm-fields" }, measures.map(function (m) { return field(g, m); })),
        ]);
      }));
      button.textContent = mine.length ? t("commitments.update") : t("send");
      showCounting();
    }

    /** Under each field: what counts for the organisation now, and who pledged it (me, a named colleague, a colleague). */
    function showCounting() {
      Object.keys(counts).forEach(function (key) {
        var parts = key.split(":"), pledge = (ours[parts[0]] || {})[parts[1]];
        var line = counts[key];
        if (!pledge) { line.textContent = ""; return; }
        var me = ctx.participant && pledge.participant_id === ctx.participant.id;
        var values = { org: org ? org.name : "", amount: format(parts[1], pledge.amount, config, lang), name: pledge.display_name };
        line.textContent = me ? t("commitments.counts_mine", values)
          : pledge.display_name ? t("commitments.counts_named", values) : t("commitments.counts_colleague", values);
        line.classList.toggle("other", !me);
      });
    }

    button.addEventListener("click", function () {
      var pledges = {};
      goals.forEach(function (g) {
        var entry = state.value[g.id] || {}, pledge = {};
        measures.forEach(function (m) {
          var n = parseAmount(entry[m]);
          if (n !== null) pledge[m] = n;
        });
        if (Object.keys(pledge).length) pledges[g.id] = pledge;
      });
      if (!Object.keys(pledges).length) { S.complain(status, t("commitments.pledge_something")); return; }
      S.sendAnswer(ctx, button, status, { pledges: pledges }, t("commitments.saved")).then(function (ack) {
        if (!ack.ok) return;
        state.sent();
        button.textContent = t("commitments.update");
      });
    });

    S.render(container, [
      org ? el("p", { class: "cm-behalf" }, [t("commitments.on_behalf") + " ", S.orgLabel(org)]) : null,
      el("p", { class: "hint", text: t("commitments.intro") }),
      list,
      el("p", { class: "hint", text: t("commitments.leave_empty") }),
      open ? S.bottomBar(status, button) : null,
    ]);
    draw();

    return {
      updateMine: function (answers) {
        mine = answers || [];
        if (!state.dirty && mine.length) { state.value = stored(); draw(); }
      },
      updateOurs: function (view) {
        ours = (view && view.pledges) || {};
        showCounting();
      },
    };
  }

  // ---- Shared: a stacked bar of organisation shares ----

  function stacked(goal, measure, data, ctx, lang, withLabels) {
    var orgs = S.organisationMap(ctx.workshop), total = goal[measure];
    var track = el("span", { class: "cm-track" });
    if (total > 0) {
      goal.by_organisation.forEach(function (p) {
        var org = orgs[p.organisation_id];
        if (!org || !p[measure]) return;
        var share = 100 * p[measure] / total;
        var segment = el("span", { class: "cm-segment", colour: org.colour, title: org.name + ": " + format(measure, p[measure], data, lang) });
        segment.style.width = share + "%";
        segment.style.color = kit().inkOn(org.colour);
        if (withLabels) {
          segment.setAttribute("data-long", org.name + " " + format(measure, p[measure], data, lang));
          segment.setAttribute("data-short", format(measure, p[measure], data, lang));
        }
        track.appendChild(segment);
      });
    }
    return track;
  }

  // ---- Screen ----

  function screen(container, results, ctx) {
    var data = results.data, lang = ctx.workshop.language, orgs = S.organisationMap(ctx.workshop);
    if (!data.goals.length) return S.empty(container, t("commitments.no_goals"));
    var list = el("ol", { class: "cm-screen" }), mark = S.pageMark();
    var legend = el("ul", { class: "cm-legend-row" }, data.organisations.filter(function (o) { return orgs[o.organisation_id]; }).map(function (o) {
      return el("li", { class: "cm-legend-item" }, [
        S.orgLabel(orgs[o.organisation_id]),
        el("span", { class: "cm-legend-value", text: data.measures.map(function (m) { return format(m, o[m], data, lang); }).join(" · ") }),
      ]);
    }));
    S.render(container, [
      el("div", { class: "cm-top" }, [
        legend,
        el("p", { class: "cm-grand" }, [
          el("span", { text: t("commitments.total") + " " }),
          el("strong", { text: data.measures.map(function (m) { return format(m, data.totals[m], data, lang); }).join(" · ") }),
          el("span", { class: "cm-period", text: " " + data.period }),
        ]),
      ]),
      data.organisations.length ? null : el("p", { class: "empty", text: t("commitments.no_pledges") }),
      list,
      el("div", { class: "cm-foot" }, [mark]),
    ]);
    S.pagedLists(container, [{ list: list, mark: mark, nodes: data.goals.map(function (g) {
      return el("li", { class: "cm-screen-goal" }, [
        el("p", { class: "cm-screen-text", text: g.text }),
        el("div", { class: "cm-rows" }, data.measures.map(function (m) {
          return el("div", { class: "cm-row" }, [
            el("span", { class: "cm-row-total", text: format(m, g[m], data, lang) }),
            stacked(g, m, data, ctx, lang, true),
          ]);
        })),
      ]);
    }) }], function () { fitLabels(container); });
  }

  /** Name and amount where a segment has room, else the amount, else nothing: the legend says whose colour it is.
      Runs after each page is drawn (S.pagedLists), when the segments have their widths. */
  function fitLabels(root) {
    root.querySelectorAll(".cm-segment[data-long]").forEach(function (segment) {
      var options = [segment.getAttribute("data-long"), segment.getAttribute("data-short"), ""];
      for (var i = 0; i < options.length; i++) {
        segment.textContent = options[i];
        if (segment.scrollWidth <= segment.clientWidth + 1) break;
      }
    });
  }

  // ---- Control: goals × organisations ----

  function control(container, results, ctx) {
    var data = results.data, lang = ctx.workshop.language, orgs = S.organisationMap(ctx.workshop);
    if (!data.goals.length) return S.empty(container, t("commitments.no_goals"));
    var ids = data.organisations.map(function (o) { return o.organisation_id; }).filter(function (id) { return orgs[id]; });
    function cell(values) {
      if (!values) return el("td", { class: "num muted", text: t("commitments.nothing") });
      return el("td", { class: "num" }, data.measures.map(function (m, i) {
        return el("span", { class: "cm-cell-line" + (i ? " second" : ""), text: format(m, values[m] || 0, data, lang, true) });
      }));
    }
    var rows = data.goals.map(function (g) {
      var per = {};
      g.by_organisation.forEach(function (p) { per[p.organisation_id] = p; });
      return el("tr", {}, [el("td", { class: "goal-col" }, [el("span", { text: g.text }), el("span", { class: "cm-bar-small" }, [stacked(g, data.measures[0], data, ctx, lang, false)])])]
        .concat(ids.map(function (id) { return cell(per[id]); }))
        .concat([cell(g)]));
    });
    var perOrg = {};
    data.organisations.forEach(function (o) { perOrg[o.organisation_id] = o; });
    rows.push(el("tr", { class: "gk-total" }, [el("td", { text: t("commitments.total") })]
      .concat(ids.map(function (id) { return cell(perOrg[id]); }))
      .concat([cell(data.totals)])));
    S.render(container, [
      el("p", { class: "hint", text: data.period }),
      data.organisations.length ? null : el("p", { class: "muted", text: t("commitments.no_pledges") }),
      kit().table(
        [t("commitments.goal")].concat(ids.map(function (id) { return S.orgLabel(orgs[id]); })).concat([t("commitments.total")]),
        rows,
        "cm-table",
        ctx.activity.title
      ),
    ]);
  }

  S.kinds.commitments = { phone: phone, control: control, screen: screen };
})();
