"""An uploaded video in a real browser: the page plays it with a plain <video> from Halqa's own
host, the browser's byte-range requests get 206, and screenshots in Arabic and English.

The video itself is recorded by Chromium (a canvas through MediaRecorder, WebM): a real file the
browser can decode, made without any download or external tool.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

RECORD = """async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 320; canvas.height = 180;
  document.body.append(canvas);
  const paint = canvas.getContext("2d");
  const stream = canvas.captureStream(25);
  const recorder = new MediaRecorder(stream, {mimeType: "video/webm"});
  const parts = [];
  recorder.ondataavailable = (event) => parts.push(event.data);
  const done = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  for (let frame = 0; frame < 40; frame++) {
    paint.fillStyle = `hsl(${170 + frame}, 45%, ${30 + frame / 2}%)`;
    paint.fillRect(0, 0, 320, 180);
    paint.fillStyle = "#fff";
    paint.beginPath();
    paint.arc(160, 90, 20 + frame, 0, 2 * Math.PI);
    paint.fill();
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  recorder.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""


@pytest.fixture
def webm(chromium: Any) -> bytes:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.set_content("<!doctype html><body></body>")
        return base64.b64decode(page.evaluate(RECORD))
    finally:
        context.close()


@pytest.fixture
def videos(transactional_db: None, settings: Any, tmp_path: Path, webm: bytes) -> dict[str, int]:
    from django.core.files.base import ContentFile

    from halqa.resources.actions import create_resource
    from halqa.resources.media import sniff

    assert sniff(webm[:64]) == ".webm"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ACCEL_REDIRECT = ""
    made = {}
    for language, title, summary in (
        ("ar", "التأريض بالحواس: شاهد التمرين", "فيديو قصير يرافقك في تمرين ٥-٤-٣-٢-١."),
        ("en", "Grounding with your senses, shown", "A short video to follow 5-4-3-2-1 along."),
    ):
        resource = create_resource(
            author=None,
            state="published",
            kind="video",
            language=language,
            title=title,
            summary=summary,
            minutes=2,
            topics=["anxiety", "panic"],
            source_note="WHO, Doing What Matters in Times of Stress (2020)",
            video=ContentFile(webm, name="v.webm"),
        )
        made[language] = resource.pk
    return made


@pytest.mark.parametrize("language", ["ar", "en"])
def test_uploaded_video_plays_from_halqa_with_ranges(
    chromium: Any, live_server: Any, videos: dict[str, int], language: str
) -> None:
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 412, "height": 900})
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "halqa_language", "value": language, "domain": host, "path": "/"}]
    )
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        statuses: list[int] = []
        page.on(
            "response",
            lambda response: (
                statuses.append(response.status) if "/video/" in response.url else None
            ),
        )
        page.goto(f"/resources/{videos[language]}/")
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        player = page.locator("video[controls]")
        expect(player).to_have_attribute("src", f"/resources/{videos[language]}/video/")
        page.wait_for_function("() => document.querySelector('video').readyState >= 1")
        width = page.evaluate("document.querySelector('video').videoWidth")
        assert width == 320  # the browser decoded the file it was served
        assert 206 in statuses  # Chromium asks for byte ranges, and gets them
        page.evaluate("document.querySelector('video').currentTime = 0.8")
        page.wait_for_function("() => document.querySelector('video').readyState >= 2")
        screenshot(page, f"resources-video-{language}")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_operator_uploads_a_video_through_the_form(
    chromium: Any,
    live_server: Any,
    transactional_db: None,
    make_member: Any,
    settings: Any,
    tmp_path: Path,
    webm: bytes,
    language: str,
) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from halqa.resources.models import Resource
    from tests.conftest import PASSWORD

    settings.MEDIA_ROOT = tmp_path / "media"
    operator = make_member(pseudonym="Lantern", role="operator", language=language)
    device = TOTPDevice.objects.create(user=operator, name="phone", confirmed=True)
    (tmp_path / "photo.mp4").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "clip.webm").write_bytes(webm)
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 412, "height": 900})
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "halqa_language", "value": language, "domain": host, "path": "/"}]
    )
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.locator("#id_pseudonym").fill("Lantern")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.locator("#id_code").fill(f"{totp(device.bin_key):06d}")
        page.locator("main form button[type=submit]").click()
        page.goto("/resources/new/")
        page.locator("#id_kind").select_option("video")
        page.locator("#id_language").select_option(language)
        page.locator("#id_title").fill("Breathing, shown")
        page.locator("#id_summary").fill("A short video.")
        page.locator("input[name=topics][value=anxiety]").check()
        page.locator("#id_video").set_input_files(str(tmp_path / "photo.mp4"))
        page.locator("main form button[type=submit]").click()
        error = "MP4 أو WebM" if language == "ar" else "Please upload an MP4 or WebM video"
        expect(page.locator("main")).to_contain_text(error)
        expect(page.locator("#id_title")).to_have_value("Breathing, shown")
        screenshot(page, f"resources-video-upload-refused-{language}")
        page.locator("#id_video").set_input_files(str(tmp_path / "clip.webm"))
        page.locator("main form button[type=submit]").click()
        expect(page.locator("video[controls]")).to_be_visible()
        resource = Resource.objects.get(title="Breathing, shown")
        assert resource.video.name.endswith(".webm")
        assert resource.state == "draft"
    finally:
        context.close()
