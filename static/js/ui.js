/* Shared pieces of the phone and projector views: one home each for the status line, the answer form
   and its bottom bar, bar scaling, empty states, drafts that survive a reload, render-when-changed,
   and paging what does not fit the projector. Loaded after common.js; adds to window.Samenspel. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;

  /** The line where the server's ack (or a problem) appears; screen readers hear it. */
  function statusLine() {
    return el("p", { class: "status", role: "status", "aria-live": "polite" });
  }

  /** Show a problem in a status line without sending anything. */
  function complain(status, message) {
    status.className = "status error";
    status.textContent = message;
  }

  /** "No answers yet" and the like: the one way every screen says there is nothing to show. */
  function empty(container, text) {
    S.render(container, el("p", { class: "empty", text: text || t("no_answers") }));
    return true;
  }

  /** Widths for a set of bars: the largest value fills the track; all zero gives empty bars. */
  function barScale(values) {
    var top = Math.max.apply(null, values.concat([1]));
    return function (value) { return (100 * value / top) + "%"; };
  }

  /** A bar fill element sized by `scale` (from barScale). */
  function barFill(className, scale, value, children) {
    var fill = el("span", { class: className }, children);
    fill.style.width = scale(value);
    return fill;
  }

  // ---- The sticky bottom bar: primary button within thumb reach, never hiding what it is about ----

  /** Keep focused and scrolled-to content above the sticky bar (WCAG 2.4.11): the page's scroll padding
      follows the bar's height. */
  var bars = [];
  var watcher = window.ResizeObserver ? new ResizeObserver(padForBars) : null;
  function padForBars() {
    bars = bars.filter(function (bar) { return bar.isConnected; });
    var height = bars.reduce(function (h, bar) { return Math.max(h, bar.offsetHeight); }, 0);
    document.documentElement.style.scrollPaddingBottom = height ? height + 8 + "px" : "";
  }

  /** The sticky bar under a phone form: an optional summary line, the status and the button side by side. */
  function bottomBar(status, button, summary) {
    var bar = el("div", { class: "bottom-bar" }, [el("div", { class: "bar-text" }, [summary || null, status]), button]);
    bars.push(bar);
    if (watcher) watcher.observe(bar);
    return bar;
  }

  /** A text field being typed in: the sticky bar and the timer step aside so they cover nothing. */
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && /^(text|number|search|email)$/.test(target.type)));
    document.body.classList.toggle("typing", !!typing);
  });
  document.addEventListener("focusout", function () { document.body.classList.remove("typing"); });

  /** The phone's answer form: fields, then a sticky bar with the status and the primary button.

      `options`: fields (nodes), collect() → the answer or a problem string, okText, sendLabel,
      updateLabel, summary (a node for the bar), afterSend(ack). Returns {form, status, button,
      isDirty, setSaved(hasAnswer)}. The dirty flag keeps what is being typed from being overwritten
      by a push of the participant's own earlier answer. */
  function answerForm(ctx, options) {
    var status = statusLine();
    var button = el("button", { type: "submit", class: "button primary block", text: options.sendLabel || t("send") });
    var form = el("form", { class: "stack answer-form", novalidate: true }, options.fields.concat([bottomBar(status, button, options.summary)]));
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answer = options.collect();
      if (typeof answer === "string") { complain(status, answer); return; }
      S.sendAnswer(ctx, button, status, answer, options.okText).then(function (ack) {
        if (ack.ok) dirty = false;
        if (options.afterSend) options.afterSend(ack);
      });
    });
    return {
      form: form, status: status, button: button,
      isDirty: function () { return dirty; },
      setDirty: function (value) { dirty = value; },
      setSaved: function (hasAnswer) { button.textContent = hasAnswer ? options.updateLabel || t("send") : options.sendLabel || t("send"); },
    };
  }

  // ---- Drafts: what a participant changed but did not send survives a redraw and a reload ----

  var drafts = {};
  /** A draft per key: {dirty, value}; `initial()` gives the value when there is no unsent draft.
      Unsent drafts live in localStorage, so a reload (or a flat battery) keeps them. */
  function draft(key, initial) {
    if (drafts[key]) return drafts[key];
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem("samenspel-draft-" + key)); } catch (e) { stored = null; }
    var d = drafts[key] = { dirty: false, value: null };
    if (stored && stored.dirty && stored.value && typeof stored.value === "object") { d.dirty = true; d.value = stored.value; }
    else d.value = initial();
    d.save = function () {
      try {
        if (d.dirty) localStorage.setItem("samenspel-draft-" + key, JSON.stringify({ dirty: true, value: d.value }));
        else localStorage.removeItem("samenspel-draft-" + key);
      } catch (e) { /* private mode without storage: the draft lives as long as the page */ }
    };
    d.change = function () { d.dirty = true; d.save(); };
    d.sent = function () { d.dirty = false; d.save(); };
    return d;
  }

  /** True when `input` differs from what was last rendered under `key`: panels redraw only on change. */
  var lastInputs = {};
  function changed(key, input) {
    var json = JSON.stringify(input);
    if (lastInputs[key] === json) return false;
    lastInputs[key] = json;
    return true;
  }

  // ---- Paging on the projector: nothing is cut off; what does not fit comes on the next page ----

  /** Split `nodes` into pages that each fit `list` (a box of fixed height, position: relative). */
  function fitPages(list, nodes) {
    S.render(list, nodes);
    var limit = list.clientHeight, pages = [[]], start = nodes.length ? nodes[0].offsetTop : 0;
    nodes.forEach(function (node) {
      var page = pages[pages.length - 1];
      if (page.length && node.offsetTop + node.offsetHeight - start > limit + 1) {
        pages.push([]);
        start = node.offsetTop;
      }
      pages[pages.length - 1].push(node);
    });
    return pages;
  }

  var PAGE_SECONDS = 10;
  /** Turn pages slowly: `draw(tick)` now and every few seconds while `container` shows the same activity.
      The tick survives redraws (new answers), so a push does not send the room back to page one. */
  function paging(container, draw, pageCount) {
    var pager = container.samenspelPager || (container.samenspelPager = { tick: 0, timer: null });
    clearInterval(pager.timer);
    pager.timer = null;
    draw(pager.tick);
    if (pageCount > 1) {
      pager.timer = setInterval(function () { pager.tick += 1; draw(pager.tick); }, PAGE_SECONDS * 1000);
    }
  }

  /** Stop turning pages and start at page one (the projector moved to another activity). */
  function stopPaging(container) {
    if (!container.samenspelPager) return;
    clearInterval(container.samenspelPager.timer);
    container.samenspelPager = null;
  }

  /** Page several lists in step: each {list, nodes, mark} is split to fit its list (already on the page, with
      its final size); `mark` shows "2 / 3" while a list has more than one page; `afterDraw` runs on each page. */
  function pagedLists(container, parts, afterDraw) {
    parts.forEach(function (part) { part.pages = fitPages(part.list, part.nodes); });
    var most = Math.max.apply(null, parts.map(function (part) { return part.pages.length; }).concat([1]));
    paging(container, function (tick) {
      parts.forEach(function (part) {
        var index = tick % part.pages.length;
        S.render(part.list, part.pages[index]);
        if (part.mark) part.mark.textContent = part.pages.length > 1 ? (index + 1) + " / " + part.pages.length : "";
      });
      if (afterDraw) afterDraw();
    }, most);
  }

  /** An empty "2 / 3" mark for pagedLists. */
  function pageMark() {
    return el("span", { class: "page-mark" });
  }

  /** Columns per organisation (ambitions, introductions) whose cards page when they do not all fit.
      `groups`: [{label, colour, items, note}]; `card(item)` builds one card; `below` goes under the columns. */
  function pagedColumns(container, groups, card, below, className) {
    var parts = [];
    var columns = groups.map(function (g) {
      var part = { list: el("ul", { class: "cards" }), mark: pageMark(), nodes: g.items.map(card) };
      parts.push(part);
      return el("section", { class: "column", colour: g.colour }, [
        el("h2", { class: "column-head" }, [g.label, part.mark, el("span", { class: "count", text: String(g.items.length) })]),
        g.note ? el("p", { class: "column-note", text: g.note }) : null,
        part.list,
      ]);
    });
    S.render(container, [el("div", { class: "columns columns-" + Math.min(columns.length, 4) + " " + (className || "") }, columns), below || null]);
    pagedLists(container, parts);
  }

  Object.assign(S, {
    statusLine: statusLine, complain: complain, empty: empty, barScale: barScale, barFill: barFill,
    bottomBar: bottomBar, answerForm: answerForm, draft: draft, changed: changed,
    fitPages: fitPages, paging: paging, stopPaging: stopPaging, pageMark: pageMark, pagedLists: pagedLists,
    pagedColumns: pagedColumns,
  });
})();
