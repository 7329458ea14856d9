// Moderation queue and case pages: live timers, the live queue (ws/moderation/), shortcuts.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "ar";

  function formatSince(seconds) {
    var minutes = Math.max(0, Math.floor(seconds / 60));
    try {
      if (minutes < 120) {
        return new Intl.NumberFormat(lang, { style: "unit", unit: "minute", unitDisplay: "short" }).format(minutes);
      }
      var hours = Math.floor(minutes / 60);
      if (hours < 48) {
        return new Intl.NumberFormat(lang, { style: "unit", unit: "hour", unitDisplay: "short" }).format(hours);
      }
      return new Intl.NumberFormat(lang, { style: "unit", unit: "day", unitDisplay: "short" }).format(Math.floor(hours / 24));
    } catch (e) {
      return String(minutes);
    }
  }

  function tick() {
    var now = Date.now() / 1000;
    document.querySelectorAll("[data-since]").forEach(function (el) {
      var since = parseInt(el.getAttribute("data-since"), 10);
      if (!isNaN(since)) { el.textContent = formatSince(now - since); }
    });
  }

  function refreshQueue() {
    var box = document.getElementById("queue");
    if (!box) { return Promise.resolve(); }
    return fetch(window.location.href, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { box.innerHTML = html; tick(); } });
  }

  function connect() {
    var box = document.querySelector("[data-socket]");
    if (!box || !window.WebSocket) { return; }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + box.getAttribute("data-socket"));
    var live = document.getElementById("queue-live");
    socket.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type !== "case_opened") { return; }
      refreshQueue().then(function () {
        if (live) {
          live.textContent = live.getAttribute(data.urgency >= 80 ? "data-urgent-text" : "data-text");
          live.hidden = false;
          live.classList.toggle("urgent", data.urgency >= 80);
        }
      });
    };
    socket.onclose = function (event) {
      if (event.code !== 4401) { window.setTimeout(connect, 5000); }
    };
  }

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-case-row]")); }

  function currentRow() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("[data-case-row]") : null;
  }

  function submit(scope, selector) {
    var form = (scope || document).querySelector(selector);
    if (form) { form.requestSubmit ? form.requestSubmit() : form.submit(); return true; }
    return false;
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) { return; }
    var list = rows();
    var row = currentRow();
    var key = event.key;
    if (key === "j" || key === "k") {
      if (!list.length) { return; }
      var index = row ? list.indexOf(row) : -1;
      index = key === "j" ? Math.min(index + 1, list.length - 1) : Math.max(index - 1, 0);
      list[index].focus();
      event.preventDefault();
      return;
    }
    var page = document.querySelector("[data-case-page]");
    var scope = row || page;
    if (!scope) { return; }
    if (key === "Enter" && row && event.target === row) {
      window.location.href = row.getAttribute("data-case-url");
    } else if (key === "c") {
      if (submit(scope, "[data-claim]")) { event.preventDefault(); }
    } else if (key === "a") {
      if (submit(scope, "[data-approve]")) { event.preventDefault(); }
    } else if (key === "h") {
      if (submit(scope, "[data-hide]")) { event.preventDefault(); }
    } else if (key === "r") {
      if (row) {
        window.location.href = row.getAttribute("data-case-url") + "#remove";
      } else {
        var panel = document.getElementById("remove");
        if (panel) { panel.open = true; var field = panel.querySelector("select"); if (field) { field.focus(); } }
      }
      event.preventDefault();
    }
  }

  function openRemoveFromHash() {
    if (window.location.hash === "#remove") {
      var panel = document.getElementById("remove");
      if (panel) { panel.open = true; var field = panel.querySelector("select"); if (field) { field.focus(); } }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    tick();
    window.setInterval(tick, 30000);
    connect();
    openRemoveFromHash();
    document.addEventListener("keydown", onKey);
  });
})();
