import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from halqa.accounts.models import User
from halqa.safety.actions import mark_helpline_checked
from halqa.safety.enums import HelplineStatus
from halqa.safety.models import Helpline
from halqa.safety.queries import countries_with_help, helplines_for

TODAY = timezone.localdate()
RECENT = TODAY - datetime.timedelta(days=30)
STALE = TODAY - datetime.timedelta(days=400)

S = HelplineStatus
RULES = [
    (S.CORROBORATED, None, True),
    (S.CORROBORATED, RECENT, True),
    (S.CORROBORATED, STALE, True),
    (S.SINGLE_SOURCE, None, False),
    (S.SINGLE_SOURCE, RECENT, True),
    (S.SINGLE_SOURCE, STALE, False),
    (S.CONFLICT, None, False),
    (S.CONFLICT, RECENT, True),
    (S.CONFLICT, STALE, False),
    (S.DO_NOT_DISPLAY, None, False),
    (S.DO_NOT_DISPLAY, RECENT, True),
    (S.DO_NOT_DISPLAY, STALE, False),
]


@pytest.mark.parametrize(("status", "checked_at", "shown"), RULES)
def test_helpline_shown_rule(
    status: HelplineStatus, checked_at: datetime.date | None, shown: bool
) -> None:
    assert Helpline(status=status, checked_at=checked_at).shown(today=TODAY) is shown


def test_helpline_shown_check_exactly_twelve_months_old_still_counts() -> None:
    # `today` given both times: TODAY was read at import, and a run that crosses midnight
    # would otherwise compare against tomorrow.
    line = Helpline(status=S.SINGLE_SOURCE, checked_at=TODAY - datetime.timedelta(days=365))
    assert line.shown(today=TODAY)
    assert not line.shown(today=TODAY + datetime.timedelta(days=1))


@pytest.mark.django_db
def test_helplines_for_shipped_data_shows_only_corroborated() -> None:
    assert [line.phone for line in helplines_for("LB")] == ["1564"]
    assert helplines_for("PS") == []
    assert helplines_for("SA") == []
    assert [line.phone for line in helplines_for("EG")] == ["0800 888 0700; 02 2081 6831", "16023"]


@pytest.mark.django_db
def test_helplines_for_orders_corroborated_first(make_helpline: Callable[..., Helpline]) -> None:
    single = make_helpline(status=S.SINGLE_SOURCE, checked_at=RECENT, phone="1")
    corroborated = make_helpline(phone="2")
    assert helplines_for("XA") == [corroborated, single]


@pytest.mark.django_db
def test_countries_with_help_lists_emergency_and_helpline_countries(
    make_helpline: Callable[..., Helpline],
) -> None:
    make_helpline(country_code="NZ")
    make_helpline(country_code="JP", status=S.SINGLE_SOURCE)
    codes = countries_with_help()
    assert {"SA", "EG", "LY", "US", "NZ"} <= set(codes)
    assert "JP" not in codes


@pytest.mark.django_db
def test_mark_helpline_checked_records_date_and_operator(operator: User) -> None:
    line = Helpline.objects.get(country_code="SA", phone="937")
    assert not line.shown()
    mark_helpline_checked(helpline=line, operator=operator, note="  called, answered  ")
    line.refresh_from_db()
    assert (line.checked_at, line.checked_by, line.check_note) == (
        TODAY,
        operator,
        "called, answered",
    )
    assert line in helplines_for("SA")


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.CONFLICT, S.DO_NOT_DISPLAY])
def test_mark_helpline_checked_needs_a_note_to_resolve(
    make_helpline: Callable[..., Helpline], operator: User, status: HelplineStatus
) -> None:
    line = make_helpline(status=status)
    with pytest.raises(ValidationError):
        mark_helpline_checked(helpline=line, operator=operator, note="   ")
    line.refresh_from_db()
    assert line.checked_at is None


@pytest.mark.parametrize(
    ("phone", "targets"),
    [
        ("1564", ["tel:1564"]),
        ("800 4673 (800-HOPE)", ["tel:8004673"]),
        ("0800 888 0700; 02 2081 6831", ["tel:08008880700", "tel:0220816831"]),
        ("+965 9400 0463 (police community service dept)", ["tel:+96594000463"]),
        ("", []),
        ("call the front desk", []),
    ],
)
def test_helpline_phones_parses_source_spelling(phone: str, targets: list[str]) -> None:
    assert [dial.target for dial in Helpline(phone=phone).phones()] == targets


@pytest.mark.parametrize(
    ("sms", "target"),
    [
        ("text HOME to 741741", "sms:741741?body=HOME"),
        ("988", "sms:988"),
        ("WhatsApp on the same number (per The National)", None),
    ],
)
def test_helpline_text_line(sms: str, target: str | None) -> None:
    dial = Helpline(sms=sms).text_line()
    assert (dial.target if dial else None) == target
