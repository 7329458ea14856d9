// The unread-notifications badge in the header, kept current over a WebSocket.
// Optional: without it (or without JavaScript) the badge shows the count of the last page load.
(function () {
  "use strict";

  var badge = document.querySelector("[data-notifications-badge]");
  if (!badge || !("WebSocket" in window)) { return; }

  var UNAUTHORISED = 4401;
  var FIRST_DELAY = 1000;
  var MAX_DELAY = 60000;
  var delay = FIRST_DELAY;

  function show(count) {
    badge.textContent = count > 0 ? String(count) : "";
    badge.hidden = count <= 0;
  }

  function onMessage(event) {
    var data;
    try { data = JSON.parse(event.data); } catch (error) { return; }
    if (data && data.type === "unread" && typeof data.count === "number") { show(data.count); }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/notifications/");
    socket.addEventListener("open", function () { delay = FIRST_DELAY; });
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", function (event) {
      if (event.code === UNAUTHORISED) { return; }  // signed out: nothing to listen for
      // Back off, with jitter so that many pages do not reconnect at the same moment.
      window.setTimeout(connect, delay + Math.random() * delay / 2);
      delay = Math.min(delay * 2, MAX_DELAY);
    });
  }

  connect();
})();
