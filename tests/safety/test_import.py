import datetime
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from halqa.accounts.models import User
from halqa.safety.actions import HELPLINES_FILE, import_emergency_numbers, import_helplines
from halqa.safety.models import EmergencyNumber, Helpline

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "helplines"


def test_shipped_helplines_file_is_the_research_file_unchanged() -> None:
    original = SHARED / "helplines.json"
    if not original.exists():
        pytest.skip("the research folder is not next to this checkout")
    assert HELPLINES_FILE.read_bytes() == original.read_bytes()


@pytest.mark.django_db
def test_import_helplines_migration_loaded_every_entry() -> None:
    rows = json.loads(HELPLINES_FILE.read_text(encoding="utf-8"))
    assert Helpline.objects.count() == len(rows) == 22


@pytest.mark.django_db
def test_import_helplines_twice_is_idempotent_and_keeps_checks(operator: User) -> None:
    line = Helpline.objects.get(country_code="LB", phone="1564")
    Helpline.objects.filter(pk=line.pk).update(
        checked_at=datetime.date(2026, 1, 5), checked_by=operator, check_note="called"
    )
    first = import_helplines()
    second = import_helplines()
    assert first.created == second.created == 0
    assert Helpline.objects.count() == 22
    line.refresh_from_db()
    assert (line.checked_at, line.checked_by, line.check_note) == (
        datetime.date(2026, 1, 5),
        operator,
        "called",
    )


@pytest.mark.django_db
def test_import_helplines_updates_changed_fields(tmp_path: Path) -> None:
    rows = json.loads(HELPLINES_FILE.read_text(encoding="utf-8"))
    rows[0]["hours"] = "24/7"
    path = tmp_path / "helplines.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    result = import_helplines(path)
    assert (result.created, result.updated) == (0, 22)
    assert Helpline.objects.get(country_code="LB", phone="1564").hours == "24/7"


@pytest.mark.django_db
def test_import_helplines_keeps_entries_without_phone_apart() -> None:
    assert Helpline.objects.filter(country_code="US").count() == 2
    crisis_text = Helpline.objects.get(country_code="US", phone="")
    assert crisis_text.sms == "text HOME to 741741"
    assert crisis_text.languages == ["en"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rows",
    [
        {"not": "a list"},
        [{"country_code": "LB", "status": "invented", "phone": "1"}],
        [{"country_code": "L<", "status": "corroborated", "phone": "1"}],
    ],
)
def test_import_helplines_rejects_bad_files(tmp_path: Path, rows: object) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(ValueError):  # noqa: PT011
        import_helplines(path)
    assert Helpline.objects.count() == 22


@pytest.mark.django_db
def test_import_emergency_numbers_twice_is_idempotent() -> None:
    before = EmergencyNumber.objects.count()
    result = import_emergency_numbers()
    assert result.created == 0
    assert EmergencyNumber.objects.count() == before


@pytest.mark.django_db
def test_import_helplines_command_reports_counts(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_helplines")
    assert "helplines: 0 created, 22 updated" in capsys.readouterr().out


@pytest.mark.django_db
def test_import_helplines_into_empty_table_creates_all(
    make_member: Callable[..., User],
) -> None:
    Helpline.objects.all().delete()
    assert import_helplines().created == 22
