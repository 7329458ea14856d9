"""Moderation hours (HALQA_MODERATION_HOURS): when moderators are on duty, published to members.

Outside them urgent cases go straight to the on-call list, and the moderation app applies its
out-of-hours safeguards (it asks `is_moderated_now()`).
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class Hours:
    """A daily window; `end` before `start` means it runs past midnight."""

    start: datetime.time
    end: datetime.time
    zone: zoneinfo.ZoneInfo

    def contains(self, moment: datetime.datetime) -> bool:
        local = moment.astimezone(self.zone).time()
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


def parse_hours(text: str, zone_name: str = "UTC") -> Hours | None:
    """`"09:00-21:00"` as Hours; None for an empty text (moderated around the clock)."""
    if not text.strip():
        return None
    match = _RANGE.match(text)
    if not match:
        raise ImproperlyConfigured(
            f"HALQA_MODERATION_HOURS must look like 09:00-21:00, not {text!r}"
        )
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    try:
        start, end = datetime.time(h1, m1), datetime.time(h2, m2)
    except ValueError:
        raise ImproperlyConfigured(
            f"HALQA_MODERATION_HOURS has an impossible time: {text!r}"
        ) from None
    if start == end:
        raise ImproperlyConfigured("HALQA_MODERATION_HOURS must not start and end at the same time")
    return Hours(start=start, end=end, zone=_zone(zone_name))


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"HALQA_MODERATION_TIME_ZONE is not a known time zone: {name!r}"
        ) from None


def moderation_hours() -> Hours | None:
    """The configured window; None when the site is moderated around the clock."""
    return parse_hours(settings.MODERATION_HOURS, settings.MODERATION_TIME_ZONE)


def is_moderated_now(now: datetime.datetime | None = None) -> bool:
    """Whether moderators are on duty at `now` (default: this moment)."""
    hours = moderation_hours()
    return hours is None or hours.contains(now or timezone.now())


def published_hours() -> dict[str, str] | None:
    """What the crisis and group pages show: start, end and zone as text; None if 24 hours."""
    hours = moderation_hours()
    if hours is None:
        return None
    return {
        "start": hours.start.strftime("%H:%M"),
        "end": hours.end.strftime("%H:%M"),
        "zone": str(hours.zone),
    }
