"""Reads other apps may call: which helplines and emergency numbers to show for a country."""

from __future__ import annotations

import re
from typing import Any

import babel
import phonenumbers
from django.db.models import QuerySet
from django.utils.translation import pgettext
from phonenumbers import shortnumberinfo

from halqa.safety.enums import EmergencyService
from halqa.safety.models import EmergencyNumber, Helpline

_CODE = re.compile(r"^[A-Z]{2}$")
FALLBACK_SOURCE = (
    f"libphonenumber short-number metadata (phonenumbers {phonenumbers.__version__}), "
    "emergency category"
)


def normalise_country(value: object) -> str | None:
    """An upper-case ISO 3166-1 alpha-2 code libphonenumber knows, else None."""
    code = str(value or "").strip().upper()[:3]
    if _CODE.match(code) and code in phonenumbers.SUPPORTED_REGIONS:
        return code
    return None


def helplines_for(country: str) -> list[Helpline]:
    """The entries shown for `country` (see Helpline.shown), corroborated ones first."""
    entries = Helpline.objects.filter(country_code=country).select_related("checked_by")
    shown = [entry for entry in entries if entry.shown()]
    return sorted(shown, key=lambda entry: (entry.status != "corroborated", entry.id))


def emergency_numbers_for(country: str) -> list[EmergencyNumber]:
    """The country's emergency numbers; else 112 where libphonenumber confirms it; else []."""
    numbers = list(EmergencyNumber.objects.filter(country_code=country))
    if numbers or not normalise_country(country):
        return numbers
    if shortnumberinfo.is_emergency_number("112", country):
        general = EmergencyService.GENERAL
        return [
            EmergencyNumber(
                country_code=country, number="112", service=general, source=FALLBACK_SOURCE
            )
        ]
    return []


CARD_HELPLINES = 3


def home_country(user: object) -> str | None:
    """The member's country, else the site's default (console, else HALQA_DEFAULT_COUNTRY):
    whose help a crisis card shows."""
    from halqa.console.site import default_country

    for candidate in (getattr(user, "country", ""), default_country()):
        if country := normalise_country(candidate):
            return country
    return None


def crisis_card_for(user: object) -> dict[str, list[Any]]:
    """What a crisis card shows a member: their country's emergency numbers and first helplines.

    Threads, live rooms and the API all show the same card; the crisis page shows everything.
    """
    country = home_country(user)
    if country is None:
        return {"helplines": [], "emergency_numbers": []}
    return {
        "helplines": helplines_for(country)[:CARD_HELPLINES],
        "emergency_numbers": emergency_numbers_for(country),
    }


def countries_with_help() -> list[str]:
    """Codes of the countries with an emergency number or a shown helpline."""
    codes = set(EmergencyNumber.objects.values_list("country_code", flat=True))
    codes.update(entry.country_code for entry in Helpline.objects.all() if entry.shown())
    return sorted(codes)


def all_helplines() -> QuerySet[Helpline]:
    """Every entry, for the operators' page."""
    return Helpline.objects.select_related("checked_by").order_by("country_code", "id")


def country_name(code: str, language: str) -> str:
    """The country's name in `language` (CLDR through Babel)."""
    if code == "PS":
        # CLDR says "Palestinian Territories"; members expect the name they use themselves.
        return pgettext("country name", "Palestine")
    territories = babel.Locale.parse(language).territories
    return str(territories.get(code, code))


def country_choices(language: str, also: str | None = None) -> list[tuple[str, str]]:
    """(code, localised name) for the country picker, sorted by name; `also` is added if missing."""
    codes = set(countries_with_help()) | ({also} if also else set())
    names = [(code, country_name(code, language)) for code in codes]
    return sorted(names, key=lambda pair: pair[1])
