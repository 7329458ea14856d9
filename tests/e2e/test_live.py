"""A live session in Arabic, in two browsers at once; and the same room with WebSockets blocked.

pytest-django's live_server speaks WSGI only, so this test runs its own ASGI server (uvicorn,
the one `halqa serve` uses) in a subprocess against a temporary SQLite file, seeded here.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

SEED = """
import json
import django
from django.conf import settings
django.setup()
from tests.sessions import signed_in_session as cookie
from django.utils import timezone
from datetime import timedelta
from halqa.accounts.models import User
from halqa.groups.models import Group, Membership
from halqa.live.models import LiveSession

lead = User.objects.create_user("hadi_lead", "a calm river at dawn", language="ar")
amal = User.objects.create_user("amal_r", "a calm river at dawn", language="ar")
sami = User.objects.create_user("sami_k", "a calm river at dawn", language="ar")
group = Group.objects.create(slug="evening", name="مساء", description="x", visibility="private")
for user, role in ((lead, "facilitator"), (amal, "member"), (sami, "member")):
    Membership.objects.create(group=group, user=user, role=role)
now = timezone.now()
session = LiveSession.objects.create(group=group, title="حلقة المساء", facilitator=lead,
    starts_at=now, ends_at=now + timedelta(hours=1), is_open=True)
print(json.dumps({"session": session.pk, "amal": cookie(amal), "sami": cookie(sami)}))
"""

# A proxy that refuses WebSockets: every socket closes at once, as with a blocked upgrade.
BLOCK_WEBSOCKETS = """
window.WebSocket = function () {
  var listeners = {};
  this.readyState = 3;
  this.addEventListener = function (type, fn) {
    (listeners[type] = listeners[type] || []).push(fn);
  };
  this.send = function () { throw new Error("blocked"); };
  setTimeout(function () {
    (listeners.close || []).forEach(function (fn) { fn({ code: 1006 }); });
  }, 20);
};
window.WebSocket.OPEN = 1;
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the ASGI server stopped before it was ready")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the ASGI server did not start")


@pytest.fixture
def asgi_site(tmp_path: Path) -> Iterator[dict[str, Any]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "halqa.settings_test",
        "HALQA_VAR_DIR": str(tmp_path),
    }
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    seeded = subprocess.run(
        [python, "-c", SEED], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    data = json.loads(seeded.stdout.strip().splitlines()[-1])
    port = _free_port()
    command = [python, "-m", "uvicorn", "halqa.asgi:application", "--port", str(port)]
    command += ["--ws", "websockets-sansio", "--lifespan", "off", "--no-access-log"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        _wait_for(port, server)
        yield {**data, "url": f"http://127.0.0.1:{port}"}
    finally:
        server.terminate()
        server.wait(timeout=10)


def _open_room(chromium: Any, site: dict[str, Any], who: str, *, block: bool = False) -> Any:
    context = chromium.new_context(
        base_url=site["url"], locale="ar", viewport={"width": 412, "height": 900}
    )
    context.set_default_timeout(8_000)
    context.add_cookies(
        [
            {"name": "halqa_session", "value": site[who], "url": site["url"]},
            {"name": "halqa_language", "value": "ar", "url": site["url"]},
        ]
    )
    if block:
        context.add_init_script(BLOCK_WEBSOCKETS)
    page = context.new_page()
    page.goto(f"/live/{site['session']}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    return page


def _send(page: Any, text: str) -> None:
    page.locator("[data-live-composer] textarea").fill(text)
    page.locator("[data-live-composer] button[type=submit]").click()


def _messages(page: Any) -> Any:
    return page.locator("#live-messages .live-message .body")


def test_live_session_in_real_time_and_without_websockets(
    chromium: Any, asgi_site: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    amal = _open_room(chromium, asgi_site, "amal")
    sami = _open_room(chromium, asgi_site, "sami")
    for page in (amal, sami):
        expect(page.locator("[data-live-connection]")).to_have_text("متصل مباشرة")
        expect(page.locator("[data-live-poller]")).to_have_count(0)  # no polling: the socket

    _send(amal, "مساء الخير للجميع")
    expect(_messages(sami)).to_have_text(["مساء الخير للجميع"], timeout=2_500)
    expect(amal.locator("[data-live-composer] textarea")).to_have_value("")  # acked
    _send(sami, "أهلاً يا أمل")
    expect(_messages(amal)).to_have_text(["مساء الخير للجميع", "أهلاً يا أمل"], timeout=2_500)
    expect(amal.locator("[data-live-presence]")).to_contain_text("شخصان")

    # Sami's WebSocket is blocked: the room falls back to form posts and polling.
    sami.context.close()
    blocked = _open_room(chromium, asgi_site, "sami", block=True)
    expect(blocked.locator("[data-live-connection]")).to_contain_text("جارٍ إعادة الاتصال")
    expect(_messages(blocked)).to_have_text(["مساء الخير للجميع", "أهلاً يا أمل"])
    _send(blocked, "وصلتني رسائلكم")  # a plain form post: the page reloads with it
    expect(_messages(blocked)).to_have_count(3)
    expect(_messages(amal)).to_have_text(
        ["مساء الخير للجميع", "أهلاً يا أمل", "وصلتني رسائلكم"], timeout=2_500
    )
    _send(amal, "ونحن معك")
    expect(_messages(blocked).last).to_have_text("ونحن معك", timeout=7_000)  # by polling
    expect(_messages(blocked)).to_have_count(4)
    expect(_messages(amal)).to_have_count(4)
    amal.context.close()
    blocked.context.close()
