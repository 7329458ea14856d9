"""Writes: importing the shipped data, and an operator recording that an entry was checked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import pgettext

from halqa.accounts.models import User
from halqa.safety.enums import EmergencyService, HelplineStatus
from halqa.safety.models import NEEDS_RESOLUTION, EmergencyNumber, Helpline

DATA_DIR = Path(__file__).resolve().parent / "data"
HELPLINES_FILE = DATA_DIR / "helplines.json"
EMERGENCY_FILE = DATA_DIR / "emergency.json"


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def import_helplines(
    path: Path = HELPLINES_FILE, *, model: type[models.Model] = Helpline
) -> ImportResult:
    """Load helplines.json; re-running updates entries in place and keeps operators' checks.

    An entry is keyed on (country_code, phone), and on its name too when it has no phone.
    `model` lets the data migration pass its historical model.
    """
    rows = _read_list(path)
    created = 0
    with transaction.atomic():
        for row in rows:
            fields = _helpline_fields(row)
            key = {"country_code": fields.pop("country_code"), "phone": fields.pop("phone")}
            if not key["phone"]:
                key["name"] = fields.pop("name")
            # update_or_create only touches the fields given, so checked_* are never overwritten.
            _, was_created = model._default_manager.update_or_create(**key, defaults=fields)
            created += was_created
    return ImportResult(created=created, updated=len(rows) - created)


def import_emergency_numbers(
    path: Path = EMERGENCY_FILE, *, model: type[models.Model] = EmergencyNumber
) -> ImportResult:
    """Load emergency.json, keyed on (country_code, number)."""
    rows = _read_list(path)
    created = 0
    with transaction.atomic():
        for row in rows:
            service = str(row.get("service") or EmergencyService.GENERAL)
            if service not in EmergencyService.values:
                raise ValueError(f"unknown emergency service {service!r}")
            _, was_created = model._default_manager.update_or_create(
                country_code=_country(row),
                number=str(row["number"]),
                defaults={"service": service, "source": str(row["source"])},
            )
            created += was_created
    return ImportResult(created=created, updated=len(rows) - created)


@transaction.atomic
def mark_helpline_checked(*, helpline: Helpline, operator: User, note: str = "") -> Helpline:
    """Record that `operator` checked the entry today (called it, or read the service's own site).

    Conflicting and do-not-display entries need a note saying how the question was resolved.
    """
    note = note.strip()
    if helpline.status in NEEDS_RESOLUTION and not note:
        raise ValidationError(
            pgettext(
                "helpline check",
                "Say how you resolved this entry's problem before marking it checked.",
            )
        )
    helpline.checked_at = timezone.localdate()
    helpline.checked_by = operator
    helpline.check_note = note
    helpline.save(update_fields=["checked_at", "checked_by", "check_note"])
    return helpline


def _read_list(path: Path) -> list[dict[str, Any]]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ValueError(f"{path}: expected a list of objects")
    return rows


def _country(row: dict[str, Any]) -> str:
    code = str(row.get("country_code") or "").upper()
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        raise ValueError(f"bad country code {code!r}")
    return code


def _helpline_fields(row: dict[str, Any]) -> dict[str, Any]:
    status = row.get("status")
    if status not in HelplineStatus.values:
        raise ValueError(f"unknown helpline status {status!r}")
    return {
        "country_code": _country(row),
        "phone": _text(row, "phone"),
        "name": _text(row, "name"),
        "name_ar": _text(row, "name_ar"),
        "sms": _text(row, "sms"),
        "url": _text(row, "url"),
        "hours": _text(row, "hours"),
        "languages": _languages(row.get("languages")),
        "category": _text(row, "category"),
        "sources": [str(source) for source in row.get("source") or []],
        "source_date": _text(row, "source_date"),
        "verification": _text(row, "verification"),
        "status": status,
        "conflicts": _text(row, "conflicts"),
        "notes": _text(row, "notes"),
    }


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _languages(value: object) -> list[str]:
    # The research stores languages as free text ("ar, en"); keep them as a list.
    parts = value if isinstance(value, list) else str(value or "").split(",")
    return [str(part).strip() for part in parts if str(part).strip()]
