"""live.js when the server answers `unavailable` (docs/websocket.md): the text stays in the
composer with the server's message, and goes again by itself with the same client_id.

The browser's WebSocket is wrapped so that the first `send` is answered, as the consumer would
answer while its database cannot store it (tests/live/test_outages.py), by the documented
`error` frame; the resend goes to the real server (tests/e2e/test_live.py's ASGI site)."""

from __future__ import annotations

from typing import Any

from tests.e2e.test_live import _messages, _open_room, _send, asgi_site  # noqa: F401

BUSY_ONCE = """
(function () {
  var Real = window.WebSocket;
  window.__sent = [];
  function Wrapped(url) {
    var socket = new Real(url);
    var send = socket.send.bind(socket);
    socket.send = function (data) {
      var frame = JSON.parse(data);
      if (frame.type === "send" && !window.__refused) {
        window.__refused = frame.client_id;
        var busy = { type: "error", code: "unavailable", message: "BUSY" };
        busy.client_id = frame.client_id;
        setTimeout(function () {
          socket.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(busy) }));
        }, 10);
        return;
      }
      if (frame.type === "send") { window.__sent.push(frame.client_id); }
      send(data);
    };
    return socket;
  }
  Wrapped.prototype = Real.prototype;
  Wrapped.CONNECTING = 0; Wrapped.OPEN = 1; Wrapped.CLOSING = 2; Wrapped.CLOSED = 3;
  window.WebSocket = Wrapped;
})();
"""


def test_live_js_keeps_and_resends_a_message_the_server_was_too_busy_to_store(
    chromium: Any,
    asgi_site: dict[str, Any],  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    amal = _open_room(chromium, asgi_site, "amal")
    amal.context.add_init_script(BUSY_ONCE)
    amal.reload()
    expect(amal.locator("[data-live-connection]")).to_have_text("متصل مباشرة")
    _send(amal, "هل من أحد هنا؟")
    composer = amal.locator("[data-live-composer] textarea")
    expect(amal.locator("[data-live-error]")).to_have_text("BUSY")
    expect(composer).to_have_value("هل من أحد هنا؟")  # kept: nothing was stored
    expect(_messages(amal)).to_have_text(["هل من أحد هنا؟"], timeout=6_000)  # resent by itself
    expect(composer).to_have_value("")  # acknowledged
    assert amal.evaluate("window.__sent") == [amal.evaluate("window.__refused")]
    amal.context.close()
