import json

import pytest
from phonenumbers import shortnumberinfo

from halqa.safety.actions import EMERGENCY_FILE
from halqa.safety.enums import EmergencyService
from halqa.safety.models import EmergencyNumber
from halqa.safety.queries import emergency_numbers_for

ARAB_LEAGUE = [
    "DZ",
    "BH",
    "KM",
    "DJ",
    "EG",
    "IQ",
    "JO",
    "KW",
    "LB",
    "LY",
    "MR",
    "MA",
    "OM",
    "PS",
    "QA",
    "SA",
    "SO",
    "SD",
    "SY",
    "TN",
    "AE",
    "YE",
]
OTHERS = ["US", "GB", "IE", "DE", "FR", "CA", "TR"]
ROWS = json.loads(EMERGENCY_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row['country_code']}-{row['number']}")
def test_emergency_file_every_number_confirmed_by_libphonenumber(row: dict[str, str]) -> None:
    assert shortnumberinfo.is_emergency_number(row["number"], row["country_code"])
    assert row["source"].startswith("libphonenumber short-number metadata (phonenumbers ")
    assert row["service"] in EmergencyService.values


def test_emergency_file_covers_arab_league_and_others() -> None:
    assert {row["country_code"] for row in ROWS} == set(ARAB_LEAGUE + OTHERS)


@pytest.mark.django_db
def test_emergency_numbers_loaded_by_migration_are_confirmed() -> None:
    numbers = list(EmergencyNumber.objects.all())
    assert len(numbers) == len(ROWS)
    for number in numbers:
        assert shortnumberinfo.is_emergency_number(number.number, number.country_code)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country", "expected"), [("SA", ["911"]), ("EG", ["122", "123"]), ("GB", ["999", "112"])]
)
def test_emergency_numbers_for_known_country(country: str, expected: list[str]) -> None:
    assert [number.number for number in emergency_numbers_for(country)] == expected


@pytest.mark.django_db
def test_emergency_numbers_for_falls_back_to_confirmed_112() -> None:
    assert shortnumberinfo.is_emergency_number("112", "ES")
    assert [number.number for number in emergency_numbers_for("ES")] == ["112"]


@pytest.mark.django_db
def test_emergency_numbers_for_unconfirmed_112_is_empty() -> None:
    assert not shortnumberinfo.is_emergency_number("112", "JP")
    assert emergency_numbers_for("JP") == []
    assert emergency_numbers_for("ZZ") == []
