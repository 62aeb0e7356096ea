/* The agenda editor on /new: start empty, from a shipped format or from a file; add, edit, copy, move and
   remove activities; save the result as a format file. The form sends the agenda as JSON; the server checks it. */
(function () {
  "use strict";
  var S = window.Samenspel, t = S.t, el = S.el;
  var data = JSON.parse(document.getElementById("editor-data").textContent);
  var schema = data.schema;
  var form = document.getElementById("new-workshop");
  var list = document.getElementById("new-agenda");
  var fileInput = document.getElementById("format_file");
  var fileError = document.getElementById("format-file-error");
  var bilingualBox = document.getElementById("bilingual");
  var items = data.agenda || [];
  var touched = !!data.agenda;

  function language() { return form.querySelector("input[name=language]:checked").value; }
  function bilingual() { return bilingualBox.checked; }
  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  /** Whether any text of an item is given in `lang` (a format made for both languages). */
  function hasLanguage(item, lang) {
    var kind = schema.kinds[item.kind], values = [item.title, item.prompt];
    (kind ? kind.settings : []).forEach(function (s) { if (s.translatable) values.push((item.config || {})[s.name]); });
    return values.some(function (v) { return v && typeof v === "object" && !Array.isArray(v) && v[lang] && String(v[lang]).length; });
  }

  /** Checks an item as the server will store it; the workshop does not exist yet, so over HTTP.
      Errors come in the language this page is in, as the labels beside them. */
  function check(item) {
    return fetch("/api/activities/check?lang=" + encodeURIComponent(document.documentElement.lang), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ item: item, language: language(), bilingual: bilingual() }),
    }).then(function (response) {
      return response.json().then(function (body) { return response.ok ? { ok: true, item: body.item } : { ok: false, error: body.error }; });
    }).catch(function () { return { ok: false, error: { message: t("error") } }; });
  }

  var editor = new S.editor.ActivityEditor({
    schema: schema,
    language: language,
    bilingual: bilingual,
    save: function (item, context) {
      return check(item).then(function (ack) {
        if (ack.ok) {
          if (context.index === undefined) items.push(ack.item);
          else items[context.index] = ack.item;
          touched = true;
          draw();
        }
        return ack;
      });
    },
  });

  function move(index, delta) {
    var to = index + delta;
    if (to < 0 || to >= items.length) return;
    items.splice(to, 0, items.splice(index, 1)[0]);
    touched = true;
    draw();
  }

  function draw() {
    if (!items.length) {
      S.render(list, [el("li", { class: "empty-item muted", text: t("editor.empty") })]);
      return;
    }
    S.render(list, items.map(function (item, index) {
      var title = S.editor.itemTitle(item, language(), schema);
      function small(label, action, onClick, disabled) {
        return el("button", { type: "button", class: "button small", "data-action": action, disabled: disabled, onclick: onClick }, [
          label, el("span", { class: "visually-hidden", text: ": " + title }),
        ]);
      }
      return el("li", { class: "agenda-item editor-item", "data-index": String(index) }, [
        el("span", { class: "agenda-number", text: String(index + 1) }),
        el("div", { class: "agenda-main" }, [
          el("span", { class: "agenda-title", text: title }),
          el("span", { class: "agenda-meta" }, [el("span", { class: "agenda-kind", text: schema.kinds[item.kind] ? schema.kinds[item.kind].label : item.kind })]),
        ]),
        el("div", { class: "agenda-buttons" }, [
          small(t("editor.edit"), "edit", function () { editor.open(item, { index: index }); }),
          small(t("editor.duplicate"), "duplicate", function () { items.splice(index + 1, 0, copy(item)); touched = true; draw(); }),
          el("button", { type: "button", class: "icon-button", "aria-label": t("editor.move_up") + ": " + title, title: t("editor.move_up"), text: "↑", disabled: index === 0, onclick: function () { move(index, -1); } }),
          el("button", { type: "button", class: "icon-button", "aria-label": t("editor.move_down") + ": " + title, title: t("editor.move_down"), text: "↓", disabled: index === items.length - 1, onclick: function () { move(index, 1); } }),
          small(t("editor.delete"), "delete", function () {
            if (!window.confirm(t("confirm_delete", { title: title }))) return;
            items.splice(index, 1);
            touched = true;
            draw();
          }),
        ]),
      ]);
    }));
  }

  /** Load an agenda (a shipped format or a file) into the editor; a format in both languages ticks the box. */
  function load(agenda) {
    if (touched && items.length && !window.confirm(t("editor.confirm_replace"))) return false;
    items = copy(agenda);
    touched = false;
    var second = S.editor.other(language());
    if (items.some(function (item) { return hasLanguage(item, second); })) bilingualBox.checked = true;
    draw();
    return true;
  }

  form.querySelectorAll("input[name=format]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (radio.checked) load(radio.value ? data.formats[radio.value] : []);
    });
  });

  fileInput.addEventListener("change", function () {
    var file = fileInput.files[0];
    fileError.hidden = true;
    if (!file) return;
    file.text().then(function (text) {
      var parsed = JSON.parse(text);
      if (!parsed || !Array.isArray(parsed.agenda)) throw new Error("no agenda");
      if (load(parsed.agenda)) {
        form.querySelectorAll("input[name=format]").forEach(function (r) { r.checked = false; });
        if (parsed.language === "nl" || parsed.language === "en") form.querySelector("input[name=language][value=" + parsed.language + "]").checked = true;
      }
    }).catch(function () {
      fileError.textContent = t("editor.bad_file");
      fileError.hidden = false;
    }).then(function () { fileInput.value = ""; });
  });

  [bilingualBox].concat([].slice.call(form.querySelectorAll("input[name=language]"))).forEach(function (input) {
    input.addEventListener("change", draw);
  });

  document.getElementById("new-add").addEventListener("click", function () { editor.open(null, {}); });

  document.getElementById("new-download").addEventListener("click", function () {
    var roles = document.getElementById("roles").value.split("\n").map(function (r) { return r.trim(); }).filter(Boolean);
    var format = { format: 1, name: document.getElementById("title").value || "Samenspel", language: language(), roles: roles, agenda: items };
    var link = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(format, null, 2)], { type: "application/json" })), download: "samenspel-format.json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  // The agenda travels as JSON in one field; the server checks every item and names the one that is wrong.
  form.addEventListener("submit", function () {
    var hidden = form.querySelector("input[name=agenda_json]") || el("input", { type: "hidden", name: "agenda_json" });
    hidden.value = JSON.stringify(items);
    form.appendChild(hidden);
    fileInput.disabled = true;
  });

  // Scripts on: the editor replaces the plain format choice's "empty or shipped" meaning.
  document.getElementById("agenda-editor").hidden = false;
  if (!data.agenda) {
    var chosen = form.querySelector("input[name=format]:checked");
    items = chosen && chosen.value ? copy(data.formats[chosen.value]) : [];
  }
  draw();
  if (data.error && typeof data.error.item === "number" && items[data.error.item]) {
    editor.open(items[data.error.item], { index: data.error.item });
    editor.showError(data.error);
  }
})();
