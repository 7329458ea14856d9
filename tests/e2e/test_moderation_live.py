"""The live queue in a browser: an on-duty moderator's queue page shows a new urgent case the
moment a member reports "someone is in danger", without reloading.

pytest-django's live_server speaks WSGI only, so this runs its own ASGI server (uvicorn) in a
subprocess against a temporary SQLite file, as tests/e2e/test_live.py does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_live import ROOT, _free_port, _wait_for

SEED = """
import json
import re
import django
django.setup()
from tests.sessions import signed_in_session as cookie
from django_otp.plugins.otp_totp.models import TOTPDevice
from halqa.accounts.models import User
from halqa.conversations.actions import reply, start_thread
from halqa.groups.models import Group, Membership
from halqa.moderation.models import ModeratorStatus

moderator = User.objects.create_user("steady_mod", "a calm river at dawn", role="moderator")
device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
ModeratorStatus.objects.create(user=moderator, on_duty=True)
author = User.objects.create_user("amal_r", "a calm river at dawn")
friend = User.objects.create_user("sami_k", "a calm river at dawn")
group = Group.objects.create(slug="evening", name="Evening", description="x")
for user in (author, friend):
    Membership.objects.create(group=group, user=user)
thread = start_thread(author=friend, group=group, title="Tonight", body="How is everyone?")
post = reply(author=author, thread=thread, body="Quiet evening here, thank you for asking.")
# Start from an empty queue whatever the publish policy made of these two messages.
from halqa.moderation.models import Case
from halqa.conversations.models import Post
Case.objects.all().delete()
Post.objects.update(state="published")
print(json.dumps({
    "post": post.pk,
    "moderator": cookie(moderator, device=device),
    "friend": cookie(friend),
}))
"""


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


def _page(chromium: Any, site: dict[str, Any], who: str) -> Any:
    context = chromium.new_context(
        base_url=site["url"], locale="en-US", viewport={"width": 1100, "height": 900}
    )
    context.set_default_timeout(8_000)
    context.add_cookies(
        [
            {"name": "halqa_session", "value": site[who], "url": site["url"]},
            {"name": "halqa_language", "value": "en", "url": site["url"]},
        ]
    )
    return context.new_page()


def test_urgent_report_appears_live_in_the_queue(chromium: Any, asgi_site: dict[str, Any]) -> None:
    moderator = _page(chromium, asgi_site, "moderator")
    moderator.goto("/moderation/")
    expect(moderator.locator("[data-socket]")).to_have_count(1)
    expect(moderator.locator("[data-case-row]")).to_have_count(0)
    moderator.wait_for_timeout(500)  # let the socket open

    friend = _page(chromium, asgi_site, "friend")
    friend.goto(f"/moderation/flag/?post={asgi_site['post']}")
    friend.locator("input[name=reason][value=danger]").check()
    friend.locator("main form button[type=submit]").click()
    expect(friend).to_have_url(re.compile(r"/moderation/reports/\d+/$"))

    # No reload: the push arrives and the list is fetched again.
    expect(moderator.locator("[data-case-row]")).to_have_count(1, timeout=3_000)
    expect(moderator.locator("#queue-live")).to_be_visible()
    expect(moderator.locator("#queue-live")).to_have_class(re.compile("urgent"))
    expect(moderator.locator("[data-case-row] .kind")).to_contain_text("danger")
    screenshot(moderator, "en-moderation-queue-live")
