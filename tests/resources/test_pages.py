"""Library pages: browsing, drafts hidden, the exercise stepper, the leaving notice, saving,
rating, authoring and review."""

from __future__ import annotations

from typing import Any

import pytest

from halqa.resources.enums import Kind, State
from halqa.resources.models import Rating, Resource, SavedResource
from tests.groups.conftest import client_for, verified_client


@pytest.fixture
def exercise(make_resource: Any) -> Resource:
    steps = ["Breathe in for four.", "Hold for four.", "Breathe out for six."]
    resource: Resource = make_resource(title="Calm breathing", kind=Kind.EXERCISE, steps=steps)
    return resource


def test_library_lists_published_resources_only(make_resource: Any, member: Any) -> None:
    make_resource(title="Published guide")
    make_resource(title="Secret draft", state=State.DRAFT)
    page = client_for(member).get("/resources/").content.decode()
    assert "Published guide" in page
    assert "Secret draft" not in page


def test_library_search_marks_matches(make_resource: Any) -> None:
    make_resource(title="Grief and mourning", language="ar")
    page = client_for().get("/resources/", {"q": "grief"}).content.decode()
    assert "<mark>Grief</mark>" in page


def test_library_bad_filters_are_ignored(make_resource: Any) -> None:
    make_resource(title="Still listed")
    response = client_for().get("/resources/", {"kind": "x" * 300, "page": "-1", "topic": "nope"})
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


@pytest.mark.parametrize("state", [State.DRAFT, State.IN_REVIEW, State.RETIRED])
def test_members_never_open_unpublished_resources(
    make_resource: Any, member: Any, state: str
) -> None:
    resource = make_resource(state=state)
    assert client_for(member).get(f"/resources/{resource.pk}/").status_code == 404
    assert client_for().get(f"/resources/{resource.pk}/").status_code == 404


def test_exercise_steps_through_without_javascript(exercise: Resource) -> None:
    client = client_for()
    assert "3 steps" in client.get(f"/resources/{exercise.pk}/").content.decode()
    second = client.get(f"/resources/{exercise.pk}/", {"step": "2"}).content.decode()
    assert "Step 2 of 3" in second
    assert "Hold for four." in second
    assert "Breathe in for four." not in second
    end = client.get(f"/resources/{exercise.pk}/", {"step": "99"}).content.decode()
    assert "Well done" in end
    assert client.get(f"/resources/{exercise.pk}/", {"step": "abc"}).status_code == 200


