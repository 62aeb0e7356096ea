/* Shared browser helpers: translations, safe DOM building, the socket and a retrying outbox. */
(function () {
  "use strict";
  var strings = window.SamenspelStrings || {};

  /** A translated string with {name} placeholders filled in. A missing text is a bug: it is logged as a
      console error (the browser tests fail on those) and the key is shown instead. */
  function t(key, params) {
    var text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : null;
    if (text === null) {
      if (window.console) console.error("Samenspel: no text for " + JSON.stringify(key) + (window.SamenspelStrings ? "" : " (strings not loaded)"));
      text = key;
    }
    Object.keys(params || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(params[name]));
    });
    return text;
  }

  /** "1 answer" or "{n} answers": `oneKey` for exactly one, `manyKey` with {n} otherwise. */
  function count(n, oneKey, manyKey) {
    return n === 1 ? t(oneKey) : t(manyKey, { n: n });
  }

  /** The answered-so-far line under results, read the same on every screen. */
  function answeredLine(results) {
    return count(results.respondents, "respondents_one", "respondents_count") + " · " + count(results.answers, "answers_one", "answers_count");
  }

  /** Build an element; strings become text nodes, never HTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
      else if (key === "colour") node.style.setProperty("--org", value);
      else node.setAttribute(key, value === true ? "" : value);
    });
    [].concat(children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  /** Replace a container's content. */
  function render(container, children) {
    container.replaceChildren.apply(container, [].concat(children || []).filter(Boolean));
  }

  /** A drawing function that runs only when its input changed (compared as JSON), so a push that
      changes nothing a panel shows leaves the panel, its focus and its scroll position alone. */
  function whenChanged(draw) {
    var shown;
    var run = function (input) {
      var key = JSON.stringify(input === undefined ? null : input);
      if (key === shown) return false;
      shown = key;
      draw(input);
      return true;
    };
    run.reset = function () { shown = undefined; };
    return run;
  }

  /** A random id per submission, so that a retry is stored once. */
  function clientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  /** Show the connection state when it is not good; hide it when it is. */
  function connectionBanner(socket) {
    var banner = document.getElementById("connection");
    function show(text, kind) {
      if (!banner) return;
      banner.textContent = text;
      banner.className = "connection " + kind;
      banner.hidden = false;
    }
    socket.on("connect", function () { if (banner) banner.hidden = true; });
    socket.on("disconnect", function () { show(t("reconnecting"), "bad"); });
    socket.on("connect_error", function (err) {
      if (err && err.data && err.data.code) show(err.data.message || t("refused"), "refused");
      else show(t("reconnecting"), "bad");
    });
    // The workshop was deleted, or this participant deleted their answers: nothing to reconnect to.
    socket.on("gone", function (info) {
      socket.disconnect();
      var text = t(info && info.reason === "forgotten" ? "gone_forgotten" : "gone_deleted");
      var main = document.getElementById("main");
      // Nothing of the workshop stays on screen: not its results, not its join code.
      if (main) main.replaceChildren(el("section", { class: "card narrow gone", role: "status" }, [el("p", { class: "lead", text: text })]));
      show(text, "refused");
    });
  }

  /** Connect to the live namespace with the page's credentials. */
  function connect(auth) {
    var socket = io({ auth: auth, transports: ["websocket", "polling"], reconnectionDelayMax: 4000 });
    connectionBanner(socket);
    return socket;
  }

  /** Emit and wait for the ack; retries on time-out, so nothing acknowledged is ever lost. */
  function request(socket, name, payload, timeoutMs) {
    return new Promise(function (resolve) {
      function attempt() {
        if (!socket.connected) { socket.once("connect", attempt); return; }
        socket.timeout(timeoutMs || 8000).emit(name, payload, function (err, ack) {
          if (err) { attempt(); return; }
          // Over the server's rate limit: nothing was done, so send it again when it says.
          if (ack && ack.error && ack.error.code === "rate_limited") { setTimeout(attempt, (ack.retry_after || 1) * 1000); return; }
          resolve(ack);
        });
      }
      attempt();
    });
  }

  /** Send an answer and show the server's ack (not the click) in `status`; `okText` replaces "Received". */
  function sendAnswer(ctx, button, status, answer, okText) {
    button.disabled = true;
    status.className = "status";
    // Offline, the answer waits in the phone's outbox; say so instead of a spinner that never ends.
    status.textContent = ctx.offline && ctx.offline() ? t("queued") : t("sending");
    return ctx.submit(answer).then(function (ack) {
      button.disabled = false;
      status.className = ack.ok ? "status ok" : "status error";
      status.textContent = ack.ok ? okText || t("received") : ack.error.message;
      return ack;
    });
  }

  /** Load a kind's script and style that the page did not start with (added to the agenda later). */
  var kindLoads = {};
  function loadKind(name) {
    if (window.Samenspel.kinds[name]) return Promise.resolve(window.Samenspel.kinds[name]);
    if (!kindLoads[name]) {
      var assets = JSON.parse(document.getElementById("kind-assets").textContent)[name];
      if (!assets) return Promise.resolve(null);
      kindLoads[name] = new Promise(function (resolve) {
        if (assets.style) document.head.appendChild(el("link", { rel: "stylesheet", href: assets.style }));
        document.head.appendChild(el("script", {
          src: assets.script,
          onload: function () { resolve(window.Samenspel.kinds[name] || null); },
          // Offline for a moment: forget the attempt, so the next render tries again.
          onerror: function () { delete kindLoads[name]; resolve(null); },
        }));
      });
    }
    return kindLoads[name];
  }

  /** False for a push older than the one shown: with several server processes, pushes can overtake each other. */
  function newer(shown, incoming) {
    return !(shown && shown.version && incoming.version && incoming.version < shown.version);
  }

  /** Organisation colours come as data; CSSOM keeps them out of inline style attributes. */
  function paintColours(root) {
    (root || document).querySelectorAll("[data-colour]").forEach(function (node) {
      node.style.setProperty("--org", node.getAttribute("data-colour"));
    });
  }

  function organisationMap(workshop) {
    var map = {};
    (workshop.organisations || []).forEach(function (org) { map[org.id] = org; });
    return map;
  }

  function orgLabel(org) {
    return el("span", { class: "org-label", colour: org.colour }, [el("span", { class: "org-dot", "aria-hidden": "true" }), org.name]);
  }

  /** A countdown that agrees across devices: the server's clock, corrected by its sent time. */
  var timer = { node: null, endsAt: null, offset: 0, handle: null };
  function tick() {
    if (!timer.node) return;
    if (!timer.endsAt) { timer.node.hidden = true; return; }
    var left = Math.max(0, Math.round((timer.endsAt - (Date.now() + timer.offset)) / 1000));
    var minutes = Math.floor(left / 60), seconds = left % 60;
    timer.node.hidden = false;
    timer.node.classList.toggle("done", left === 0);
    timer.node.textContent = left === 0 ? t("time_up") : minutes + ":" + ("0" + seconds).slice(-2);
    timer.node.setAttribute("aria-label", t("time_left"));
  }
  function countdown(node, snapshot) {
    timer.node = node;
    if (snapshot.server_time) timer.offset = Date.parse(snapshot.server_time) - Date.now();
    var current = snapshot.current;
    timer.endsAt = current && current.timer_ends_at && current.state === "open" ? Date.parse(current.timer_ends_at) : null;
    if (!timer.handle) timer.handle = setInterval(tick, 250);
    tick();
  }

  /** Shrink `node`'s font size (its content sized in em) until `box` no longer overflows; for a projector
      view made for 1920x1080 that a remote viewer opens on a smaller laptop. Never below `minimum` px. */
  function shrinkToFit(box, node, minimum) {
    var size = parseFloat(getComputedStyle(node).fontSize);
    while ((box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) && size > (minimum || 14)) {
      size -= 1;
      node.style.fontSize = size + "px";
    }
  }

  window.Samenspel = {
    t: t, count: count, answeredLine: answeredLine, el: el, render: render, whenChanged: whenChanged, clientId: clientId, connect: connect, request: request, sendAnswer: sendAnswer,
    newer: newer, paintColours: paintColours, organisationMap: organisationMap, orgLabel: orgLabel, countdown: countdown, shrinkToFit: shrinkToFit, loadKind: loadKind,
    kinds: {}
  };
  document.addEventListener("DOMContentLoaded", function () { paintColours(document); });
})();
