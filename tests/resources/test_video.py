"""Uploaded videos: mp4/webm recognised by their bytes, a size limit, played from Halqa's own
host with HTTP Range (206), access following the resource's state, X-Accel-Redirect for nginx."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, connections
from django.test import AsyncClient

from halqa.resources.enums import Kind, State
from halqa.resources.media import byte_range, sniff
from halqa.resources.models import Resource
from tests.groups.conftest import api_client, client_for, verified_client

MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
WEBM_HEAD = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm\x42\x87\x81\x04"
MP4 = MP4_HEAD + bytes(range(256)) * 40  # 10,264 bytes
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ACCEL_REDIRECT = ""
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def video(make_resource: Any) -> Resource:
    resource: Resource = make_resource(
        kind=Kind.VIDEO, title="Grounding, shown", body="", video=ContentFile(MP4, name="v.mp4")
    )
    return resource


def _stored(media_root: Path) -> list[str]:
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def _form(upload: Any, **fields: str) -> dict[str, Any]:
    values = {
        "kind": "video", "language": "en", "title": "Box breathing, shown",
        "summary": "Four sides.", "minutes": "3", "topics": ["anxiety"], "video": upload,
    }  # fmt: skip
    return values | fields


@pytest.mark.parametrize(
    ("head", "found"),
    [
        (MP4_HEAD, ".mp4"),
        (b"\x00\x00\x00\x1cftypmp42\x00\x00\x00\x00mp42isom", ".mp4"),
        (WEBM_HEAD, ".webm"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", ""),  # QuickTime
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", ""),  # a HEIF photo
        (WEBM_HEAD.replace(b"\x84webm", b"\x88matroska"), ""),
        (PNG, ""),
        (b"", ""),
    ],
)
def test_sniff_knows_playable_videos_by_their_bytes(head: bytes, found: str) -> None:
    assert sniff(head) == found


@pytest.mark.parametrize(
    ("header", "span"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-10", (990, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=900-5000", (900, 999)),
        ("", None),
        ("bytes=0-1,5-9", None),  # several ranges: the whole file
        ("items=0-9", None),
    ],
)
def test_byte_range(header: str, span: tuple[int, int] | None) -> None:
    assert byte_range(header, 1000) == span


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5-2", "bytes=-0"])
def test_byte_range_unsatisfiable(header: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        byte_range(header, 1000)


def test_operator_uploads_an_mp4_stored_under_a_made_up_name(
    make_member: Any, media_root: Path
) -> None:
    client = verified_client(make_member(role="operator"))
    upload = SimpleUploadedFile("my-holiday.mp4", MP4, content_type="video/mp4")
    assert client.post("/resources/new/", _form(upload)).status_code == 302
    resource = Resource.objects.get(title="Box breathing, shown")
    assert resource.video.name.startswith("videos/")
    assert resource.video.name.endswith(".mp4")
    assert "holiday" not in resource.video.name
    assert (media_root / resource.video.name).read_bytes() == MP4


def test_webm_named_anything_is_stored_as_webm(make_member: Any) -> None:
    client = verified_client(make_member(role="operator"))
    upload = SimpleUploadedFile("clip.bin", WEBM_HEAD + bytes(100))
    assert client.post("/resources/new/", _form(upload)).status_code == 302
    assert Resource.objects.get().video.name.endswith(".webm")


@pytest.mark.parametrize(
    ("language", "says"),
    [("en", "Please upload an MP4 or WebM video"), ("ar", "MP4 أو WebM")],
)
def test_other_files_are_refused_clearly_and_nothing_is_kept(
    make_member: Any, media_root: Path, language: str, says: str
) -> None:
    client = verified_client(make_member(role="operator"), language=language)
    upload = SimpleUploadedFile("photo.mp4", PNG, content_type="video/mp4")
    response = client.post("/resources/new/", _form(upload))
    assert response.status_code == 400
    page = response.content.decode()
    assert says in page
    assert 'value="Box breathing, shown"' in page  # what was typed stays
    assert not Resource.objects.exists()
    assert _stored(media_root) == []


@pytest.mark.parametrize(("language", "says"), [("en", "the limit is 1 MB"), ("ar", "1 م.ب")])
def test_too_large_a_video_is_refused(
    make_member: Any, settings: Any, media_root: Path, language: str, says: str
) -> None:
    settings.VIDEO_MAX_MB = 1
    client = verified_client(make_member(role="operator"), language=language)
    upload = SimpleUploadedFile("big.mp4", MP4_HEAD + bytes(1024 * 1024))
    response = client.post("/resources/new/", _form(upload))
    assert response.status_code == 400
    assert says in response.content.decode()
    assert _stored(media_root) == []


def test_a_video_takes_an_address_or_a_file_not_both(make_member: Any) -> None:
    client = verified_client(make_member(role="operator"))
    upload = SimpleUploadedFile("v.mp4", MP4)
    response = client.post("/resources/new/", _form(upload, url="https://example.org/v"))
    assert response.status_code == 400
    assert "not both" in response.content.decode()
    article = _form(SimpleUploadedFile("v.mp4", MP4), kind="article", body="Text.")
    response = client.post("/resources/new/", article)
    assert response.status_code == 400
    assert "Only a video takes a video file" in response.content.decode()
    response = client.post("/resources/new/", _form(""))
    assert "A video needs an address or a file" in response.content.decode()


def test_replacing_the_video_deletes_the_old_file(
    video: Resource, make_member: Any, media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    old = video.video.name
    client = verified_client(make_member(role="operator"))
    upload = SimpleUploadedFile("new.webm", WEBM_HEAD + bytes(50))
    fields = _form(upload, title=video.title, summary=video.summary)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/resources/{video.pk}/edit/", fields).status_code == 302
    video.refresh_from_db()
    assert video.video.name.endswith(".webm")
    assert _stored(media_root) == [video.video.name]
    assert not (media_root / old).exists()


@contextmanager
def _database_refuses(table: str) -> Iterator[None]:
    """Writes to `table` fail as a full disk would (OperationalError), after the storage has
    written the uploaded file (Django saves a FileField's file just before its row)."""

    def refuse(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE")) and table in sql:
            raise OperationalError("database or disk is full")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


def test_a_failed_save_leaves_no_uploaded_file(make_member: Any, media_root: Path) -> None:
    client = verified_client(make_member(role="operator"))
    client.raise_request_exception = False
    upload = SimpleUploadedFile("v.mp4", MP4, content_type="video/mp4")
    with _database_refuses("resources_resource"):
        response = client.post("/resources/new/", _form(upload))
    assert response.status_code == 503  # "nothing was saved": send again in a minute
    assert not Resource.objects.exists()
    assert _stored(media_root) == []


def test_a_failed_edit_keeps_the_old_video_and_leaves_no_new_file(
    video: Resource, make_member: Any, media_root: Path
) -> None:
    old = video.video.name
    client = verified_client(make_member(role="operator"))
    client.raise_request_exception = False
    upload = SimpleUploadedFile("new.webm", WEBM_HEAD + bytes(50))
    fields = _form(upload, title=video.title, summary=video.summary)
    with _database_refuses("resources_resource"):
        response = client.post(f"/resources/{video.pk}/edit/", fields)
    assert response.status_code == 503
    video.refresh_from_db()
    assert video.video.name == old
    assert _stored(media_root) == [old]


def test_the_page_plays_it_from_halqa_with_a_plain_player(video: Resource) -> None:
    response = client_for().get(f"/resources/{video.pk}/")
    page = response.content.decode()
    assert "<video controls" in page
    assert f'src="/resources/{video.pk}/video/"' in page
    assert "<iframe" not in page
    assert f"/resources/{video.pk}/leave/" not in page  # nothing to leave for
    assert "media-src 'self'" in response["Content-Security-Policy"]


def test_video_is_served_whole_and_by_range(video: Resource) -> None:
    client = client_for()
    url = f"/resources/{video.pk}/video/"
    whole = client.get(url)
    assert whole.status_code == 200
    assert whole["Content-Type"] == "video/mp4"
    assert whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Length"] == str(len(MP4))
    assert b"".join(whole.streaming_content) == MP4

    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(MP4)}"
    assert part["Content-Length"] == "100"
    assert b"".join(part.streaming_content) == MP4[100:200]

    tail = client.get(url, headers={"Range": "bytes=-24"})
    assert b"".join(tail.streaming_content) == MP4[-24:]

    outside = client.get(url, headers={"Range": f"bytes={len(MP4)}-"})
    assert outside.status_code == 416
    assert outside["Content-Range"] == f"bytes */{len(MP4)}"

    # The file changed since the client's first part (If-Range no longer matches): all of it.
    stale = client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert stale.status_code == 200
    fresh = client.get(url, headers={"Range": "bytes=0-9", "If-Range": whole["ETag"]})
    assert fresh.status_code == 206
    assert client.head(url).status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_video_range_under_asgi_reads_off_the_event_loop(video: Resource) -> None:
    try:
        response = await AsyncClient().get(
            f"/resources/{video.pk}/video/", headers={"Range": "bytes=10-4099"}
        )
        assert response.status_code == 206
        body = b"".join([chunk async for chunk in response.streaming_content])
        assert body == MP4[10:4100]
    finally:
        # The view ran in Django's sync thread: its connection must not outlive the test.
        await sync_to_async(connections.close_all)()


@pytest.mark.parametrize("state", [State.DRAFT, State.IN_REVIEW, State.RETIRED])
def test_an_unpublished_video_is_reachable_by_its_editors_only(
    video: Resource, state: str, member: Any, make_member: Any
) -> None:
    Resource.objects.filter(pk=video.pk).update(state=state)
    url = f"/resources/{video.pk}/video/"
    assert client_for().get(url).status_code == 404
    assert client_for(member).get(url).status_code == 404
    assert client_for(make_member(role="expert")).get(url).status_code == 404  # no 2FA yet
    assert verified_client(make_member(role="expert")).get(url).status_code == 200


def test_no_video_no_file_route(make_resource: Any) -> None:
    article = make_resource()
    assert client_for().get(f"/resources/{article.pk}/video/").status_code == 404


def test_nginx_serves_the_file_when_configured(video: Resource, settings: Any) -> None:
    settings.MEDIA_ACCEL_REDIRECT = "/_halqa_media/"
    response = client_for().get(f"/resources/{video.pk}/video/", headers={"Range": "bytes=0-9"})
    assert response.status_code == 200  # nginx answers the range itself
    assert response["X-Accel-Redirect"] == f"/_halqa_media/{video.video.name}"
    assert response["Content-Type"] == "video/mp4"
    assert response.content == b""


def test_api_detail_gives_the_video_address(video: Resource) -> None:
    body = api_client().get(f"/api/resources/{video.pk}").json()
    assert body["video_url"] == f"/resources/{video.pk}/video/"
    assert body["external_url"] is None


def test_missing_file_is_a_404_not_a_500(video: Resource, media_root: Path) -> None:
    os.remove(media_root / video.video.name)
    assert client_for().get(f"/resources/{video.pk}/video/").status_code == 404


class _Connection:
    def __init__(self, atomic: bool) -> None:
        self.in_atomic_block = atomic
        self.closed = False

    def close(self) -> None:
        self.closed = True


class _Connections:
    def __init__(self, *held: _Connection) -> None:
        self.held = held

    def all(self, initialized_only: bool = False) -> tuple[_Connection, ...]:
        return self.held


@pytest.mark.asyncio
async def test_streaming_gives_back_the_database_connection_first(
    tmp_path: Any, monkeypatch: Any
) -> None:
    """A pooled PostgreSQL connection must not be held while a member watches a video: the
    request's connections are closed (given back to the pool) before the first chunk, except
    one inside a transaction."""
    from halqa.resources import media

    path = tmp_path / "v.mp4"
    path.write_bytes(MP4)
    free, atomic = _Connection(atomic=False), _Connection(atomic=True)
    monkeypatch.setattr(media, "connections", _Connections(free, atomic))
    chunks = media._read_async(str(path), 0, 10)
    assert await anext(chunks) == MP4[:10]
    assert free.closed
    assert not atomic.closed
    await chunks.aclose()
