"""At rest the journal and the safety plan are ciphertext: in the rows, and in the file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from halqa.accounts.models import User
from halqa.core import crypto
from halqa.core.encrypted import rotate_all
from halqa.growth import actions as growth_actions
from halqa.growth.localtime import local_today, zone_of
from halqa.growth.models import CheckIn, MoodEntry
from halqa.journal import actions, queries
from halqa.journal.models import Entry, SafetyPlan

pytestmark = pytest.mark.django_db

TITLE = "عنوان سري للغاية"
BODY = "كتبت اليوم عن خوفي من الامتحان"
ITEM = "أتصل بأختي سلمى عندما أشعر بالضيق"
REASON = "my daughter Amal"


def _raw_rows() -> str:
    """Every column of every journal row, as the database holds it."""
    tables = ("journal_entry", "journal_safetyplan", "journal_planlogentry")
    with connection.cursor() as cursor:
        dumped: list[str] = []
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dumped.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(dumped)


def _write(member: User) -> Entry:
    actions.save_safety_plan(owner=member, sections={"helpers": [ITEM], "reasons": [REASON]})
    return actions.create_entry(author=member, title=TITLE, body=BODY, prompt="worry")


def test_rows_hold_no_plain_text(member: User) -> None:
    _write(member)
    raw = _raw_rows()
    assert "gAAAA" in raw  # Fernet tokens are there
    for secret in (TITLE, BODY, ITEM, REASON, "worry", "Amal", "سلمى"):
        assert secret not in raw


@pytest.mark.django_db(transaction=True)
def test_the_sqlite_file_holds_no_plain_text(member: User) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the file check is for SQLite; the row check covers PostgreSQL")
    _write(member)
    data = connection.connection.serialize()  # the bytes of the database file, page by page
    assert b"gAAAA" in data
    assert member.pseudonym.encode() in data  # plain columns do show up in these bytes
    for secret in (TITLE, BODY, ITEM, REASON):
        assert secret.encode() not in data


def test_rotation_keeps_entries_readable_and_rewrites_them_with_the_new_key(
    member: User, keys: Callable[..., None]
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    keys(old)
    entry = _write(member)
    checkin, mood = _write_growth_notes(member)
    keys(new, old)  # a new key put first: old entries stay readable
    assert queries.open_entry(Entry.objects.get(pk=entry.pk)).body == BODY
    out = StringIO()
    call_command("rotate_keys", stdout=out)
    assert "journal.Entry.sealed: 1\n" in out.getvalue()
    assert "journal.SafetyPlan.sealed: 1\n" in out.getvalue()
    assert "growth.CheckIn.note_token: 1\n" in out.getvalue()  # the note-less check-in is skipped
    assert "growth.MoodEntry.note_token: 1\n" in out.getvalue()
    keys(new)  # the old key removed: everything still opens
    assert Entry.objects.get(pk=entry.pk).opened()["body"] == BODY
    assert SafetyPlan.objects.get(owner=member).opened()["helpers"] == [ITEM]
    assert CheckIn.objects.get(pk=checkin.pk).note == "walked with Salma"
    assert MoodEntry.objects.get(pk=mood.pk).note == "a heavy morning"
    keys(old)  # and the old key alone no longer does
    with pytest.raises(crypto.DecryptionError):
        Entry.objects.get(pk=entry.pk).opened()


def _write_growth_notes(member: User) -> tuple[CheckIn, MoodEntry]:
    """A check-in and a mood entry with notes, and a check-in without one (nothing to rotate)."""
    goal = growth_actions.save_goal(
        owner=member,
        goal=None,
        title="Walk",
        template="",
        cadence="daily",
        weekdays=[],
        times_per_week=1,
        reminder_time=None,
    )
    today = local_today(zone_of(member))
    checkin = growth_actions.record_checkin(
        goal=goal, status="done", note="walked with Salma", day=today
    )
    growth_actions.record_checkin(goal=goal, status="done", note="", day=today - timedelta(1))
    mood = growth_actions.log_mood(owner=member, score=2, emotions=[], note="a heavy morning")
    return checkin, mood


def test_rotation_works_in_batches(make_member: Callable[..., User]) -> None:
    member = make_member()
    for number in range(5):
        actions.create_entry(author=member, body=f"entry {number}")
    before = set(Entry.objects.values_list("sealed", flat=True))
    assert rotate_all(batch=2)["journal.Entry.sealed"] == 5
    after = set(Entry.objects.values_list("sealed", flat=True))
    assert not before & after
    assert sorted(row.opened()["body"] for row in Entry.objects.all()) == [
        f"entry {number}" for number in range(5)
    ]


def test_nothing_written_is_logged(member: User, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    _write(member)
    assert BODY not in caplog.text
    assert ITEM not in caplog.text
