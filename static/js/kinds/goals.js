/* Goals: the facilitator composes shared goals from ambitions; phones and the projector watch the list.
   The helpers goal-based kinds share live in goalkit.js. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;

  function orgLabels(ids, workshop, className) { return S.goalKit.orgLabels(ids, workshop, className); }

  function adoptedBadge(goal, big) {
    return goal.adopted ? el("span", { class: "gl-badge" + (big ? " big" : "") }, [el("span", { "aria-hidden": "true", text: "✓" }), t("goals.adopted")]) : null;
  }

  /** Where a goal carried on from an earlier workshop of the partnership stands: carried, changed or closed. */
  function threadBadge(goal) {
    return goal.thread_status ? el("span", { class: "tag gl-thread " + goal.thread_status, text: t("goals." + goal.thread_status) }) : null;
  }

  // ---- Phone: watch the list form ----

  function phone(container, ctx) {
    var goals = ctx.goals || [], mineBox = el("div", { class: "my-ambitions-box" });
    S.render(container, [
      // The facilitator's own instruction (the prompt) says what happens here; the default only without one.
      ctx.activity.prompt ? null : el("p", { class: "hint", text: t("goals.intro") }),
      goals.length
        ? el("ol", { class: "gl-phone-list" }, goals.map(function (g) {
          return el("li", { class: "gl-phone-item" + (g.adopted ? " adopted" : "") }, [
            el("p", { class: "gl-text", text: g.text }),
            el("div", { class: "gl-meta" }, [adoptedBadge(g), threadBadge(g), orgLabels(g.organisation_ids, ctx.workshop)]),
          ]);
        }))
        : el("p", { class: "waiting", text: t("goals.no_goals") }),
      mineBox,
    ]);
    // Where my own ambitions went, as the facilitator links them to goals.
    S.closing.myAmbitions(mineBox, ctx);
    return { updateMine: function () {} };
  }

  // ---- Screen: goals as cards with the organisations behind each ----

  function screen(container, results, ctx) {
    var goals = results.data.goals;
    if (!goals.length) return S.empty(container, t("goals.no_goals"));
    var list = el("ol", { class: "gl-cards count-" + Math.min(goals.length, 6) }), mark = S.pageMark();
    S.render(container, [list, el("div", { class: "gl-foot" }, [mark])]);
    S.pagedLists(container, [{ list: list, mark: mark, nodes: goals.map(function (g, i) {
      return el("li", { class: "card-item gl-card" + (g.adopted ? " adopted" : "") }, [
        el("p", { class: "gl-card-text" }, [el("span", { class: "gl-number", text: (i + 1) + ". " }), g.text]),
        el("div", { class: "gl-meta" }, [adoptedBadge(g, true), orgLabels(g.organisation_ids, ctx.workshop)]),
      ]);
    }) }]);
  }

  // ---- Control: the composing tool ----
  // One long-lived element per activity: the control view keeps its results container and calls this
  // only when the results or goals changed, and each part redraws only when its own input changed, so
  // what the facilitator is typing or has ticked stays as it is.

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
    this.goalsKey = null;
    this.sourcesKey = null;

    this.status = el("p", { class: "error", role: "alert", hidden: true });
    this.goalsBox = el("div", { class: "gl-goals" });
    this.input = el("input", { id: "gl-new-goal", type: "text", maxlength: "300", autocomplete: "off" });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); self.create(); }
    });
    this.createButton = el("button", { type: "button", class: "button primary", "data-action": "create-goal", onclick: function () { self.create(); } });
    this.clearButton = el("button", { type: "button", class: "button small", text: t("goals.clear"), onclick: function () { self.selected = {}; self.drawSources(true); self.drawForm(); } });
    this.selectedNote = el("span", { class: "hint", "aria-live": "polite" });
    this.sourcesBox = el("div", { class: "gl-sources" });
    this.suggestions = null;
    this.ignored = {};
    this.suggestBox = el("div", { class: "gl-suggestions", "aria-live": "polite" });
    this.suggestButton = el("button", { type: "button", class: "button small", "data-action": "suggest", text: t("goals.suggest"), onclick: function () { self.suggest(); } });
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
      el("section", { class: "gl-section", "aria-labelledby": "gl-suggest-title" }, [
        el("div", { class: "gl-head" }, [el("h3", { id: "gl-suggest-title", text: t("goals.suggest_title") }), this.suggestButton]),
        el("p", { class: "hint", text: t("goals.suggest_hint") }),
        this.suggestBox,
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
    var text = self.input.value;
    self.createButton.disabled = true;
    self.send("goal_add", { text: text, answer_ids: ids }).then(function (ack) {
      self.createButton.disabled = false;
      if (ack.ok) {
        // The next goal may already be typed while this one was on its way: keep it.
        if (self.input.value === text) self.input.value = "";
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
      self.drawSuggestions();
    });
  };

  /** Ask the server for groups of similar ambitions (computed offline on the server). */
  Composer.prototype.suggest = function () {
    var self = this;
    self.suggestButton.disabled = true;
    S.render(self.suggestBox, el("p", { class: "muted", text: t("goals.suggesting") }));
    if (self.ambitions === null) self.fetch();
    self.send("goal_suggestions", {}).then(function (ack) {
      self.suggestButton.disabled = false;
      self.suggestButton.textContent = t("goals.suggest_again");
      if (!ack.ok) return;
      self.ignored = {};
      self.suggestions = ack.suggestions.map(function (g, i) { return { key: String(i), ids: g.answer_ids, text: g.text, keywords: g.keywords }; });
      self.drawSuggestions();
    });
  };

  Composer.prototype.drawSuggestions = function () {
    var self = this;
    if (self.suggestions === null) return;
    var texts = {};
    (self.ambitions || []).forEach(function (a) { texts[a.id] = a; });
    var orgs = S.organisationMap(self.workshop || {});
    var shown = self.suggestions.filter(function (g) { return !self.ignored[g.key]; });
    if (!shown.length) { S.render(self.suggestBox, el("p", { class: "muted", text: t("goals.no_suggestions") })); return; }
    S.render(self.suggestBox, el("ol", { class: "gl-suggestion-list" }, shown.map(function (g) {
      var id = "gl-suggestion-" + g.key;
      var wording = el("input", { id: id, type: "text", maxlength: "300", "data-focus": "suggestion-" + g.key });
      wording.value = g.text;
      wording.addEventListener("input", function () { g.text = wording.value; });
      var accept = el("button", { type: "button", class: "button small primary", "data-action": "accept-suggestion", text: t("goals.accept"), onclick: function () {
        if (!wording.value.trim()) { self.say(t("goals.write_first")); return; }
        accept.disabled = true;
        self.send("goal_add", { text: wording.value, answer_ids: g.ids }).then(function (ack) {
          accept.disabled = false;
          if (ack.ok) { self.ignored[g.key] = true; self.drawSuggestions(); }
        });
      } });
      return el("li", { class: "gl-suggestion", "data-suggestion": g.key }, [
        g.keywords.length ? el("p", { class: "hint", text: t("goals.suggestion_words", { words: g.keywords.join(", ") }) }) : null,
        el("ul", { class: "gl-suggestion-members" }, g.ids.map(function (answerId) {
          var a = texts[answerId], org = a && orgs[a.organisation_id];
          return el("li", {}, [org ? S.orgLabel(org) : null, el("span", { text: a ? a.text : "#" + answerId })]);
        })),
        el("label", { for: id, text: t("goals.suggestion_wording") }),
        wording,
        el("div", { class: "gl-buttons" }, [
          accept,
          el("button", { type: "button", class: "button small", "data-action": "edit-suggestion", text: t("goals.edit_in_list"), onclick: function () {
            self.selected = {};
            g.ids.forEach(function (answerId) { self.selected[answerId] = true; });
            self.input.value = wording.value;
            self.ignored[g.key] = true;
            self.drawSuggestions();
            self.drawSources(true);
            self.drawForm();
            self.goalsKey = null;
            self.drawGoals();
            self.input.focus();
          } }),
          el("button", { type: "button", class: "button small", "data-action": "ignore-suggestion", text: t("goals.ignore"), onclick: function () { self.ignored[g.key] = true; self.drawSuggestions(); } }),
        ]),
      ]);
    })));
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
      var input = el("input", { type: "text", maxlength: "300", "aria-label": t("goals.rename") });
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
          threadBadge(g),
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
        g.origin_goal_id ? el("button", {
          type: "button", class: "button small", "data-action": g.thread_status === "closed" ? "carry-on" : "close-goal",
          text: g.thread_status === "closed" ? t("goals.carry_on") : t("goals.close_goal"),
          onclick: function () {
            if (g.thread_status === "closed") self.send("goal_update", { goal_id: g.id, thread_status: "carried" });
            else if (window.confirm(t("goals.confirm_close"))) self.send("goal_update", { goal_id: g.id, thread_status: "closed" });
          },
        }) : null,
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

  function control(container, results, ctx) {
    if (!tool || tool.activityId !== ctx.activity.id || tool.socket !== ctx.socket) tool = new Composer(ctx.activity.id, ctx.socket);
    if (tool.root.parentNode !== container) container.replaceChildren(tool.root);
    // The state's goals carry their ambitions (source_answer_ids); the results do not need them.
    tool.update(ctx.goals || results.data.goals, ctx.workshop);
  }

  S.kinds.goals = { phone: phone, control: control, screen: screen };
})();
