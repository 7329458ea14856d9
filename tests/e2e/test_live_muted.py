"""Muted words and topics in a live room, in a real browser: messages arriving over the
WebSocket, on joining and by polling fold away for the reader who muted them, behind a note
that opens and never says which signal folded it. Screenshots in Arabic and English."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import screenshot
from tests.e2e.test_live import _open_room, _send, asgi_site  # noqa: F401 (a fixture)

IDEATION = "ياريت أنام وما أصحى، تعبت من كل شي"
FOLDED_AR = "مخفية حسب الكلمات والمواضيع التي كتمتها. افتحها لتقرأ."
FOLDED_EN = "Hidden by your muted words and topics. Open to read."
FOLD = "details.collapsed > summary"


def _mute(page: Any) -> None:
    """Through the settings page, as a member would: a word and the topic "suicide"."""
    page.goto("/groups/evening/threads/muted-words/")
    page.locator("input[name=word]").fill("مطر")
    page.locator("input[name=word]").press("Enter")
    page.locator("input[name=topics][value=suicide]").check()
    page.locator("input[name=topics][value=suicide]").press("Enter")
    assert page.locator("input[name=topics][value=suicide]").is_checked()


def _articles(page: Any) -> Any:
    return page.locator("#live-messages .live-message")


def test_live_room_folds_muted_messages_over_the_socket(
    chromium: Any,
    asgi_site: dict[str, Any],  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    amal = _open_room(chromium, asgi_site, "amal")
    _mute(amal)
    amal.goto(f"/live/{asgi_site['session']}/")
    sami = _open_room(chromium, asgi_site, "sami")
    for page in (amal, sami):
        expect(page.locator("[data-live-connection]")).to_have_text("متصل مباشرة")

    _send(sami, "مساء الخير")
    _send(sami, IDEATION)  # screening: ideation, so about suicide for who muted it
    # ("المطر لا يتوقف الليلة" was the rain message until screening-7d6ef73ea146 read it as a
    # confident plan, "doesn't stop" and "tonight"; see EVERYDAY_KNOWN_ALARMS in test_engine)
    _send(sami, "صوت المطر جميل")
    expect(_articles(amal)).to_have_count(3, timeout=4_000)
    calm, heavy, rain = (_articles(amal).nth(n) for n in range(3))
    expect(calm.locator("details.collapsed")).to_have_count(0)
    for folded in (heavy, rain):
        expect(folded.locator(FOLD)).to_have_text(FOLDED_AR)
        expect(folded.locator("details.collapsed .body")).not_to_be_visible()
    # Who wrote them sees them open, and the crisis card for the heavy one.
    expect(sami.locator("#live-messages details.collapsed")).to_have_count(0)
    expect(sami.locator("[data-live-crisis]")).to_be_visible()
    screenshot(amal, "live-room-folded-ar")
    heavy.locator(FOLD).click()
    expect(heavy.locator(".body")).to_have_text(IDEATION)

    # Joining again (the history) in English: still folded, with the same neutral note.
    amal.context.add_cookies([{"name": "halqa_language", "value": "en", "url": asgi_site["url"]}])
    amal.reload()
    expect(amal.locator("html")).to_have_attribute("dir", "ltr")
    expect(_articles(amal).nth(1).locator(FOLD)).to_have_text(FOLDED_EN)
    expect(_articles(amal).nth(2).locator(FOLD)).to_have_text(FOLDED_EN)
    expect(amal.locator("main")).not_to_contain_text("Suicide")
    screenshot(amal, "live-room-folded-en")
    amal.context.close()

    # Without WebSockets, polling brings new messages folded too.
    blocked = _open_room(chromium, asgi_site, "amal", block=True)
    expect(blocked.locator("[data-live-connection]")).to_contain_text("جارٍ إعادة الاتصال")
    _send(sami, "مطر ومطر")
    expect(_articles(blocked)).to_have_count(4, timeout=8_000)
    expect(_articles(blocked).last.locator(FOLD)).to_have_text(FOLDED_AR)
    blocked.context.close()
    sami.context.close()


BURST = """
async ([path, count]) => {
  const socket = new WebSocket("ws://" + location.host + path);
  await new Promise((resolve) => socket.addEventListener("open", resolve));
  for (let n = 1; n <= count; n++) {
    socket.send(JSON.stringify({type: "send", body: "رسالة " + n, client_id: "burst-" + n}));
  }
  await new Promise((resolve) => {
    let acked = 0;
    socket.addEventListener("message", (event) => {
      if (JSON.parse(event.data).type === "ack" && ++acked === count) { resolve(); }
    });
  });
  socket.close();
}
"""


def test_muting_reader_gets_a_burst_whole_and_in_order(
    chromium: Any,
    asgi_site: dict[str, Any],  # noqa: F811
) -> None:
    """More messages at once than one fetch brings (100): the reader's page fetches until it
    has every seq the socket announced, each once, in order."""
    from playwright.sync_api import expect

    amal = _open_room(chromium, asgi_site, "amal")
    _mute(amal)
    amal.goto(f"/live/{asgi_site['session']}/")
    sami = _open_room(chromium, asgi_site, "sami")
    for page in (amal, sami):
        expect(page.locator("[data-live-connection]")).to_have_text("متصل مباشرة")
    sami.evaluate(BURST, [f"/ws/live/{asgi_site['session']}/", 130])
    expect(_articles(amal)).to_have_count(130, timeout=15_000)
    seqs = _articles(amal).evaluate_all("nodes => nodes.map(n => Number(n.dataset.seq))")
    assert seqs == list(range(1, 131))
    expect(_articles(amal).locator(FOLD)).to_have_count(0)  # no muted word in these
    amal.context.close()
    sami.context.close()
