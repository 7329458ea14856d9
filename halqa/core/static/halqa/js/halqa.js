// Halqa's own small enhancements. Everything here is optional: pages work without it.
(function () {
  "use strict";

  // Quick exit: leave at once and replace this page in the history, so "Back" does not return.
  function quickExit(event) {
    var link = event.target.closest("[data-quick-exit]");
    if (!link) { return; }
    event.preventDefault();
    document.body.style.display = "none";
    window.location.replace(link.href);
  }
  document.addEventListener("click", quickExit);

  // Pressing Escape three times quickly also leaves.
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1500; });
    presses.push(now);
    var link = document.querySelector("[data-quick-exit]");
    if (presses.length >= 3 && link) {
      document.body.style.display = "none";
      window.location.replace(link.href);
    }
  });

  // Buttons that copy text (recovery codes), with a fallback when the clipboard is unavailable.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button || !navigator.clipboard) { return; }
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    navigator.clipboard.writeText(target.innerText).then(function () {
      button.setAttribute("data-copied", "true");
    });
  });

  // Confirmation for destructive forms: <form data-confirm="message">.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
