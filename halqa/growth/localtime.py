"""Members' local days and times: streaks, check-ins and reminders follow the member's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.utils import timezone

from halqa.accounts.models import User

# One zone per country, for the countries Halqa is mostly used in; the member can change it.
COUNTRY_ZONES = {
    "AE": "Asia/Dubai",
    "BH": "Asia/Bahrain",
    "DZ": "Africa/Algiers",
    "EG": "Africa/Cairo",
    "GB": "Europe/London",
    "IQ": "Asia/Baghdad",
    "JO": "Asia/Amman",
    "KW": "Asia/Kuwait",
    "LB": "Asia/Beirut",
    "LY": "Africa/Tripoli",
    "MA": "Africa/Casablanca",
    "MR": "Africa/Nouakchott",
    "OM": "Asia/Muscat",
    "PS": "Asia/Hebron",
    "QA": "Asia/Qatar",
    "SA": "Asia/Riyadh",
    "SD": "Africa/Khartoum",
    "SO": "Africa/Mogadishu",
    "SY": "Asia/Damascus",
    "TN": "Africa/Tunis",
    "YE": "Asia/Aden",
    "DE": "Europe/Berlin",
    "FR": "Europe/Paris",
    "NL": "Europe/Amsterdam",
    "SE": "Europe/Stockholm",
    "TR": "Europe/Istanbul",
    "US": "America/New_York",
    "CA": "America/Toronto",
}


def default_zone_name(country: str) -> str:
    return COUNTRY_ZONES.get((country or "").upper(), settings.TIME_ZONE)


@cache
def valid_zone_names() -> list[str]:
    """Region/City zones (no bare abbreviations or Etc/ offsets), read from tzdata once."""
    return sorted(name for name in available_timezones() if "/" in name and "Etc" not in name)


def zone_of(user: User) -> ZoneInfo:
    """The member's zone: their own setting, else their country's (read without writing)."""
    from halqa.growth.models import GrowthSettings

    row = GrowthSettings.objects.filter(user=user).first()
    return ZoneInfo(row.time_zone if row else default_zone_name(user.country))


def local_today(zone: ZoneInfo, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone).date()


def at_local(day: date, moment: time, zone: ZoneInfo) -> datetime:
    """`day` at `moment` on the member's clock, as an aware datetime in UTC.

    A time skipped by a DST change (01:30 in London on the last Sunday of March) is read
    with the offset before the change, so it lands just after it (02:30); a time that
    happens twice (in October) is its first occurrence: zoneinfo's fold=0 does both.
    """
    # In UTC at once: Python never finds two datetimes equal across zones around a DST change.
    return datetime.combine(day, moment, tzinfo=zone).astimezone(UTC)


def week_start(day: date) -> date:
    """Weeks run Monday to Sunday (ISO weeks), in every language."""
    return day - timedelta(days=day.weekday())
