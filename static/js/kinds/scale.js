/* Scale: a slider between two poles; a histogram with each organisation's median on the projector. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  function t(key, params) { return S.t("scale." + key, params); }

  function number(value) {
    return value === null || value === undefined ? "–" : Number(value).toLocaleString(document.documentElement.lang || "nl");
  }

  function phone(container, ctx) {
    var config = ctx.activity.config, open = ctx.activity.state === "open";
    var middle = Math.round((config.min + config.max) / 2);
    var range = el("input", {
      type: "range", id: "scale-value", class: "scale-range", min: String(config.min), max: String(config.max), step: "1",
      value: String(middle), "aria-describedby": "scale-poles",
    });
    var shown = el("output", { class: "scale-current", for: "scale-value", "aria-live": "off" });
    function set(value) {
      range.value = String(Math.min(config.max, Math.max(config.min, value)));
      shown.textContent = range.value;
      range.setAttribute("aria-valuetext", range.value + " (" + config.left + " – " + config.right + ")");
    }
    function step(delta) { return function () { form.setDirty(true); set(Number(range.value) + delta); }; }
    range.addEventListener("input", function () { set(Number(range.value)); });
    var form = S.answerForm(ctx, {
      updateLabel: t("update"),
      fields: [
        el("label", { for: "scale-value", text: t("your_position") }),
        shown,
        el("div", { class: "scale-slider" }, [
          el("button", { type: "button", class: "scale-step", "aria-label": "−1", text: "−", onclick: step(-1) }),
          range,
          el("button", { type: "button", class: "scale-step", "aria-label": "+1", text: "+", onclick: step(1) }),
        ]),
        el("div", { class: "scale-poles", id: "scale-poles" }, [
          el("span", { class: "scale-pole left" }, [el("strong", { text: String(config.min) }), " ", config.left]),
          el("span", { class: "scale-pole right" }, [el("strong", { text: String(config.max) }), " ", config.right]),
        ]),
      ],
      collect: function () { return { value: Number(range.value) }; },
    });
    form.form.classList.add("scale-phone");
    var list = el("ul", { class: "mine-list" });

    function updateMine(mine) {
      var a = mine && mine[0] ? mine[0].answer : null;
      S.render(list, a ? [el("li", { class: "mine-item" }, [
        el("p", { class: "mine-text", text: t("yours", { n: a.value }) }), open ? el("p", { class: "hint", text: t("can_change") }) : null,
      ])] : []);
      if (a && !form.isDirty()) set(a.value);
      form.setSaved(!!a);
    }
    set(middle);
    S.render(container, [open ? form.form : null, list]);
    updateMine(ctx.mine || []);
    return { updateMine: updateMine };
  }

  /** Left offset (in %) of a value's column centre, so bars, ticks and markers line up. */
  function position(data, value) {
    var n = data.max - data.min + 1;
    return (100 * (value - data.min + 0.5)) / n;
  }

  function histogram(data) {
    var counts = data.overall.distribution, n = counts.length;
    var scale = S.barScale(counts.map(function (d) { return d.count; }));
    var every = n <= 21 ? 1 : n <= 51 ? 5 : 10;
    var bars = counts.map(function (d) {
      var bar = el("span", { class: "scale-bar" });
      bar.style.height = scale(d.count);
      return el("div", { class: "scale-col" + (d.count ? "" : " empty") }, [
        el("span", { class: "scale-count", text: d.count && n <= 21 ? String(d.count) : "" }),
        bar,
      ]);
    });
    var ticks = counts.map(function (d, i) {
      return el("span", { class: "scale-tick", text: i % every === 0 || i === n - 1 ? String(d.value) : "" });
    });
    return [el("div", { class: "scale-hist", "aria-hidden": "true" }, bars), el("div", { class: "scale-ticks", "aria-hidden": "true" }, ticks)];
  }

  function marker(data, summary, label, extra) {
    var track = el("div", { class: "scale-track" + (extra || "") });
    if (summary.median !== null) {
      var band = el("span", { class: "scale-band" });
      band.style.left = position(data, summary.q1) + "%";
      band.style.width = (position(data, summary.q3) - position(data, summary.q1)) + "%";
      var pin = el("span", { class: "scale-marker" }, [el("span", { class: "scale-dot", "aria-hidden": "true" }), el("span", { class: "scale-median", text: number(summary.median) })]);
      pin.style.left = position(data, summary.median) + "%";
      // In the right half the number goes left of the dot, so it never runs past the end of the track.
      if (position(data, summary.median) > 50) pin.classList.add("flip");
      track.append(band, pin);
    }
    return [el("div", { class: "scale-lane-label" }, [label]), track];
  }

  function chart(results, ctx) {
    var data = results.data, orgs = S.organisationMap(ctx.workshop);
    var lanes = [marker(data, data.overall, el("span", { class: "org-label", text: t("everyone") }), " overall")];
    (ctx.workshop.organisations || []).forEach(function (org) {
      var summary = data.by_organisation[String(org.id)];
      if (summary) lanes.push(marker(data, summary, S.orgLabel(orgs[org.id])).map(function (node) { node.style.setProperty("--org", org.colour); return node; }));
    });
    return el("div", { class: "scale-chart" }, [
      el("div", { class: "scale-gutter" }),
      el("div", { class: "scale-plot" }, histogram(data)),
      el("div", { class: "scale-gutter" }),
      el("div", { class: "scale-poles-axis" }, [
        el("span", { class: "scale-pole left", text: "← " + data.left }),
        el("span", { class: "scale-pole right", text: data.right + " →" }),
      ]),
      el("div", { class: "scale-lanes-head" }, [t("medians")]),
    ].concat([].concat.apply([], lanes)));
  }

  function summaryLine(summary) {
    if (summary.median === null) return "";
    return [t("median", { n: number(summary.median) }), t("spread", { q1: number(summary.q1), q3: number(summary.q3) }),
      t("range", { min: number(summary.min), max: number(summary.max) })].join(" · ");
  }

  function hiddenNote(results, ctx) {
    var shown = results.data.organisations_shown.length, all = (ctx.workshop.organisations || []).length;
    // With a threshold of 1 every organisation that answered is shown: the others simply did not answer.
    return shown < all && results.privacy_threshold > 1 ? el("p", { class: "hint scale-note", text: t("not_shown", { k: results.privacy_threshold }) }) : null;
  }

  /** A recurring measure across a partnership's workshops: the median per run, overall and per organisation.
      `orgs` are the organisations to show, each {id, name, colour}; points key their medians by those ids. */
  function trend(points, orgs, currentId) {
    var rows = [{ label: el("span", { class: "org-label", text: t("everyone") }), pick: function (p) { return p.overall; } }];
    orgs.forEach(function (org) {
      if (points.some(function (p) { return p.by_organisation[String(org.id)]; })) {
        rows.push({ label: S.orgLabel(org), colour: org.colour, pick: function (p) { return p.by_organisation[String(org.id)] || null; } });
      }
    });
    function cell(point, value, previous) {
      if (!value || value.median === null || value.median === undefined) return el("td", { class: "num sc-trend-empty", text: "–" });
      var bar = el("span", { class: "sc-trend-fill" });
      bar.style.width = (100 * (value.median - point.min) / Math.max(1, point.max - point.min)) + "%";
      var change = previous && previous.median !== null && previous.median !== undefined ? value.median - previous.median : null;
      return el("td", { class: "num" }, [
        el("span", { class: "sc-trend-value", text: number(value.median) }),
        change ? el("span", { class: "sc-trend-change", text: (change > 0 ? "▲ +" : "▼ ") + number(Math.round(change * 10) / 10) }) : null,
        el("span", { class: "sc-trend-bar" }, [bar]),
      ]);
    }
    var hidden = rows.some(function (row) { return points.some(function (p) { var v = row.pick(p); return !v || v.median === null; }); });
    return el("div", { class: "sc-trend" }, [
      el("p", { class: "sc-trend-title", text: t("trend_title") }),
      el("div", { class: "gk-table-wrap", tabindex: "0" }, [el("table", { class: "sc-trend-table" }, [
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col" })].concat(points.map(function (p) {
          return el("th", { scope: "col", class: p.activity_id === currentId ? "current" : "" }, [
            el("span", { class: "sc-trend-date", text: p.date }), el("span", { class: "sc-trend-workshop", text: p.activity_id === currentId ? t("now") : p.title }),
          ]);
        })))]),
        el("tbody", {}, rows.map(function (row) {
          return el("tr", {}, [el("th", { scope: "row" }, [row.label])].concat(points.map(function (p, i) {
            return cell(p, row.pick(p), i ? row.pick(points[i - 1]) : null);
          })));
        })),
      ])]),
      hidden ? el("p", { class: "hint", text: t("trend_hidden") }) : null,
    ]);
  }

  function localTrend(results, ctx) {
    return results.trend && results.trend.points.length ? trend(results.trend.points, ctx.workshop.organisations || [], ctx.activity.id) : null;
  }

  function control(container, results, ctx) {
    var data = results.data;
    if (!data.overall.count) return S.render(container, [el("p", { class: "empty", text: S.t("no_answers") }), localTrend(results, ctx)]);
    var orgs = S.organisationMap(ctx.workshop);
    S.render(container, [
      el("p", { class: "scale-summary", text: summaryLine(data.overall) }),
      chart(results, ctx),
      el("ul", { class: "scale-org-list" }, Object.keys(data.by_organisation).map(function (id) {
        var s = data.by_organisation[id];
        return el("li", {}, [S.orgLabel(orgs[id]), " ", s.count === 1 ? t("people_one") : t("people", { n: s.count }), " · ", summaryLine(s)]);
      })),
      hiddenNote(results, ctx),
      localTrend(results, ctx),
    ]);
  }

  function screen(container, results, ctx) {
    var data = results.data;
    if ((ctx.workshop.settings || {}).scale_view === "trend" && results.trend && results.trend.points.length) {
      var view = el("div", { class: "scale-screen sc-trend-screen" }, [localTrend(results, ctx)]);
      S.render(container, view);
      S.shrinkToFit(container, view);
      return;
    }
    if (!data.overall.count) return S.empty(container);
    S.render(container, el("div", { class: "scale-screen" }, [
      el("p", { class: "scale-summary", text: summaryLine(data.overall) }),
      chart(results, ctx),
      hiddenNote(results, ctx),
    ]));
  }

  S.kinds.scale = { phone: phone, control: control, screen: screen, trend: trend };
})();
