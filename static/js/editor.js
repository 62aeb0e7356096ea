/* The agenda editor's form for one activity: every setting of its kind, texts in one or both languages,
   limits shown and the server's errors beside their field. Used on /new and on the control view.
   The server checks everything; this form only describes (from the kind's settings) and reports. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var uid = 0;

  function other(language) { return language === "nl" ? "en" : "nl"; }

  /** A value of an agenda item in one language: {"nl": .., "en": ..} or, in the first language, a plain value. */
  function inLanguage(value, language, primary) {
    if (value && typeof value === "object" && !Array.isArray(value)) return value[language];
    return language === primary ? value : undefined;
  }

  /** The title an agenda item shows in a list, in the page's workshop language. */
  function itemTitle(item, language, schema) {
    var title = inLanguage(item.title, language, language) || inLanguage(item.title, other(language), language);
    return title || (schema.kinds[item.kind] ? schema.kinds[item.kind].label : item.kind);
  }

  function limitsText(setting) {
    var parts = [];
    if (setting.hint) parts.push(setting.hint);
    if (setting.type === "integer" || setting.type === "integers") {
      parts.push(t("editor.limit_range", { min: setting.min, max: setting.max }));
    }
    if (setting.type === "texts" || setting.type === "integers") {
      parts.push(setting.min_items ? t("editor.limit_items", { min: setting.min_items, max: setting.max_items })
        : t("editor.limit_items_max", { max: setting.max_items }));
    }
    if (setting.max_length) parts.push(t("editor.limit_chars", { n: setting.max_length }));
    return parts.join(" · ");
  }

  /**
   * options: {schema, language, bilingual (function or bool), save(item, context) → Promise of an ack-like
   * {ok, item?, error?}}. Call open(item, context) to edit (item null: a new activity); context is passed
   * back to save and may carry {ran, answers, title}.
   */
  function ActivityEditor(options) {
    var self = this;
    this.options = options;
    this.schema = options.schema;
    this.id = "ed" + (++uid);
    this.errorBox = el("p", { class: "error banner", role: "alert", hidden: true });
    this.note = el("p", { class: "editor-note", hidden: true });
    this.body = el("div", { class: "editor-body" });
    this.heading = el("h2", { id: this.id + "-heading" });
    this.saveButton = el("button", { type: "submit", class: "button primary", "data-action": "save-activity", text: t("editor.save") });
    this.form = el("form", { class: "editor-form", novalidate: true }, [
      el("header", { class: "editor-head" }, [this.heading]),
      this.note,
      this.errorBox,
      this.body,
      el("footer", { class: "editor-foot" }, [
        this.saveButton,
        el("button", { type: "button", class: "button", text: t("editor.cancel"), onclick: function () { self.close(); } }),
      ]),
    ]);
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.submit(); });
    this.dialog = el("dialog", { class: "editor-dialog", "aria-labelledby": this.id + "-heading" }, [this.form]);
    // In the page only while open: the page's own form stays the only one with a submit button.
    this.dialog.addEventListener("close", function () { self.dialog.remove(); });
  }

  ActivityEditor.prototype.languages = function () {
    var bilingual = typeof this.options.bilingual === "function" ? this.options.bilingual() : this.options.bilingual;
    var primary = typeof this.options.language === "function" ? this.options.language() : this.options.language;
    return bilingual ? [primary, other(primary)] : [primary];
  };

  ActivityEditor.prototype.open = function (item, context) {
    this.context = context || {};
    this.isNew = !item;
    var kinds = Object.keys(this.schema.kinds);
    this.item = item ? JSON.parse(JSON.stringify(item)) : { kind: kinds[0], config: {} };
    this.heading.textContent = item ? t("editor.edit_title") : t("editor.add_title");
    this.setAnswers(this.context.answers);
    this.say(null);
    this.build();
    this.show();
    var first = this.body.querySelector("input, select, textarea");
    if (first) first.focus();
  };

  /** What the activity already has decides what may change; say it above the form. */
  ActivityEditor.prototype.setAnswers = function (answers) {
    this.context.answers = answers;
    this.note.hidden = !this.context.ran;
    this.note.textContent = this.context.ran
      ? (answers ? S.count(answers, "editor.ran_answers_one", "editor.ran_answers") + " " : "") + t("editor.ran_rules")
      : "";
  };

  ActivityEditor.prototype.show = function () {
    if (!this.dialog.isConnected) document.body.appendChild(this.dialog);
    if (!this.dialog.open) this.dialog.showModal();
  };

  ActivityEditor.prototype.close = function () { if (this.dialog.open) this.dialog.close(); };

  /** Draw every field for the item's kind; a change of kind (before it ran) redraws the settings. */
  ActivityEditor.prototype.build = function () {
    var self = this, item = this.item, languages = this.languages(), kinds = this.schema.kinds;
    this.inputs = {};
    var kindSelect = el("select", { id: this.id + "-kind", disabled: !!this.context.ran }, Object.keys(kinds).map(function (name) {
      return el("option", { value: name, text: kinds[name].label });
    }));
    kindSelect.value = item.kind;
    kindSelect.addEventListener("change", function () {
      self.item = self.read();
      self.item.kind = kindSelect.value;
      self.item.config = {};
      delete self.item.results;
      self.build();
      self.body.querySelector("#" + self.id + "-kind").focus();
    });
    this.inputs.kind = { node: kindSelect };
    var kind = kinds[item.kind];
    var results = item.results || kind.results;
    var resultChoices = ["live", "after_reveal"].map(function (mode) {
      var input = el("input", { type: "radio", name: self.id + "-results", value: mode, id: self.id + "-results-" + mode });
      input.checked = mode === results;
      var label = t("editor.results_" + mode) + (mode === kind.results ? " " + t("editor.default_for_kind") : "");
      return el("label", { class: "choice", for: input.id }, [input, label]);
    });
    this.inputs.results = { radios: resultChoices.map(function (c) { return c.querySelector("input"); }) };

    var fields = [
      this.field("kind", t("editor.kind"), "", [kindSelect]),
      this.textField("title", t("editor.title"), { max_length: this.schema.limits.title, placeholder: kind.label }, item.title, languages),
      this.textField("prompt", t("editor.prompt"), { max_length: this.schema.limits.prompt, multiline: true }, item.prompt, languages),
      this.group("results", t("editor.results"), t("editor.results_hint") + (this.context.ran ? " " + t("editor.results_running") : ""), resultChoices),
    ];
    var settings = kind.settings.map(function (setting) { return self.setting(setting, item, languages); });
    S.render(this.body, fields.concat(settings.length ? [
      el("fieldset", { class: "editor-settings" }, [el("legend", { text: t("editor.settings", { kind: kind.label }) })].concat(settings)),
    ] : [el("p", { class: "hint", text: t("editor.no_settings") })]));
    this.toggleDependants();
  };

  /** One labelled field with its hint and its error slot; `controls` are the inputs. */
  ActivityEditor.prototype.field = function (name, label, hint, controls, asGroup) {
    var id = this.id + "-" + name, hintId = id + "-hint", errorId = id + "-error";
    controls.forEach(function (c) {
      var inputs = /^(INPUT|SELECT|TEXTAREA)$/.test(c.tagName) ? [c] : c.querySelectorAll("input, select, textarea");
      [].forEach.call(inputs, function (input) { input.setAttribute("aria-describedby", (hint ? hintId + " " : "") + errorId); });
    });
    var head = asGroup
      ? el("legend", { class: "ed-label", id: id + "-legend", text: label })
      : el("label", { class: "ed-label", for: controls[0].id, text: label });
    return el(asGroup ? "fieldset" : "div", { class: "ed-field", "data-field": name }, [
      head,
      el("div", { class: "ed-controls" }, controls),
      hint ? el("p", { class: "hint", id: hintId, text: hint }) : null,
      el("p", { class: "field-error", id: errorId, role: "alert", hidden: true }),
    ]);
  };

  ActivityEditor.prototype.group = function (name, label, hint, controls) { return this.field(name, label, hint, controls, true); };

  /** A text (or texts, one per line) field, per language when the workshop has both. */
  ActivityEditor.prototype.textField = function (name, label, spec, value, languages) {
    var self = this, primary = languages[0], inputs = {};
    var controls = languages.map(function (language) {
      var id = self.id + "-" + name + "-" + language;
      var current = inLanguage(value, language, primary);
      if (Array.isArray(current)) current = current.join("\n");
      var input = spec.multiline
        ? el("textarea", { id: id, rows: String(spec.rows || 2), maxlength: spec.list ? null : spec.max_length, lang: language, wrap: spec.list ? "off" : null })
        : el("input", { id: id, type: "text", maxlength: spec.max_length, lang: language, placeholder: language === primary ? spec.placeholder : null });
      input.value = current === undefined || current === null ? "" : String(current);
      inputs[language] = input;
      if (languages.length === 1) return input;
      // Named by the field and the language ("Title English"), so each box says what it is on its own.
      input.setAttribute("aria-labelledby", self.id + "-" + name + "-legend " + id + "-label");
      return el("div", { class: "ed-lang" }, [
        el("label", { for: id, id: id + "-label", class: "ed-lang-name", text: self.schema.languages[language] }),
        input,
      ]);
    });
    this.inputs[name] = { languages: inputs, list: !!spec.list };
    var hint = spec.hint !== undefined ? spec.hint : t("editor.limit_chars", { n: spec.max_length });
    return this.field(name, label, hint, languages.length === 1 ? [inputs[primary]] : controls, languages.length > 1);
  };

  ActivityEditor.prototype.setting = function (setting, item, languages) {
    var name = setting.name, id = this.id + "-" + name, config = item.config || {};
    var defaults = this.schema.kinds[item.kind].defaults;
    var value = name in config ? config[name] : defaults[name];
    var hint = limitsText(setting);
    if (setting.type === "text" || setting.type === "texts") {
      var list = setting.type === "texts";
      return this.textField(name, setting.label, {
        max_length: setting.max_length, multiline: list, list: list, rows: list ? Math.min(setting.max_items || 6, 6) : 1, hint: hint,
      }, value, setting.translatable ? languages : [languages[0]]);
    }
    var input;
    if (setting.type === "boolean") {
      input = el("input", { type: "checkbox", id: id, "aria-describedby": id + "-hint " + id + "-error" });
      input.checked = !!value;
      input.addEventListener("change", this.toggleDependants.bind(this));
      this.inputs[name] = { node: input, type: "boolean" };
      return el("div", { class: "ed-field ed-boolean", "data-field": name }, [
        el("div", { class: "ed-check" }, [input, el("label", { for: id, text: setting.label })]),
        el("p", { class: "hint", id: id + "-hint", text: setting.hint }),
        el("p", { class: "field-error", id: id + "-error", role: "alert", hidden: true }),
      ]);
    }
    if (setting.type === "choice") {
      input = el("select", { id: id }, setting.options.map(function (o) { return el("option", { value: o, text: o }); }));
      input.value = value;
    } else if (setting.type === "integers") {
      input = el("input", { id: id, type: "text", inputmode: "numeric" });
      input.value = (value || []).join(", ");
    } else {
      input = el("input", { id: id, type: "number", min: setting.min, max: setting.max, step: "1", inputmode: "numeric" });
      input.value = value === null || value === undefined ? "" : String(value);
    }
    this.inputs[name] = { node: input, type: setting.type, optional: setting.optional, after: setting.after };
    var field = this.field(name, setting.label, hint, [input]);
    if (setting.after) field.setAttribute("data-after", setting.after);
    return field;
  };

  /** A setting that needs a box ticked (most choices: only with "several") shows only then. */
  ActivityEditor.prototype.toggleDependants = function () {
    var self = this;
    this.body.querySelectorAll("[data-after]").forEach(function (field) {
      var box = self.inputs[field.getAttribute("data-after")];
      field.hidden = !(box && box.node.checked);
    });
  };

  /** The agenda item the form describes, as the server reads it. */
  ActivityEditor.prototype.read = function () {
    var self = this, item = { kind: this.inputs.kind.node.value, config: {} };
    var settings = {};
    (this.schema.kinds[this.item.kind] || { settings: [] }).settings.forEach(function (s) { settings[s.name] = s; });
    Object.keys(this.inputs).forEach(function (name) {
      var input = self.inputs[name];
      if (name === "kind") return;
      if (name === "results") {
        input.radios.forEach(function (r) { if (r.checked) item.results = r.value; });
        return;
      }
      var value;
      if (input.languages) {
        value = {};
        Object.keys(input.languages).forEach(function (language) {
          var text = input.languages[language].value;
          value[language] = input.list ? text.split("\n").map(function (s) { return s.trim(); }).filter(Boolean) : text;
        });
      } else if (input.type === "boolean") {
        value = input.node.checked;
      } else if (input.type === "integers") {
        value = input.node.value.split(/[\s,;]+/).filter(Boolean).map(function (v) { return /^-?\d+$/.test(v) ? Number(v) : v; });
      } else if (input.type === "integer") {
        var raw = input.node.value.trim();
        if (input.after && self.inputs[input.after] && !self.inputs[input.after].node.checked) return;
        value = raw === "" ? (input.optional ? null : "") : (/^-?\d+$/.test(raw) ? Number(raw) : raw);
      } else {
        value = input.node.value;
      }
      if (name === "title" || name === "prompt") item[name] = value;
      else item.config[name] = value;
    });
    return item;
  };

  /** Show the server's error: beside its field (and language) when it names one, else above the form. */
  ActivityEditor.prototype.say = function (error) {
    this.errorBox.hidden = true;
    this.form.querySelectorAll(".field-error").forEach(function (node) { node.hidden = true; node.textContent = ""; });
    this.form.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    if (!error) return;
    var field = error.field && this.body.querySelector('.ed-field[data-field="' + error.field + '"]');
    if (!field || field.hidden) {
      this.errorBox.textContent = error.message;
      this.errorBox.hidden = false;
      return;
    }
    var slot = field.querySelector(".field-error");
    slot.textContent = error.message;
    slot.hidden = false;
    var input = this.inputs[error.field];
    var target = input && (input.languages ? input.languages[error.language] || input.languages[this.languages()[0]] : input.node || (input.radios && input.radios[0]));
    if (target) {
      target.setAttribute("aria-invalid", "true");
      target.focus();
    }
    slot.scrollIntoView({ block: "nearest" });
  };

  ActivityEditor.prototype.showError = function (error) {
    this.show();
    this.say(error);
  };

  ActivityEditor.prototype.submit = function () {
    var self = this, item = this.read();
    this.saveButton.disabled = true;
    this.say(null);
    Promise.resolve(this.options.save(item, this.context)).then(function (ack) {
      self.saveButton.disabled = false;
      if (ack && ack.ok) self.close();
      else self.say((ack && ack.error) || { message: t("error") });
    });
  };

  S.editor = { ActivityEditor: ActivityEditor, itemTitle: itemTitle, inLanguage: inLanguage, other: other };
})();
