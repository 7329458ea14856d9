"""The crisis card shown after a post: the member's country, else the site's default."""

import pytest

from halqa.safety.actions import import_emergency_numbers
from halqa.safety.queries import crisis_card_for, home_country

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("member_country", "default", "expected"),
    [("EG", "JO", "EG"), ("", "JO", "JO"), ("", "", None), ("ZZ", "LB", "LB")],
)
def test_home_country_prefers_the_member_then_the_site(
    make_member, settings, member_country, default, expected
):
    settings.DEFAULT_COUNTRY = default
    assert home_country(make_member(country=member_country)) == expected


def test_crisis_card_falls_back_to_the_site_default_country(make_member, settings):
    import_emergency_numbers()
    settings.DEFAULT_COUNTRY = "EG"
    card = crisis_card_for(make_member(country=""))
    assert "123" in [number.number for number in card["emergency_numbers"]]
    assert len(card["helplines"]) <= 3


def test_crisis_card_without_any_country_is_empty_not_an_error(make_member, settings):
    settings.DEFAULT_COUNTRY = ""
    assert crisis_card_for(make_member()) == {"helplines": [], "emergency_numbers": []}
