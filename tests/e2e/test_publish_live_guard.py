"""In a live room with its WebSocket: a phone number in Arabic-Indic digits is caught before
posting; the page shows the guard; "remove it for me", then the masked text is sent."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_live import _messages, _open_room, asgi_site  # noqa: F401

PHONE = "٠٧٩١٢٣٤٥٦٧"


def test_live_personal_data_guard_over_the_socket(
    chromium: Any,
    asgi_site: dict[str, Any],  # noqa: F811 - the fixture, imported from test_live
) -> None:
    amal = _open_room(chromium, asgi_site, "amal")
    sami = _open_room(chromium, asgi_site, "sami")
    try:
        for page in (amal, sami):
            expect(page.locator("[data-live-connection]")).to_have_text("متصل مباشرة")
        amal.locator("[data-live-composer] textarea").fill(f"هذا رقمي {PHONE} للحديث")
        amal.locator("[data-live-composer] .actions button[type=submit]").click()
        guard = amal.locator("[data-personal-data-guard]")
        expect(guard.locator("mark")).to_contain_text(PHONE)
        screenshot(amal, "ar-live-personal-data-guard")
        expect(_messages(sami)).to_have_count(0)  # nothing was sent
        guard.locator("button[value=remove]").click()
        textarea = amal.locator("[data-live-composer] textarea")
        expect(textarea).to_have_value("هذا رقمي ••• للحديث")
        amal.locator("[data-live-composer] .actions button[type=submit]").last.click()
        expect(_messages(sami)).to_have_text(["هذا رقمي ••• للحديث"], timeout=7_000)
    finally:
        amal.context.close()
        sami.context.close()