def test_exercise_step_over_htmx_is_the_stepper_alone(exercise: Resource) -> None:
    response = client_for().get(f"/resources/{exercise.pk}/?step=1", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="stepper"')
    assert "<html" not in body


def test_external_link_goes_through_the_leaving_notice(make_resource: Any) -> None:
    link = make_resource(
        kind=Kind.LINK, url="https://www.nhs.uk/every-mind-matters/", title="Every Mind Matters"
    )
    detail = client_for().get(f"/resources/{link.pk}/").content.decode()
    assert "https://www.nhs.uk" not in detail
    assert f"/resources/{link.pk}/leave/" in detail
    notice = client_for().get(f"/resources/{link.pk}/leave/").content.decode()
    assert "You are leaving Halqa" in notice
    assert "nhs.uk" in notice
    assert 'rel="noopener noreferrer nofollow"' in notice


def test_article_markdown_is_rendered_safely(make_resource: Any) -> None:
    article = make_resource(
        body="**Bold** <script>alert(1)</script> ![x](https://evil.example/a.png)"
    )
    page = client_for().get(f"/resources/{article.pk}/").content.decode()
    assert "<strong>Bold</strong>" in page
    assert "<script>alert" not in page
    assert "<img" not in page


def test_member_saves_and_removes_a_resource(make_resource: Any, member: Any) -> None:
    resource = make_resource(title="Worth keeping")
    client = client_for(member)
    client.post(f"/resources/{resource.pk}/save/")
    assert "Worth keeping" in client.get("/resources/mine/").content.decode()
    client.post(f"/resources/{resource.pk}/save/", {"action": "remove"})
    assert not SavedResource.objects.filter(user=member).exists()


def test_rating_is_private_and_moves_helpfulness(make_resource: Any, member: Any) -> None:
    resource = make_resource()
    client = client_for(member)
    assert client.post(f"/resources/{resource.pk}/rate/", {"score": "5"}).status_code == 302
    assert client.post(f"/resources/{resource.pk}/rate/", {"score": "9"}).status_code == 400
    resource.refresh_from_db()
    assert Rating.objects.get(user=member).score == 5
    assert resource.helpfulness > 0.5


def test_members_cannot_author(member: Any) -> None:
    assert client_for(member).get("/resources/new/").status_code == 404


def test_expert_writes_and_another_expert_reviews(
    make_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    author, reviewer = make_member(role="expert"), make_member(role="expert")
    writer = verified_client(author)
    form = {
        "kind": "exercise", "language": "en", "title": "Box breathing", "summary": "Four sides.",
        "minutes": "3", "topics": ["anxiety"], "steps_text": "In for four.\n\nHold for four.",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert writer.post("/resources/new/", form).status_code == 302
    resource = Resource.objects.get(title="Box breathing")
    assert resource.steps == ["In for four.", "Hold for four."]
    writer.post(f"/resources/{resource.pk}/submit/")
    writer.post(f"/resources/{resource.pk}/publish/")  # the author cannot approve it
    resource.refresh_from_db()
    assert resource.state == State.IN_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        verified_client(reviewer).post(f"/resources/{resource.pk}/publish/")
    resource.refresh_from_db()
    assert resource.state == State.PUBLISHED
    assert resource.reviewed_by == reviewer
    assert "Box" in client_for().get("/resources/", {"q": "breathing"}).content.decode()


def test_resource_form_keeps_what_was_typed(make_member: Any) -> None:
    client = verified_client(make_member(role="operator"))
    response = client.post("/resources/new/", {"kind": "link", "title": "Kept title"})
    assert response.status_code == 400
    assert 'value="Kept title"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "label", "help_text"),
    [
        ("en", "Article text or video description", "Articles: the whole article."),
        ("ar", "نص المقال أو وصف الفيديو", "المقالات: نص المقال كاملًا."),
    ],
)
def test_resource_form_labels_its_text_field(
    make_member: Any, language: str, label: str, help_text: str
) -> None:
    """The Markdown field has a real label and says what goes in it, in both languages (it
    showed the bare model name "text")."""
    client = verified_client(make_member(role="operator"), language=language)
    html = client.get("/resources/new/").content.decode()
    assert f'<label for="id_body">{label}:</label>' in html
    assert help_text in html
    assert 'aria-describedby="id_body_helptext"' in html
    assert '<label for="id_body">Text:</label>' not in html


def test_export_holds_saved_and_rated(make_resource: Any, member: Any) -> None:
    from halqa.resources.actions import rate, save_resource
    from halqa.resources.export import export_resources

    resource = make_resource(title="Kept")
    save_resource(user=member, resource=resource)
    rate(user=member, resource=resource, score=3)
    exported = export_resources(member)
    assert exported["saved"][0]["resource"] == "Kept"
    assert exported["ratings"][0]["score"] == 3


def test_arabic_page_uses_arabic_plural_forms(make_resource: Any) -> None:
    make_resource(title="تمرين", language="ar", minutes=3)
    make_resource(title="مقال", language="ar", minutes=2)
    page = client_for(language="ar").get("/resources/").content.decode()
    assert "3 دقائق" in page
    assert "دقيقتان" in page


def test_library_and_search_pages_query_count_does_not_grow(
    make_resource: Any, member: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(member)
    for n in range(3):
        make_resource(title=f"Calm {n}")
    client.get("/resources/")  # warm the session
    with django_assert_max_num_queries(14) as few:
        client.get("/resources/")
        client.get("/resources/", {"q": "calm"})
    for n in range(3, 12):
        make_resource(title=f"Calm {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/resources/")
        client.get("/resources/", {"q": "calm"})


def test_unpublished_resources_need_an_editor_with_two_factor(
    make_resource: Any, make_member: Any
) -> None:
    expert = make_member(role="expert")
    draft = make_resource(state=State.DRAFT)
    assert client_for(expert).get(f"/resources/{draft.pk}/").status_code == 404
    assert verified_client(expert).get(f"/resources/{draft.pk}/").status_code == 200


def test_editing_a_resource_saves_the_change(
    make_resource: Any, make_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    resource = make_resource(title="Old title", topics=["sleep"])
    client = verified_client(make_member(role="operator"))
    form = {
        "kind": "article", "language": "en", "title": "New title", "summary": "A short summary.",
        "body": "Some helpful text.", "minutes": "5", "topics": ["sleep"],
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/resources/{resource.pk}/edit/", form).status_code == 302
    resource.refresh_from_db()
    assert resource.title == "New title"
    assert "New" in client_for().get("/resources/", {"q": "new title"}).content.decode()
