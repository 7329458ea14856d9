"""Every column Halqa encrypts at rest, registered by the app that owns it, so that one command
(`halqa rotate-keys`) re-encrypts them all with the newest key of HALQA_ENCRYPTION_KEYS.

An app registers its columns in its AppConfig.ready():

    register_encrypted("journal.Entry", "sealed")
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import QuerySet

from halqa.core import crypto

_COLUMNS: dict[str, tuple[str, ...]] = {}


def register_encrypted(model: str, *fields: str) -> None:
    """`model` as "app_label.Model"; each field holds a Fernet token or ""."""
    _COLUMNS[model] = tuple(dict.fromkeys((*_COLUMNS.get(model, ()), *fields)))


def rotate_all(*, batch: int = 200) -> dict[str, int]:
    """Re-encrypt every registered column with the newest key; rows rewritten per column.

    Run it after putting a new key first; then the old keys can be removed. Rows are rewritten
    in batches, each in its own transaction, so a long run can be interrupted and run again.
    """
    counts = {}
    for label, fields in sorted(_COLUMNS.items()):
        rows = apps.get_model(label).objects.order_by("pk")
        for field in fields:
            counts[f"{label}.{field}"] = _rotate(rows.exclude(**{field: ""}), field, batch)
    return counts


def _rotate(rows: QuerySet[Any], field: str, batch: int) -> int:
    done, last = 0, 0
    while True:
        with transaction.atomic():
            chunk = list(rows.select_for_update().filter(pk__gt=last)[:batch])
            for row in chunk:
                setattr(row, field, crypto.rotate(getattr(row, field)))
            rows.model.objects.bulk_update(chunk, [field])
        if not chunk:
            return done
        done, last = done + len(chunk), chunk[-1].pk
