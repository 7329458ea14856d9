"""Countries a member may pick (ISO 3166 alpha-2), named in the member's language by Babel.

The country is only used to show that country's crisis helplines, so it is optional.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

# The 22 members of the Arab League come first in every list.
ARAB_LEAGUE = (
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR",
    "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE",
)  # fmt: skip
# CLDR codes that are not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})
# CLDR calls it "Palestinian Territories"; members expect the common name.
_OVERRIDES = {"ar": {"PS": "فلسطين"}, "en": {"PS": "Palestine"}}


@cache
def country_names(language: str) -> dict[str, str]:
    """Code → localised name, for every country Babel knows."""
    territories = Locale.parse(language).territories
    names = {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }
    names.update(_OVERRIDES.get(language, {}))
    return names


def is_country(code: str) -> bool:
    return code in country_names("en")


@cache
def country_choices(language: str) -> tuple[tuple[str, str], ...]:
    """Arab League countries first, then the rest, each part sorted by its localised name."""
    names = country_names(language)
    first = sorted(ARAB_LEAGUE, key=lambda code: names[code])
    rest = sorted((c for c in names if c not in ARAB_LEAGUE), key=lambda code: names[code])
    return tuple((code, names[code]) for code in [*first, *rest])


def country_name(code: str, language: str) -> str:
    return country_names(language).get(code, code)
