"""Moderation hours: parsing, overnight windows, time zones, and what is published."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from halqa.safety.hours import is_moderated_now, parse_hours, published_hours

UTC = datetime.UTC


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, 24, hour, minute, tzinfo=UTC)


@override_settings(MODERATION_HOURS="09:00-21:00", MODERATION_TIME_ZONE="UTC")
def test_is_moderated_now_inside_and_outside_the_day_window() -> None:
    assert is_moderated_now(at(9))
    assert is_moderated_now(at(20, 59))
    assert not is_moderated_now(at(21))
    assert not is_moderated_now(at(3))


@override_settings(MODERATION_HOURS="20:00-08:00", MODERATION_TIME_ZONE="UTC")
def test_is_moderated_now_overnight_window() -> None:
    assert is_moderated_now(at(23))
    assert is_moderated_now(at(7, 59))
    assert not is_moderated_now(at(12))


@override_settings(MODERATION_HOURS="09:00-21:00", MODERATION_TIME_ZONE="Asia/Amman")
def test_is_moderated_now_reads_hours_in_the_configured_zone() -> None:
    # Amman is UTC+3: 07:00 UTC is 10:00 there, 19:00 UTC is 22:00 there.
    assert is_moderated_now(at(7))
    assert not is_moderated_now(at(19))


@override_settings(MODERATION_HOURS="")
def test_is_moderated_now_without_hours_is_around_the_clock() -> None:
    assert is_moderated_now(at(3))
    assert published_hours() is None


@override_settings(MODERATION_HOURS="9:00-21:30", MODERATION_TIME_ZONE="Asia/Amman")
def test_published_hours_names_start_end_and_zone() -> None:
    assert published_hours() == {"start": "09:00", "end": "21:30", "zone": "Asia/Amman"}


@pytest.mark.parametrize("text", ["9-21", "25:00-21:00", "09:00-09:00", "nine to five"])
def test_parse_hours_refuses_bad_values(text: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_hours(text)


def test_parse_hours_refuses_an_unknown_zone() -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_hours("09:00-21:00", "Mars/Olympus")


@override_settings(MODERATION_HOURS="09:00-21:00", MODERATION_TIME_ZONE="Asia/Amman")
@pytest.mark.parametrize("language", ["ar", "en"])
def test_hours_are_published_on_the_crisis_page_and_group_pages(
    client: Any, make_group: Any, language: str
) -> None:
    from django.urls import reverse

    client.cookies["halqa_language"] = language
    group = make_group()
    for url in (reverse("safety:crisis"), reverse("groups:group", args=[group.slug])):
        page = client.get(url).content.decode()
        assert 'class="card moderation-hours"' in page
        assert "09:00" in page
        assert "21:00" in page
        assert "Asia/Amman" in page


@override_settings(MODERATION_HOURS="")
def test_no_hours_note_when_moderated_around_the_clock(client: Any, db: None) -> None:
    from django.urls import reverse

    assert "moderation-hours" not in client.get(reverse("safety:crisis")).content.decode()


@override_settings(MODERATION_HOURS="nine to five")
def test_system_check_names_a_bad_setting() -> None:
    from halqa.safety.apps import check_moderation_hours

    [error] = check_moderation_hours()
    assert error.id == "safety.E001"
    assert "HALQA_MODERATION_HOURS" in error.msg
