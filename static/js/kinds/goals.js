/* Goals: the facilitator composes shared goals from ambitions; phones and the projector watch the list.
   Also defines Samenspel.goalKit, the small helpers the goal-based kinds share (looked up when they draw). */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;

  /** The goals a round is about: the adopted ones, or all when none is adopted yet (as the server decides). */
  function roundGoals(goals, adoptedOnly) {
    goals = goals || [];
    if (adoptedOnly === false) return goals.slice();
    var adopted = goals.filter(function (g) { return g.adopted; });
    return adopted.length ? adopted : goals.slice();
  }

  function goalMap(goals) {
    var map = {};
    (goals || []).forEach(function (g) { map[g.id] = g; });
    return map;
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

  S.goalKit = {
    roundGoals: roundGoals, goalMap: goalMap, orgLabels: orgLabels, number: number, money: money, more: more,
    inkOn: inkOn, draft: draft,
  };

  function adoptedBadge(goal, big) {
    return goal.adopted ? el("span", { class: "gl-badge" + (big ? " big" : "") }, [el("span", { "aria-hidden": "true", text: "✓" }), t("goals.adopted")]) : null;
  }

  // ---- Phone: watch the list form ----

  function phone(container, ctx) {
    var goals = ctx.goals || [];
    S.render(container, [
      el("p", { class: "hint", text: t("goals.intro") }),
      goals.length
        ? el("ol", { class: "gl-phone-list" }, goals.map(function (g) {
          return el("li", { class: "gl-phone-item" + (g.adopted ? " adopted" : "") }, [
            el("p", { class: "gl-text", text: g.text }),
            el("div", { class: "gl-meta" }, [adoptedBadge(g), orgLabels(g.organisation_ids, ctx.workshop)]),
          ]);
        }))
        : el("p", { class: "waiting", text: t("goals.no_goals") }),
    ]);
    return { updateMine: function () {} };
  }

  // ---- Screen: goals as cards with the organisations behind each ----

  function screen(container, results, ctx) {
    var goals = results.data.goals, max = 6;
    if (!goals.length) { S.render(container, el("p", { class: "empty", text: t("goals.no_goals") })); return; }
    S.render(container, [
      el("ol", { class: "gl-cards count-" + Math.min(goals.length, max) }, goals.slice(0, max).map(function (g) {
        return el("li", { class: "card-item gl-card" + (g.adopted ? " adopted" : "") }, [
          el("p", { class: "gl-card-text", text: g.text }),
          el("div", { class: "gl-meta" }, [adoptedBadge(g, true), orgLabels(g.organisation_ids, ctx.workshop)]),
        ]);
      })),
      more(goals.length, max),
    ]);
  }

  // ---- Control: the composing tool ----
  // control.js redraws on every push (presence, results), so the tool is one long-lived element that is
  // moved into each new container; what the facilitator is typing or has ticked survives the redraw.

  var tool = null;

  function Composer(activityId, socket) {
    var self = this;
    this.activityId = activityId;
    this.socket = socket;
    this.selected = {};
    this.ambitions = null;
    this.fetchedAt = 0;
    this.editing = null;
    this.renames = {};
    this.goals = [];
    this.workshop = null;
    this.focus = null;
    this.goalsKey = null;
    this.sourcesKey = null;

    this.status = el("p", { class: "error", role: "alert", hidden: true });
    this.goalsBox = el("div", { class: "gl-goals" });
    this.input = el("input", { id: "gl-new-goal", type: "text", maxlength: "300", "data-focus": "new-goal", autocomplete: "off" });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); self.create(); }
    });
    this.createButton = el("button", { type: "button", class: "button primary", "data-action": "create-goal", onclick: function () { self.create(); } });
    this.clearButton = el("button", { type: "button", class: "button small", text: t("goals.clear"), onclick: function () { self.selected = {}; self.drawSources(true); self.drawForm(); } });
    this.selectedNote = el("span", { class: "hint", "aria-live": "polite" });
    this.sourcesBox = el("div", { class: "gl-sources" });
    this.root = el("div", { class: "gl-tool" }, [
      el("section", { class: "gl-section", "aria-labelledby": "gl-goals-title" }, [
        el("h3", { id: "gl-goals-title", text: t("goals.goals_title") }),
        this.goalsBox,
      ]),
      el("section", { class: "gl-section gl-compose", "aria-labelledby": "gl-compose-title" }, [
        el("label", { for: "gl-new-goal", id: "gl-compose-title", text: t("goals.goal_text") }),
        el("div", { class: "gl-compose-row" }, [this.input, this.createButton]),
        el("div", { class: "gl-compose-row" }, [this.selectedNote, this.clearButton]),
        this.status,
      ]),
      el("section", { class: "gl-section", "aria-labelledby": "gl-sources-title" }, [
        el("div", { class: "gl-head" }, [
          el("h3", { id: "gl-sources-title", text: t("goals.sources_title") }),
          el("button", { type: "button", class: "button small", text: t("goals.refresh"), onclick: function () { self.fetch(); } }),
        ]),
        el("p", { class: "hint", text: t("goals.sources_hint") }),
        this.sourcesBox,
      ]),
    ]);
    // Remember where the facilitator was typing, to put the caret back after a redraw.
    this.root.addEventListener("focusin", function (event) {
      var key = event.target.getAttribute && event.target.getAttribute("data-focus");
      self.focus = key ? { key: key } : null;
    });
    this.root.addEventListener("focusout", function (event) {
      var node = event.target;
      if (node.getAttribute && node.getAttribute("data-focus") && self.focus) {
        self.focus.start = node.selectionStart;
        self.focus.end = node.selectionEnd;
      }
      setTimeout(function () {
        if (self.root.isConnected && !self.root.contains(document.activeElement)) self.focus = null;
      }, 0);
    });
  }

  Composer.prototype.say = function (message) {
    this.status.textContent = message || "";
    this.status.hidden = !message;
  };

  Composer.prototype.send = function (name, payload) {
    var self = this;
    self.say("");
    return S.request(self.socket, name, payload).then(function (ack) {
      if (!ack.ok) self.say(ack.error.message);
      return ack;
    });
  };

  Composer.prototype.selectedIds = function () {
    var self = this;
    return Object.keys(self.selected).filter(function (k) { return self.selected[k]; }).map(Number);
  };

  Composer.prototype.create = function () {
    var self = this, ids = self.selectedIds();
    if (!self.input.value.trim()) { self.say(t("goals.write_first")); self.input.focus(); return; }
    self.createButton.disabled = true;
    self.send("goal_add", { text: self.input.value, answer_ids: ids }).then(function (ack) {
      self.createButton.disabled = false;
      if (ack.ok) {
        self.input.value = "";
        self.selected = {};
        self.drawSources(true);
        self.drawForm();
        self.input.focus();
      }
    });
  };

  Composer.prototype.fetch = function () {
    var self = this;
    self.fetchedAt = Date.now();
    if (self.ambitions === null) S.render(self.sourcesBox, el("p", { class: "muted", text: t("goals.loading") }));
    S.request(self.socket, "goal_sources", {}).then(function (ack) {
      if (!ack.ok) { self.say(ack.error.message); return; }
      self.ambitions = ack.ambitions;
      self.drawSources();
    });
  };

  Composer.prototype.update = function (goals, workshop) {
    this.goals = goals || [];
    this.workshop = workshop;
    this.drawGoals();
    this.drawSources();
    this.drawForm();
    if (Date.now() - this.fetchedAt > 20000) this.fetch();
  };

  Composer.prototype.drawForm = function () {
    var n = this.selectedIds().length;
    this.createButton.textContent = n ? t("goals.create") + " (" + n + ")" : t("goals.create_empty");
    this.selectedNote.textContent = n ? t("goals.selected", { n: n }) : t("goals.sources_hint");
    this.clearButton.hidden = !n;
  };

  /** Which goal each ambition already went into, as "in goal 2". */
  Composer.prototype.usedIn = function () {
    var used = {};
    this.goals.forEach(function (g, i) {
      (g.source_answer_ids || []).forEach(function (id) { (used[id] = used[id] || []).push(i + 1); });
    });
    return used;
  };

  Composer.prototype.drawSources = function (force) {
    var self = this;
    if (self.ambitions === null) return;
    var used = self.usedIn();
    var key = JSON.stringify([self.ambitions, used]);
    if (!force && key === self.sourcesKey) return;
    self.sourcesKey = key;
    var visible = self.ambitions.filter(function (a) { return !a.hidden; });
    var hiddenCount = self.ambitions.length - visible.length;
    if (!visible.length) {
      S.render(self.sourcesBox, el("p", { class: "muted", text: t("goals.no_sources") }));
      return;
    }
    var byOrg = {};
    visible.forEach(function (a) { (byOrg[a.organisation_id] = byOrg[a.organisation_id] || []).push(a); });
    var groups = (self.workshop.organisations || []).filter(function (o) { return byOrg[o.id]; }).map(function (org) {
      return el("section", { class: "group gl-group", colour: org.colour }, [
        el("h4", { class: "gl-group-head" }, [S.orgLabel(org), el("span", { class: "count", text: " " + byOrg[org.id].length })]),
        el("ul", { class: "items" }, byOrg[org.id].map(function (a) {
          var id = "gl-amb-" + a.id;
          var box = el("input", { type: "checkbox", id: id, value: String(a.id) });
          box.checked = !!self.selected[a.id];
          box.addEventListener("change", function () { self.selected[a.id] = box.checked; self.drawForm(); });
          return el("li", {}, [
            el("label", { class: "gl-source" + (used[a.id] ? " used" : ""), for: id }, [
              box,
              el("span", { class: "gl-source-body" }, [
                el("span", { class: "gl-source-text", text: a.text }),
                a.value_driver ? el("span", { class: "tag", text: a.value_driver }) : null,
                used[a.id] ? el("span", { class: "tag gl-used", text: used[a.id].map(function (n) { return t("goals.in_goal", { n: n }); }).join(", ") }) : null,
              ]),
            ]),
          ]);
        })),
      ]);
    });
    S.render(self.sourcesBox, [
      el("div", { class: "control-groups" }, groups),
      hiddenCount ? el("p", { class: "hint", text: t("goals.hidden_sources", { n: hiddenCount }) }) : null,
    ]);
  };

  Composer.prototype.drawGoals = function () {
    var self = this;
    var key = JSON.stringify([self.goals, self.editing, self.selectedIds().length > 0]);
    if (key === self.goalsKey) return;
    self.goalsKey = key;
    if (!self.goals.length) { S.render(self.goalsBox, el("p", { class: "muted", text: t("goals.no_goals") })); return; }
    var adopted = self.goals.filter(function (g) { return g.adopted; }).length;
    S.render(self.goalsBox, [
      el("p", { class: "hint", text: t("goals.adopted_count", { n: adopted, total: self.goals.length }) }),
      el("ol", { class: "gl-goal-list" }, self.goals.map(function (g) { return self.goalRow(g); })),
    ]);
  };

  Composer.prototype.goalRow = function (g) {
    var self = this;
    var redraw = function () { self.goalsKey = null; self.drawGoals(); };
    if (self.editing === g.id) {
      var input = el("input", { type: "text", maxlength: "300", "data-focus": "rename-" + g.id, "aria-label": t("goals.rename") });
      input.value = self.renames[g.id] !== undefined ? self.renames[g.id] : g.text;
      input.addEventListener("input", function () { self.renames[g.id] = input.value; });
      var save = function () {
        self.send("goal_update", { goal_id: g.id, text: input.value }).then(function (ack) {
          if (ack.ok) { self.editing = null; delete self.renames[g.id]; redraw(); }
        });
      };
      var cancel = function () { self.editing = null; delete self.renames[g.id]; redraw(); };
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); save(); }
        if (event.key === "Escape") { event.preventDefault(); cancel(); }
      });
      setTimeout(function () { if (self.editing === g.id && input.isConnected) input.focus(); }, 0);
      return el("li", { class: "gl-goal editing" }, [
        input,
        el("div", { class: "gl-buttons" }, [
          el("button", { type: "button", class: "button small primary", text: t("goals.save"), onclick: save }),
          el("button", { type: "button", class: "button small", text: t("goals.cancel"), onclick: cancel }),
        ]),
      ]);
    }
    var selectedIds = self.selectedIds();
    return el("li", { class: "gl-goal" + (g.adopted ? " adopted" : ""), "data-goal-id": String(g.id) }, [
      el("div", { class: "gl-goal-main" }, [
        el("span", { class: "gl-goal-text", text: g.text }),
        el("div", { class: "gl-meta" }, [
          adoptedBadge(g),
          orgLabels(g.organisation_ids, self.workshop),
          el("span", { class: "tag", text: t("goals.sources_count", { n: (g.source_answer_ids || []).length }) }),
        ]),
      ]),
      el("div", { class: "gl-buttons" }, [
        el("button", {
          type: "button", class: "button small" + (g.adopted ? "" : " primary-outline"), "aria-pressed": g.adopted ? "true" : "false",
          "data-action": g.adopted ? "unadopt" : "adopt",
          text: g.adopted ? t("goals.unadopt") : t("goals.adopt"),
          onclick: function () { self.send("goal_update", { goal_id: g.id, adopted: !g.adopted }); },
        }),
        el("button", { type: "button", class: "button small", text: t("goals.rename"), onclick: function () { self.editing = g.id; redraw(); } }),
        selectedIds.length ? el("button", {
          type: "button", class: "button small", text: t("goals.link_selected"),
          onclick: function () {
            var ids = (g.source_answer_ids || []).concat(self.selectedIds().filter(function (id) { return (g.source_answer_ids || []).indexOf(id) < 0; }));
            self.send("goal_update", { goal_id: g.id, answer_ids: ids }).then(function (ack) {
              if (ack.ok) { self.selected = {}; self.drawSources(true); self.drawForm(); self.goalsKey = null; self.drawGoals(); }
            });
          },
        }) : null,
        el("button", {
          type: "button", class: "button small gl-delete", text: t("goals.delete"),
          onclick: function () { if (window.confirm(t("goals.confirm_delete"))) self.send("goal_delete", { goal_id: g.id }); },
        }),
      ]),
    ]);
  };

  Composer.prototype.restoreFocus = function () {
    if (!this.focus) return;
    var node = this.root.querySelector('[data-focus="' + this.focus.key + '"]');
    if (!node || document.activeElement === node) return;
    node.focus({ preventScroll: true });
    if (typeof this.focus.start === "number" && node.setSelectionRange) node.setSelectionRange(this.focus.start, this.focus.end);
  };

  function control(container, results, ctx) {
    if (!tool || tool.activityId !== ctx.activity.id || tool.socket !== ctx.socket) tool = new Composer(ctx.activity.id, ctx.socket);
    container.appendChild(tool.root);
    // The state's goals carry their ambitions (source_answer_ids); the results do not need them.
    tool.update(ctx.goals || results.data.goals, ctx.workshop);
    tool.restoreFocus();
  }

  S.kinds.goals = { phone: phone, control: control, screen: screen };
})();
