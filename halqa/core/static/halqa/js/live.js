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
  var pending = {}; // client_id → text: sent, not yet acknowledged (resent after a reconnect)
  var retries = {}; // client_id → how many times the server was too busy to store it
  var lastSeq = Math.max(parseInt(room.getAttribute("data-last-seq"), 10) || 0, highestSeq());
  // A reader with muted words or topics gets each message as the server renders it for them
  // (folded where it should be): a frame is only a nudge to fetch what is new. The frames carry
  // nothing about screening, so the folding cannot be decided here.
  var folds = room.hasAttribute("data-reader-folds");
  var fetchedUpTo = lastSeq;
  var fetching = false;
  var wanted = 0; // the highest seq a frame announced

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
    fetchedUpTo = Math.max(fetchedUpTo, highestSeq());
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

  // -- messages as the server renders them for this reader (muted words and topics) -------

  function place(article) {
    var seq = parseInt(article.getAttribute("data-seq"), 10);
    if (list.querySelector('[data-seq="' + seq + '"]')) { return; }
    var later = Array.prototype.find.call(list.querySelectorAll("[data-seq]"), function (node) {
      return parseInt(node.getAttribute("data-seq"), 10) > seq;
    });
    list.insertBefore(article, later || list.querySelector("[data-live-poller]"));
    if (window.htmx) { window.htmx.process(article); }
  }

  function fetchNewer() {
    if (fetching || wanted <= fetchedUpTo) { return; }
    fetching = true;
    var url = room.getAttribute("data-poll-url") + "?after=" + fetchedUpTo;
    window.fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        var fragment = document.createElement("template");
        fragment.innerHTML = html; // rendered and sanitised by the server, as for polling
        fragment.content.querySelectorAll("article[data-seq]").forEach(place);
        var poller = fragment.content.querySelector("[data-live-poller]");
        var upTo = poller ? /after=(\d+)/.exec(poller.getAttribute("hx-get") || "") : null;
        fetchedUpTo = Math.max(fetchedUpTo, upTo ? parseInt(upTo[1], 10) : 0, highestSeq());
        lastSeq = Math.max(lastSeq, fetchedUpTo);
        hideEmpty();
        fetching = false;
        fetchNewer(); // frames that came meanwhile, or a page cut at 100 messages
      })
      .catch(function () {
        fetching = false;
        window.setTimeout(fetchNewer, 3000); // nothing is lost: the position did not move
      });
  }

  function nudge(frame) {
    wanted = Math.max(wanted, frame.seq);
    fetchNewer();
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
    message: folds ? nudge : showMessage,
    ready: function (frame) {
      ready = true;
      lastSeq = Math.max(lastSeq, frame.seq);
      stopPolling();
      showConnection(true);
      Object.keys(pending).forEach(sendPending); // the same client_id: stored once at most
    },
    ack: function (frame) {
      if (textarea && pending[frame.client_id] === textarea.value) { textarea.value = ""; }
      delete pending[frame.client_id];
      delete retries[frame.client_id];
      showError("");
      if (frame.crisis_help) {
        var card = document.querySelector("[data-live-crisis]");
        if (card) { card.hidden = false; card.scrollIntoView({ block: "nearest" }); }
      }
    },
    error: function (frame) {
      // Personal data: the page asks the author (the guard's buttons post the form).
      if (frame.code === "personal_data" && composer) { return HTMLFormElement.prototype.submit.call(composer); }
      showError(frame.message);
      // Too busy to store it: the text stays in the composer and goes again by itself.
      if (frame.code === "unavailable" && frame.client_id && pending[frame.client_id] !== undefined) {
        return resendLater(frame.client_id);
      }
      if (frame.client_id) { delete pending[frame.client_id]; delete retries[frame.client_id]; }
    },
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

  function sendPending(id) {
    if (!socket || !ready || socket.readyState !== WebSocket.OPEN || pending[id] === undefined) { return; }
    socket.send(JSON.stringify({ type: "send", body: pending[id], client_id: id }));
  }

  function resendLater(id) {
    var tries = retries[id] = (retries[id] || 0) + 1;
    var delay = Math.min(30000, 2000 * Math.pow(2, tries - 1)) * (0.5 + Math.random() / 2);
    window.setTimeout(function () { sendPending(id); }, delay);
  }

  function clientId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  }

  if (composer && textarea) {
    composer.addEventListener("submit", function (event) {
      if (!socket || !ready || socket.readyState !== WebSocket.OPEN) { return; } // a form post
      if (event.submitter && event.submitter.name === "personal_data") { return; } // the guard's choice
      event.preventDefault();
      var id = clientId();
      pending[id] = textarea.value;
      sendPending(id);
    });
  }

  connect();
})();
