/* The partnership page: its workshops in time, and the thread of every adopted goal across them. */
(function () {
  "use strict";
  var S = window.Samenspel, el = S.el;
  function t(key, params) { return S.t("partnership." + key, params); }
  var root = document.getElementById("partnership");
  var code = root.getAttribute("data-code");
  var tokenKey = "samenspel-partnership-" + code;
  var token = location.hash.slice(1) || localStorage.getItem(tokenKey) || "";
  if (location.hash.length > 1) {
    localStorage.setItem(tokenKey, token);
    // Keep the secret out of the address bar and the history: this laptop may be on the projector.
    history.replaceState(null, "", location.pathname);
  }
  var errorBox = document.getElementById("pt-error");
  var baseTitle = document.title;
  var data = null;

  function api(method, path, body) {
    var options = { method: method, headers: { Authorization: "Bearer " + token } };
    if (body) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    return fetch("/api/partnerships/" + code + path, options).then(function (response) {
      return response.json().then(function (json) { return { ok: response.ok, status: response.status, json: json }; });
    });
  }

  function say(message) { errorBox.textContent = message || ""; errorBox.hidden = !message; }

  function orgs() { var map = {}; data.partnership.organisations.forEach(function (o) { map[o.id] = o; }); return map; }
  function orgLabel(id) { var o = orgs()[id]; return o ? S.orgLabel(o) : el("span", { class: "org-label other", text: t("pooled") }); }
  function number(n) { return new Intl.NumberFormat(data.partnership.language).format(n || 0); }
  function money(n) { return new Intl.NumberFormat(data.partnership.language, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(n || 0); }
  function pledge(p) {
    var bits = [];
    if (p.hours !== undefined && p.hours !== null) bits.push(t("hours", { n: number(p.hours) }));
    if (p.budget !== undefined && p.budget !== null) bits.push(money(p.budget));
    return bits.join(" · ");
  }

  function load() {
    api("GET", "").then(function (reply) {
      if (reply.status === 401 || reply.status === 403) { root.hidden = true; document.getElementById("refused").hidden = false; return; }
      if (!reply.ok) { say(reply.json.error ? reply.json.error.message : S.t("error")); return; }
      data = reply.json;
      render();
    }).catch(function () { say(S.t("error")); });
  }

  /** The report opens with the token in its fragment (its page proves it once and keeps a report cookie). */
  function renderExports() {
    var report = document.getElementById("pt-report");
    report.href = report.pathname + "#" + token;
    document.getElementById("pt-exports").hidden = false;
  }

  // The workbook needs the token as a header: fetch it, then hand the file to the browser.
  document.getElementById("pt-workbook").addEventListener("click", function (event) {
    event.preventDefault();
    var link = event.currentTarget;
    fetch(link.pathname, { headers: { Authorization: "Bearer " + token }, credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { say(S.t("error")); return null; }
      return response.blob();
    }).then(function (blob) {
      if (!blob) return;
      var url = URL.createObjectURL(blob);
      var save = el("a", { href: url, download: "samenspel-partnership-" + code + ".xlsx" });
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }).catch(function () { say(S.t("error")); });
  });

  function render() {
    renderExports();
    document.getElementById("pt-name").textContent = data.partnership.name;
    document.title = data.partnership.name + " · " + baseTitle;
    S.render(document.getElementById("pt-organisations"), data.partnership.organisations.map(function (o) { return el("li", {}, [S.orgLabel(o)]); }));
    renderWorkshops();
    renderThread();
    renderTrends();
  }

  function renderWorkshops() {
    var list = document.getElementById("pt-workshops");
    if (!data.workshops.length) { S.render(list, el("li", { class: "muted", text: t("no_workshops") })); return; }
    S.render(list, data.workshops.map(function (w) {
      var importButton = el("button", { type: "button", class: "button small", "data-action": "import", text: t("import"), onclick: function () {
        importButton.disabled = true;
        api("POST", "/workshops/" + w.code + "/import").then(function (reply) {
          importButton.disabled = false;
          if (!reply.ok) { say(reply.json.error.message); return; }
          say("");
          load();
        });
      } });
      return el("li", { class: "pt-workshop", "data-code": w.code }, [
        el("div", { class: "pt-workshop-main" }, [
          el("span", { class: "pt-date", text: w.date }),
          el("strong", { class: "pt-workshop-title", text: w.title }),
          w.directors ? el("span", { class: "badge", text: t("directors") }) : null,
          el("span", { class: "hint", text: t("workshop_counts", { code: w.code, people: w.participants, goals: w.goals, carried: w.carried }) }),
        ]),
        el("div", { class: "pt-workshop-links" }, [
          el("a", { class: "button small primary-outline", href: "/w/" + w.code + "/control#" + token, "data-link": "control", text: t("control") }),
          el("a", { class: "button small", href: "/w/" + w.code + "/screen#" + w.screen_key, target: "_blank", rel: "noopener", text: t("screen") }),
          importButton,
        ]),
      ]);
    }));
  }

  var STATUS = { carried: "status_carried", changed: "status_changed", closed: "status_closed" };

  function version(v, previous) {
    var parts = [
      el("div", { class: "pt-version-head" }, [
        el("span", { class: "pt-date", text: v.date }),
        el("strong", { text: v.workshop_title }),
        el("span", { class: "badge pt-status " + (v.status || "new"), text: t(v.status ? STATUS[v.status] : "status_new") }),
        v.adopted ? el("span", { class: "badge badge-shown", text: t("adopted") }) : null,
      ]),
    ];
    if (!previous || previous.text !== v.text) parts.push(el("p", { class: "pt-goal-text", text: v.text }));
    if (previous && previous.text !== v.text) parts.push(el("p", { class: "hint", text: t("was", { text: previous.text }) }));
    if (v.sources.length) parts.push(section(t("sources"), el("ul", { class: "pt-list" }, v.sources.map(function (a) {
      return el("li", {}, [orgLabel(a.organisation_id), el("span", { class: "pt-quote", text: "“" + a.text + "”" })]);
    }))));
    v.votes.forEach(function (vote) {
      var rows = Object.keys(vote.by_organisation).map(function (id) {
        return el("li", {}, [orgLabel(Number(id)), el("span", { text: t("org_rank", { rank: vote.by_organisation[id].rank, dots: vote.by_organisation[id].dots }) })]);
      });
      parts.push(section(t("votes"), [
        el("p", { text: t("vote_line", { rank: vote.rank, dots: vote.dots, points: vote.equal_voice_points, equal: vote.equal_voice_rank }) }),
        rows.length ? el("ul", { class: "pt-list" }, rows) : null,
      ]));
    });
    v.consent.forEach(function (c) {
      var rows = Object.keys(c.by_organisation).map(function (id) {
        var n = c.by_organisation[id];
        return el("li", {}, [orgLabel(Number(id)), el("span", { text: t("consent_counts", { consent: n.consent, concern: n.concern, objection: n.objection }) })]);
      });
      parts.push(section(t("consent"), [
        el("p", { text: (c.passes ? t("passes") : c.responses ? t("blocked") : t("no_responses")) + " · " + t("consent_counts", { consent: c.counts.consent, concern: c.counts.concern, objection: c.counts.objection }) }),
        c.closed_early ? el("p", { class: "hint", text: t("closed_early") }) : null,
        rows.length ? el("ul", { class: "pt-list" }, rows) : null,
      ]));
    });
    if (v.imported_commitments.length && !v.progress.length) parts.push(section(t("carried_commitments"), el("ul", { class: "pt-list" }, v.imported_commitments.map(function (p) {
      return el("li", {}, [orgLabel(p.organisation_id), el("span", { text: pledge(p) })]);
    }))));
    if (v.commitments.length) parts.push(section(t("commitments"), el("ul", { class: "pt-list" }, v.commitments.map(function (p) {
      return el("li", { class: "pt-commitment" }, [orgLabel(p.organisation_id), el("span", { text: pledge(p) })]);
    }))));
    if (v.progress.length) parts.push(section(t("progress"), el("ul", { class: "pt-list" }, v.progress.map(function (p) {
      return el("li", { class: "pt-progress" }, [
        orgLabel(p.organisation_id),
        el("span", { class: "pr-status " + (p.status || "missing"), text: p.status ? S.t("progress_review." + p.status) : S.t("progress_review.no_report") }),
        p.committed && pledge(p.committed) ? el("span", { text: t("committed", { what: pledge(p.committed) }) }) : null,
        p.delivered && pledge(p.delivered) ? el("span", { text: t("delivered", { what: pledge(p.delivered) }) }) : null,
        p.note ? el("span", { class: "pt-quote", text: "“" + p.note + "”" }) : null,
      ]);
    }))));
    return el("li", { class: "pt-version", "data-goal": String(v.goal_id) }, parts);
  }

  function section(title, content) {
    return el("div", { class: "pt-section" }, [el("h4", { text: title })].concat([].concat(content)));
  }

  function renderThread() {
    var box = document.getElementById("pt-thread");
    if (!data.threads.length) { S.render(box, el("p", { class: "muted", text: t("no_threads") })); return; }
    S.render(box, data.threads.map(function (chain) {
      var last = chain[chain.length - 1];
      return el("article", { class: "card pt-chain" + (last.status === "closed" ? " closed" : "") }, [
        el("h3", { class: "pt-chain-title", text: last.text }),
        el("ol", { class: "pt-versions" }, chain.map(function (v, i) { return version(v, i ? chain[i - 1] : null); })),
      ]);
    }));
  }

  /** Every recurring measure (e.g. "how is the chemistry?") across the workshops, drawn as the projector does. */
  function renderTrends() {
    var box = document.getElementById("pt-trends-box");
    var found = (data.trends || []).filter(function (trend) { return trend.points.length; });
    box.hidden = !found.length;
    S.render(document.getElementById("pt-trends"), found.map(function (trend) {
      return el("article", { class: "card pt-trend" }, [
        el("h3", { text: trend.title }),
        S.kinds.scale.trend(trend.points, data.partnership.organisations, null),
      ]);
    }));
  }

  document.getElementById("pt-new").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var body = { title: form.title.value, settings: { privacy_threshold: Number(form.privacy_threshold.value) } };
    if (form.format.value) body.format = form.format.value;
    api("POST", "/workshops", body).then(function (reply) {
      if (!reply.ok) { say(reply.json.error.message); return; }
      say("");
      form.reset();
      load();
    });
  });

  document.getElementById("pt-attach").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target, link = form.link.value.trim();
    var match = /\/w\/([A-Za-z0-9]+)\/control#(.+)$/.exec(link);
    if (!match) { say(t("attach_link")); return; }
    api("POST", "/attach", { code: match[1], control_token: match[2] }).then(function (reply) {
      if (!reply.ok) { say(reply.json.error.message); return; }
      say("");
      form.reset();
      load();
    });
  });

  load();
})();
