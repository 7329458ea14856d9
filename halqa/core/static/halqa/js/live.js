// Live rooms (docs/websocket.md): messages over a WebSocket, resumed after the last seq seen.
// The page works without this file: the composer is a form and the list polls with HTMX. While
// the socket is up, the polling is removed; when it drops, polling comes back until it returns.
(function () {
  "use strict";

  var room = document.querySelector("[data-live-room]");
  if (!room || room.hasAttribute("data-no-socket") || !("WebSocket" in window)) { return; }

  var list = document.getElementById("live-messages");
  var composer = document.querySelector("[data-live-composer]");
  var textarea = composer ? composer.querySelector("textarea") : null;
  var errorBox = composer ? composer.querySelector("[data-live-error]") : null;
  var lang = document.documentElement.lang || "ar";
  var socket = null;
  var ready = false;
  var attempts = 0;
  var pending = {};
  var lastSeq = Math.max(parseInt(room.getAttribute("data-last-seq"), 10) || 0, highestSeq());

  function highestSeq() {
    var highest = 0;
    list.querySelectorAll("[data-seq]").forEach(function (node) {
      highest = Math.max(highest, parseInt(node.getAttribute("data-seq"), 10) || 0);
    });
    return highest;
  }

  // -- polling, the fallback ---------------------------------------------------------------

  function stopPolling() {
    list.querySelectorAll("[data-live-poller]").forEach(function (node) { node.remove(); });
  }

  function startPolling() {
    if (list.querySelector("[data-live-poller]")) { return; }
    var poller = document.createElement("div");
    poller.setAttribute("data-live-poller", "");
    poller.setAttribute("hx-get", room.getAttribute("data-poll-url") + "?after=" + lastSeq);
    poller.setAttribute("hx-trigger", "every 3s");
    poller.setAttribute("hx-swap", "outerHTML");
    list.appendChild(poller);
    if (window.htmx) { window.htmx.process(poller); }
  }

  document.body.addEventListener("htmx:afterSettle", function () {
    lastSeq = Math.max(lastSeq, highestSeq());
    if (ready) { stopPolling(); }
    hideEmpty();
  });

  // -- rendering ---------------------------------------------------------------------------

  function element(tag, className) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    return node;
  }

  function hideEmpty() {
    var empty = document.querySelector("[data-live-empty]");
    if (empty && highestSeq() > 0) { empty.hidden = true; }
  }

  function controlsFor(frame) {
    var template = document.getElementById("live-message-controls");
    if (!template) { return null; }
    var controls = template.content.firstElementChild.cloneNode(true);
    controls.querySelector("input[name=message]").value = String(frame.id);
    var mute = controls.querySelector("[data-live-mute]");
    if (mute && frame.author === room.getAttribute("data-viewer")) { mute.remove(); }
    return controls;
  }

  function renderMessage(frame) {
    var article = element("article", "post live-message" + (frame.pinned ? " pinned" : ""));
    article.id = "m-" + frame.seq;
    article.setAttribute("data-seq", String(frame.seq));
    article.setAttribute("data-id", String(frame.id));
    var header = element("header", "meta");
    var who = element("span");
    who.dir = "auto";
    var name = element("strong");
    name.textContent = frame.author;
    who.appendChild(name);
    var badge = element("span", "badge");
    badge.setAttribute("data-live-pinned", "");
    badge.textContent = room.getAttribute("data-pinned-label");
    badge.hidden = !frame.pinned;
    var time = element("time");
    time.dateTime = frame.created;
    time.textContent = new Date(frame.created).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    header.append(who, " ", badge, " ", time);
    var body = element("div", "body");
    body.dir = "auto";
    body.innerHTML = frame.body_html; // sanitised by the server (halqa.conversations.markdown)
    article.append(header, body);
    var controls = controlsFor(frame);
    if (controls) { article.appendChild(controls); }
    return article;
  }

  function showMessage(frame) {
    if (frame.seq <= lastSeq || list.querySelector('[data-seq="' + frame.seq + '"]')) { return; }
    var poller = list.querySelector("[data-live-poller]");
    list.insertBefore(renderMessage(frame), poller);
    lastSeq = frame.seq;
    hideEmpty();
  }

  function showPresence(count) {
    var node = document.querySelector("[data-live-presence]");
    if (!node) { return; }
    var form = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang).select(count) : "other";
    var text = node.getAttribute("data-" + form) || node.getAttribute("data-other");
    node.textContent = text.replace("#", String(count));
  }

  function showState(frame) {
    var badge = document.querySelector("[data-live-state]");
    if (badge) {
      badge.textContent = badge.getAttribute(frame.open ? "data-open-label" : "data-closed-label");
    }
    var note = document.querySelector("[data-live-closed-note]");
    if (note) { note.hidden = frame.open; }
    var slow = document.querySelector("[data-live-slow]");
    var labels = document.getElementById("live-slow-labels");
    if (slow && labels) {
      var label = JSON.parse(labels.textContent)[String(frame.slow_mode)] || String(frame.slow_mode);
      slow.textContent = frame.slow_mode ? slow.getAttribute("data-prefix") + " " + label : "";
    }
  }

  function showPin(frame) {
    var article = list.querySelector('[data-seq="' + frame.seq + '"]');
    if (!article) { return; }
    article.classList.toggle("pinned", frame.pinned);
    var badge = article.querySelector("[data-live-pinned]");
    if (badge) { badge.hidden = !frame.pinned; }
  }

  function showConnection(connected) {
    var node = document.querySelector("[data-live-connection]");
    if (!node) { return; }
    node.hidden = false;
    node.textContent = node.getAttribute(connected ? "data-connected-label" : "data-offline-label");
  }

  function showError(text) {
    if (errorBox) { errorBox.textContent = text; }
  }

  // -- the socket --------------------------------------------------------------------------

  var handlers = {
    message: showMessage,
    ready: function (frame) {
      ready = true;
      lastSeq = Math.max(lastSeq, frame.seq);
      stopPolling();
      showConnection(true);
    },
    ack: function (frame) {
      if (textarea && pending[frame.client_id] === textarea.value) { textarea.value = ""; }
      delete pending[frame.client_id];
      showError("");
      if (frame.crisis_help) {
        var card = document.querySelector("[data-live-crisis]");
        if (card) { card.hidden = false; card.scrollIntoView({ block: "nearest" }); }
      }
    },
    error: function (frame) { showError(frame.message); },
    presence: function (frame) { showPresence(frame.count); },
    state: showState,
    pin: showPin
  };

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    lastSeq = Math.max(lastSeq, highestSeq());
    var url = scheme + window.location.host + room.getAttribute("data-ws-path") + "?after=" + lastSeq;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      socket = null;
      return reconnectLater();
    }
    socket.addEventListener("open", function () { attempts = 0; });
    socket.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (error) { return; }
      var handler = frame && handlers[frame.type];
      if (handler) { handler(frame); }
    });
    socket.addEventListener("close", function (event) {
      socket = null;
      ready = false;
      startPolling();
      showConnection(false);
      if (event.code !== 4401 && event.code !== 4404) { reconnectLater(); }
    });
  }

  function reconnectLater() {
    var delay = Math.min(30000, 1000 * Math.pow(2, attempts)) * (0.5 + Math.random() / 2);
    attempts += 1;
    window.setTimeout(connect, delay);
  }

  function clientId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  }

  if (composer && textarea) {
    composer.addEventListener("submit", function (event) {
      if (!socket || !ready || socket.readyState !== WebSocket.OPEN) { return; } // a form post
      event.preventDefault();
      var id = clientId();
      pending[id] = textarea.value;
      socket.send(JSON.stringify({ type: "send", body: textarea.value, client_id: id }));
    });
  }

  connect();
})();
