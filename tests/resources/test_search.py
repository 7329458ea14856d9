"""Search: Arabic and English matching, ranking, highlighting, filters, and who sees what."""

from __future__ import annotations

from typing import Any

import pytest

from halqa.resources.enums import Kind, State
from halqa.resources.search import Filters, search
from halqa.resources.text import query_groups, variants, words


@pytest.mark.parametrize(
    ("written", "stem"),
    [
        ("القلق", "قلق"),
        ("قلق", "قلق"),
        ("بالقلق", "قلق"),
        ("وللقلق", "قلق"),
        ("بقلق", "قلق"),
        ("القلقُ", "قلق"),
        ("قلـــق", "قلق"),
        ("الأرق", "ارق"),
        ("نوبات", "نوب"),
        ("نوبة", "نوب"),
        ("ذكريات", "ذكر"),
        ("فقدان", "فقد"),
        ("breathing", "breath"),
        ("Breathe", "breath"),
        ("٥", "5"),
    ],
)
def test_variants_meet_at_one_stem(written: str, stem: str) -> None:
    assert stem in {s for word in words(written) for s in variants(word)}


def test_query_groups_drop_stop_words() -> None:
    assert query_groups("how do I sleep when I am anxious") == [("sleep",), ("anxious",)]
    assert query_groups("في الليل") == [("ليل",)]


def test_search_finds_arabic_word_with_prefixes(make_resource: Any) -> None:
    anxiety = make_resource(title="كيف تتعامل مع القلق", language="ar", body="تمارين للقلق")
    make_resource(title="النوم الهادئ", language="ar", body="عادات النوم")
    for query in ("قلق", "بالقلق", "وللقلق", "القلق"):
        hits = search(query).hits
        assert [hit.resource for hit in hits] == [anxiety], query


def test_search_ranks_title_matches_first(make_resource: Any) -> None:
    in_body = make_resource(title="Evening routine", body="Sleep comes easier after a walk.")
    in_title = make_resource(title="Sleep better tonight", body="A calm evening helps.")
    assert [hit.resource for hit in search("sleeping").hits] == [in_title, in_body]


def test_search_highlights_escaped_matches(make_resource: Any) -> None:
    make_resource(title="<b>Panic</b> attacks", body="What a panic attack feels like.")
    hit = search("panic").hits[0]
    assert str(hit.title) == "&lt;b&gt;<mark>Panic</mark>&lt;/b&gt; attacks"
    assert "<mark>panic</mark>" in str(hit.snippet)


def test_search_filters_by_kind_language_and_topic(make_resource: Any) -> None:
    make_resource(title="Grounding for anxiety", kind=Kind.ARTICLE, topics=["anxiety"])
    exercise = make_resource(
        title="Grounding exercise", kind=Kind.EXERCISE, steps=["Look around."], topics=["panic"]
    )
    assert [h.resource for h in search("grounding", filters=Filters(kind="exercise")).hits] == [
        exercise
    ]
    assert [h.resource for h in search("grounding", filters=Filters(topic="panic")).hits] == [
        exercise
    ]
    assert search("grounding", filters=Filters(language="ar")).hits == []
    assert len(search("grounding", filters=Filters(kind="nonsense")).hits) == 2


def test_search_falls_back_to_any_word(make_resource: Any) -> None:
    sleep = make_resource(title="Sleep hygiene")
    assert [h.resource for h in search("sleep elephants").hits] == [sleep]


def test_drafts_and_retired_resources_are_never_found(make_resource: Any) -> None:
    make_resource(title="Draft about worry", state=State.DRAFT)
    make_resource(title="Review about worry", state=State.IN_REVIEW)
    make_resource(title="Retired about worry", state=State.RETIRED)
    assert search("worry").hits == []


def test_search_paginates(make_resource: Any) -> None:
    for n in range(12):
        make_resource(title=f"Breathing {n}")
    first, second = search("breathing"), search("breathing", page=2)
    assert len(first.hits) == 10
    assert first.has_next
    assert len(second.hits) == 2
    assert not second.has_next
    assert search("breathing", page="x").page == 1


def test_empty_or_symbol_query_finds_nothing(make_resource: Any) -> None:
    make_resource(title="Anything")
    assert search("").hits == []
    assert search('" OR * ) (').hits == []
    assert search("the and of").hits == []


def test_highlight_keeps_arabic_marks_inside_the_word() -> None:
    from halqa.resources.highlight import highlight
    from halqa.resources.text import stems_of

    marked = highlight("التنفّس الهادئ وقلـــق", stems_of("تنفس قلق"))
    assert str(marked) == "<mark>التنفّس</mark> الهادئ <mark>وقلـــق</mark>"


def test_filters_find_matches_beyond_the_best_candidates(
    make_resource: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from halqa.resources import search as module

    monkeypatch.setattr(module, "CANDIDATES", 2)
    for n in range(4):
        make_resource(title=f"Stress stress {n}", language="en")
    arabic = make_resource(title="stress", language="ar", body="ضغط")
    hits = search("stress", filters=Filters(language="ar")).hits
    assert [hit.resource for hit in hits] == [arabic]
