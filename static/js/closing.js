/* The session's end: the closing summary on the projector, thanks and own answers on the phone.
   Also home to "where did my ambitions go": a participant's ambitions with the goals they went into. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;

  function number(value, language) { return new Intl.NumberFormat(language || "nl").format(value); }
  function money(value, language, currency) {
    return new Intl.NumberFormat(language || "nl", { style: "currency", currency: currency || "EUR", maximumFractionDigits: 0 }).format(value);
  }

  /** "40 hours · € 10.000": what was pledged, per measure the commitments round asked for (nothing for none). */
  function pledgeText(amounts, summary, language) {
    return summary.measures.filter(function (m) { return amounts[m]; }).map(function (m) {
      return m === "hours" ? t("closing.hours", { n: number(amounts.hours, language) }) : money(amounts.budget, language, summary.currency);
    }).join(" · ");
  }

  /** The consent verdict of a goal, or null when no revealed consent round covered it. */
  function verdict(goal) {
    var c = goal.consent;
    if (!c) return null;
    var text = c.passes ? t("closing.consent_passes", { n: c.counts.consent })
      : S.count(c.counts.objection, "closing.consent_blocked_one", "closing.consent_blocked");
    return el("p", { class: "closing-verdict " + (c.passes ? "pass" : "blocked") }, [
      el("span", { class: "closing-mark", "aria-hidden": "true", text: c.passes ? "✓" : "✗" }), text,
    ]);
  }

  /** The goals an ambition went into (the goals' sources say which). */
  function goalsOf(answerId, goals) {
    return (goals || []).filter(function (g) { return (g.source_answer_ids || []).indexOf(answerId) >= 0; });
  }

  /** "Went into: <goal>" under one of my ambitions; `always` also says when it is in no goal (yet). */
  function wentInto(answerId, goals, always) {
    var found = goalsOf(answerId, goals);
    if (!found.length) return always ? el("p", { class: "hint went-into", text: t("closing.not_in_goal") }) : null;
    return el("p", { class: "went-into" }, [t("closing.went_into") + " "].concat(found.map(function (g, i) {
      return el("span", {}, [i ? "; " : "", el("strong", { text: g.text }), g.adopted ? " (" + t("goals.adopted").toLowerCase() + ")" : ""]);
    })));
  }

  /** A list of the participant's ambitions and where each went; null when they wrote none. */
  function myAmbitionsList(answers, goals) {
    var mine = (answers || []).filter(function (a) { return a.kind === "ambitions"; });
    if (!mine.length) return null;
    return el("section", { class: "my-ambitions", "aria-labelledby": "my-ambitions-title" }, [
      el("h2", { id: "my-ambitions-title", class: "mine-title", text: t("closing.my_ambitions") }),
      el("ul", { class: "mine-list" }, mine.map(function (a) {
        return el("li", { class: "mine-item" }, [el("p", { class: "mine-text", text: a.answer.text }), wentInto(a.id, goals, true)]);
      })),
    ]);
  }

  /** Fill `container` with the participant's ambitions and their goals, fetched from the server. */
  function myAmbitions(container, ctx) {
    if (!ctx.ownAnswers) return;
    ctx.ownAnswers().then(function (answers) {
      if (answers) S.render(container, myAmbitionsList(answers, ctx.goals));
    });
  }

  // ---- Phone: thanks, the shared goals, my ambitions, my answers to take home ----

  function phone(stage, ctx) {
    var summary = ctx.closing || { goals: [] };
    var ambitions = el("div", { class: "my-ambitions-box" });
    S.render(stage, [
      el("h1", { class: "phone-title", text: t("closing.thanks") }),
      el("p", { class: "lead", text: t("closing.ended") }),
      summary.goals.length ? el("section", { class: "closing-goals", "aria-labelledby": "closing-goals-title" }, [
        el("h2", { id: "closing-goals-title", class: "mine-title", text: t("closing.goals") }),
        el("ol", { class: "mine-list" }, summary.goals.map(function (g) {
          return el("li", { class: "mine-item" }, [el("p", { class: "mine-text", text: g.text }), verdict(g)]);
        })),
      ]) : null,
      ambitions,
      el("div", { class: "closing-take-home" }, [
        el("p", { class: "hint", text: t("closing.take_home") }),
        el("a", { class: "button primary block", href: "/w/" + ctx.workshop.code + "/my-answers.json", download: "", id: "closing-download", text: t("closing.download") }),
      ]),
    ]);
    myAmbitions(ambitions, ctx);
  }

  // ---- Screen: the closing summary ----

  var paging = null;

  function screen(container, state) {
    var summary = state.closing, language = state.workshop.language;
    var orgs = S.organisationMap(state.workshop);
    if (paging) { clearInterval(paging); paging = null; }
    var goals = el("ol", { class: "closing-goal-list" }, summary.goals.map(function (g) {
      var pledges = g.commitments ? g.commitments.by_organisation.filter(function (p) { return orgs[p.organisation_id] && pledgeText(p, summary, language); }) : [];
      return el("li", { class: "closing-goal" + (g.consent && !g.consent.passes ? " blocked" : "") }, [
        el("p", { class: "closing-goal-text", text: g.text }),
        verdict(g),
        pledges.length ? el("ul", { class: "closing-pledges", "aria-label": t("closing.pledged") }, pledges.map(function (p) {
          return el("li", { class: "closing-pledge" }, [S.orgLabel(orgs[p.organisation_id]), el("span", { text: pledgeText(p, summary, language) })]);
        })) : null,
      ]);
    }));
    var pager = el("p", { class: "closing-pager", "aria-hidden": "true" });
    var peoplePager = el("p", { class: "closing-pager", "aria-hidden": "true" });
    var people = el("ul", { class: "closing-people" }, summary.organisations.map(function (row) {
      var org = orgs[row.organisation_id];
      var pledged = pledgeText(row, summary, language);
      return el("li", { class: "closing-org", colour: org.colour }, [
        el("div", { class: "closing-org-head" }, [S.orgLabel(org), el("span", { class: "closing-count", text: String(row.participants) })]),
        el("p", { class: "closing-org-detail", text: t("in_room_remote", { room: row.in_room, remote: row.remote }) }),
        pledged ? el("p", { class: "closing-org-detail", text: t("closing.pledged") + ": " + pledged }) : null,
      ]);
    }));
    S.render(container, [
      el("header", { class: "closing-head" }, [
        el("h1", { class: "screen-title", text: t("closing.thanks") }),
        el("p", { class: "prompt", text: state.workshop.title }),
      ]),
      el("div", { class: "closing-grid" }, [
        el("section", { class: "closing-panel closing-goals-panel", "aria-labelledby": "closing-goals-head" }, [
          el("h2", { id: "closing-goals-head", class: "closing-panel-title", text: t("closing.goals") }),
          summary.goals.length ? goals : el("p", { class: "empty", text: t("closing.no_goals") }),
          pager,
        ]),
        el("section", { class: "closing-panel", "aria-labelledby": "closing-people-head" }, [
          el("h2", { id: "closing-people-head", class: "closing-panel-title", text: t("closing.took_part") }),
          people,
          peoplePager,
          el("p", { class: "closing-total", text: t("closing.total", { n: summary.participants, k: summary.organisations.length }) }),
        ]),
      ]),
    ]);
    var turners = [pages(goals, pager), pages(people, peoplePager)].filter(Boolean);
    if (turners.length) paging = setInterval(function () { turners.forEach(function (turn) { turn(); }); }, 12000);
  }

  /** More items than fit in `list`: show them a page at a time (nothing is cut off); returns what turns the page. */
  function pages(list, pager) {
    var room = list.clientHeight, groups = [[]], used = 0, gap = parseFloat(getComputedStyle(list).rowGap) || 0;
    Array.prototype.forEach.call(list.children, function (item) {
      var height = item.getBoundingClientRect().height + gap;
      if (used + height > room + gap && groups[groups.length - 1].length) { groups.push([]); used = 0; }
      groups[groups.length - 1].push(item);
      used += height;
    });
    pager.hidden = groups.length < 2;
    if (groups.length < 2) return null;
    var current = 0;
    function show() {
      groups.forEach(function (group, i) { group.forEach(function (item) { item.hidden = i !== current; }); });
      pager.textContent = t("closing.page", { n: current + 1, total: groups.length });
    }
    show();
    return function () { current = (current + 1) % groups.length; show(); };
  }

  S.closing = { phone: phone, screen: screen, myAmbitions: myAmbitions, wentInto: wentInto };
})();
