import pytest
from django.core.exceptions import ValidationError

from halqa.conversations.publish import MAX_LENGTH, clean_body, prepare_message
from halqa.screening import CrisisLevel


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  hello  ", "hello"),
        ("line one\r\nline two", "line one\nline two"),
        ("a\x00b\x07c", "abc"),
        ("مرحبا\u200f", "مرحبا\u200f"),  # bidi marks are formatting, not control: kept
    ],
)
def test_clean_body_normalises_text(raw, clean):
    assert clean_body(raw) == clean


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01", "\n\n"])
def test_clean_body_refuses_empty_text(raw):
    with pytest.raises(ValidationError) as caught:
        clean_body(raw)
    assert caught.value.error_dict["body"][0].code == "empty"


def test_clean_body_refuses_text_over_the_limit():
    with pytest.raises(ValidationError) as caught:
        clean_body("ا" * (MAX_LENGTH + 1))
    assert caught.value.error_dict["body"][0].code == "too_long"


@pytest.mark.django_db
def test_prepare_message_screens_and_records_without_text(make_member):
    author = make_member(language="ar")
    verdict = prepare_message(author=author, body="ياريت أنام وما أصحى، تعبت من كل شي")
    assert verdict.crisis in (CrisisLevel.IDEATION, CrisisLevel.PLAN)
    assert verdict.needs_crisis_help
    record = verdict.record
    assert record["model_version"]
    assert "أصحى" not in str(record)  # the record holds labels and scores, not the message


@pytest.mark.django_db
def test_prepare_message_passes_ordinary_support(make_member):
    verdict = prepare_message(author=make_member(), body="Thank you all, today was a bit better.")
    assert verdict.crisis == CrisisLevel.NONE
    assert not verdict.needs_crisis_help


def _mute(user):
    from datetime import timedelta

    from django.utils import timezone

    from halqa.moderation.enums import SanctionKind
    from halqa.moderation.models import Sanction

    now = timezone.now()
    Sanction.objects.create(
        user=user,
        kind=SanctionKind.MUTE,
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(days=1),
    )


@pytest.mark.django_db
def test_prepare_message_refuses_a_muted_author_unless_sanctions_are_off(make_member):
    """sanctions=False (a member's support thread) takes the one path: screened and judged by
    the same policy, only the mute is not applied."""
    author = make_member(language="en")
    _mute(author)
    body = "I have pills saved and tonight I will take them all to end my life"
    with pytest.raises(ValidationError) as caught:
        prepare_message(author=author, body=body)
    assert caught.value.error_dict["body"][0].code == "muted"
    verdict = prepare_message(author=author, body=body, sanctions=False, rate_limited=False)
    assert verdict.crisis == CrisisLevel.PLAN
    assert verdict.needs_crisis_help  # the policy ran: its decision is the ordinary one
    assert verdict.record["policy"]["crisis"] == "plan"
