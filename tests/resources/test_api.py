"""The resources API: list, search, detail, save, rate; drafts stay invisible."""

from __future__ import annotations

from typing import Any

from halqa.resources.enums import Kind, State
from halqa.resources.models import Rating, SavedResource
from tests.groups.conftest import api_client


def test_library_lists_published_only(make_resource: Any) -> None:
    make_resource(title="Open")
    make_resource(title="Draft", state=State.DRAFT)
    body = api_client().get("/api/resources/").json()
    assert [r["title"] for r in body["results"]] == ["Open"]


def test_search_returns_marked_hits(make_resource: Any) -> None:
    make_resource(title="التعامل مع القلق", language="ar")
    body = api_client().get("/api/resources/search", {"q": "بالقلق"}).json()
    assert body["results"][0]["title_html"] == "التعامل مع <mark>القلق</mark>"
    assert body["results"][0]["type"] == "resource"


def test_detail_hides_drafts_and_gives_external_link_to_notice(make_resource: Any) -> None:
    draft = make_resource(state=State.DRAFT)
    assert api_client().get(f"/api/resources/{draft.pk}").status_code == 404
    link = make_resource(kind=Kind.LINK, url="https://www.who.int/")
    assert api_client().get(f"/api/resources/{link.pk}").json()["external_url"] == (
        "https://www.who.int/"
    )


def test_save_and_rate_need_a_token(make_resource: Any, member: Any) -> None:
    resource = make_resource()
    assert api_client().put(f"/api/resources/{resource.pk}/saved").status_code == 401
    client = api_client(member)
    assert client.put(f"/api/resources/{resource.pk}/saved").json() == {"saved": True}
    assert [r["id"] for r in client.get("/api/resources/saved").json()["results"]] == [resource.pk]
    response = client.put(
        f"/api/resources/{resource.pk}/rating", {"score": 4}, content_type="application/json"
    )
    assert response.status_code == 204
    bad = client.put(
        f"/api/resources/{resource.pk}/rating", {"score": 7}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert Rating.objects.get(user=member).score == 4
    assert client.get(f"/api/resources/{resource.pk}").json()["my_rating"] == 4
    client.delete(f"/api/resources/{resource.pk}/saved")
    assert not SavedResource.objects.exists()


def test_search_over_api_finds_threads_only_for_readers(
    make_member: Any, make_group: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from halqa.conversations.actions import start_thread
    from halqa.groups.enums import JoinPolicy, Visibility

    inside, outside = make_member(), make_member()
    group = make_group(
        visibility=Visibility.PRIVATE, join_policy=JoinPolicy.REQUEST, members=(inside,)
    )
    with django_capture_on_commit_callbacks(execute=True):
        thread = start_thread(author=inside, group=group, title="Nightmares", body="Every night.")
    found = api_client(inside).get("/api/resources/search", {"q": "nightmare"}).json()
    assert [(r["type"], r["thread_id"]) for r in found["results"]] == [("thread", thread.pk)]
    assert (
        api_client(outside).get("/api/resources/search", {"q": "nightmare"}).json()["results"] == []
    )
    assert api_client().get("/api/resources/search", {"q": "nightmare"}).json()["results"] == []
