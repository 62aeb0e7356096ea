/* Helpers the goal-based kinds share (goals, dot voting, consent, commitments): one home for each. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;

  function goalMap(goals) {
    var map = {};
    (goals || []).forEach(function (g) { map[g.id] = g; });
    return map;
  }

  /** The goals an activity's round is about, in the order the server gave (`activity.goal_ids`).
      The server decides which goals are in a round; the browser never re-decides it. */
  function roundGoals(goals, activity) {
    var ids = activity && activity.goal_ids;
    if (!ids) return (goals || []).slice();
    var byId = goalMap(goals);
    return ids.map(function (id) { return byId[id]; }).filter(Boolean);
  }

  /** Organisation labels (colour dot + name) for a list of organisation ids. */
  function orgLabels(ids, workshop, className) {
    var orgs = S.organisationMap(workshop);
    var labels = (ids || []).map(function (id) { return orgs[id] ? S.orgLabel(orgs[id]) : null; }).filter(Boolean);
    return labels.length ? el("span", { class: className || "gl-orgs" }, labels) : null;
  }

  function number(value, language, digits) {
    return new Intl.NumberFormat(language || "nl", { maximumFractionDigits: digits || 0 }).format(value);
  }

  function money(value, language, currency) {
    return new Intl.NumberFormat(language || "nl", { style: "currency", currency: currency || "EUR", maximumFractionDigits: 0 }).format(value);
  }

  /** "+3 more" under a list cut to what a projector can show. */
  function more(total, shown, key) {
    return total > shown ? el("p", { class: "more", text: t(key || "goals.more", { n: total - shown }) }) : null;
  }

  /** Black or white text, whichever reads better on an organisation's colour. */
  function inkOn(hex) {
    var m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
    if (!m) return "#ffffff";
    var lum = [m[1], m[2], m[3]].map(function (h) {
      var c = parseInt(h, 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
  }

  /** A phone's draft per activity, so a redraw (the facilitator edits goals) keeps what was not sent yet. */
  var drafts = {};
  function draft(activityId, initial) {
    if (!drafts[activityId]) drafts[activityId] = { dirty: false, value: initial() };
    return drafts[activityId];
  }

  /** A results table for the control view. It may scroll sideways, so its region is focusable and named:
      keyboard users can scroll it too (WCAG 2.1.1). */
  function table(head, body, className, label) {
    return el("div", { class: "gk-table-wrap", tabindex: "0", role: "region", "aria-label": label || t("results_table") }, [
      el("table", { class: "gk-table " + (className || "") }, [
        el("thead", {}, [el("tr", {}, head.map(function (h) {
          return h && h.tagName === "TH" ? h : el("th", { scope: "col" }, [h]);
        }))]),
        el("tbody", {}, body),
      ]),
    ]);
  }

  S.goalKit = {
    roundGoals: roundGoals, goalMap: goalMap, orgLabels: orgLabels, number: number, money: money, more: more,
    inkOn: inkOn, draft: draft, table: table,
  };
})();
