"""The screening record on the case page: values in words, rules said, model features quoted."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from halqa.conversations.publish import prepare_message
from halqa.moderation import explain
from halqa.moderation.cases import open_case
from halqa.moderation.enums import CaseKind

RECORD = {
    "model_version": "screening-abc",
    "language": "ar",
    "script": "arabizi",
    "abuse": 0.8512,
    "abuse_label": "abusive",
    "crisis": "plan",
    "crisis_probability": 0.0571,
    "personal_data": [["phone", 3, 13], ["email", 20, 31], ["phone", 40, 50], ["url", 52, 60]],
    "signals": [
        ["lexicon", "abuse:insult", 1.0],
        ["lexicon", "abuse:aimed", 1.0],
        ["rule", "crisis:plan:method", 1.0],
        ["rule", "crisis:plan:preparation", 1.0],
        ["rule", "crisis:guarded:ideation_ar", 1.0],
        ["rule", "crisis:recovery:recovery", 1.0],
        ["model", "abuse:«r|aimed»", 2.4],
        ["model", "abuse:«w|حمار»", 0.4],
        ["model", "abuse:«t|ar»", 0.3],
        ["model", "crisis:« ن»", 0.27],
        ["model", "crisis:«b|كل شي»", 0.2],
        ["rule", "crisis:unknown_group:x", 1.0],
        "not a signal",
    ],
    "policy": {"level": "held"},
}


def test_rows_name_each_value_in_the_moderators_language() -> None:
    with translation.override("en"):
        rows = dict(explain.rows(RECORD))
    assert rows == {
        "Crisis level": "A plan, means or time",
        "Crisis score (thoughts or plan)": "6%",
        "Abuse": "Abusive",
        "Abuse score": "85%",
        "Personal data": "e-mail address, link, phone number",
        "Language": "Arabic",
        "Script": "Arabizi (Arabic in Latin letters)",
        "Model": "screening-abc",
    }
    with translation.override("ar"):
        rows = dict(explain.rows(RECORD))
    assert "مستوى الأزمة" in rows
    assert rows["مستوى الأزمة"] != "plan"
    assert rows["الإساءة"] == "مسيئة"


def test_reasons_say_each_rule_once_and_quote_model_features() -> None:
    with translation.override("en"):
        reasons = explain.reasons(RECORD)
    texts = [r.text for r in reasons]
    assert texts[:6] == [
        "An insult",
        "Said to someone",
        "Names a method or means",
        "Speaks of preparing or of goodbyes",
        "Words of wanting to die, told as the past, as an idiom or about someone else "
        "(they did not raise the score)",
        "Tells of a crisis that has passed",
    ]
    quotes = {r.text: r.quotes for r in reasons if r.quotes}
    # Rule and language tags are not words of the message; n-grams and word pairs are.
    assert quotes == {
        "Weighed most for abuse": ("حمار",),
        "Weighed most for the crisis level": ("ن", "كل شي"),
    }


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "text",
        [],
        {"signals": "x"},
        {"crisis": 3},
        {"abuse": float("nan"), "crisis_probability": float("inf")},
        {"personal_data": "phone", "signals": [["model"], ["model", "crisis:«»"], [None, None]]},
    ],
)
def test_a_broken_record_shows_nothing_rather_than_failing(bad: Any) -> None:
    assert explain.rows(bad) == []
    assert explain.reasons(bad) == []


@pytest.mark.django_db
def test_case_page_shows_why_a_real_screening_held_a_message(
    make_group: Any, make_post: Any, moderator: Any, staff_client: Any
) -> None:
    post = make_post(make_group(), body="يا حمار يا كلب يا حقير")
    verdict = prepare_message(author=post.author, body=post.body, rate_limited=False)
    post.screening = verdict.record
    post.save(update_fields=["screening"])
    case = open_case(kind=CaseKind.ABUSE, subject=post.author, reason="screening", post=post)
    html = staff_client(moderator).get(f"/moderation/cases/{case.pk}/").content.decode()
    for words in ("Why", "An insult", "Said to someone"):
        assert words in html
    # The words the model weighed are message text: folded like the message itself.
    assert '<details class="model-words"><summary>Show the words</summary>«<bdi>' in html
    assert "abuse_label" not in html
