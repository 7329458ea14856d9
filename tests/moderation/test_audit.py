"""The audit log is append-only through the ORM."""

from __future__ import annotations

from typing import Any

import pytest

from halqa.moderation.enums import Action
from halqa.moderation.models import AuditEntry, AuditLogError

pytestmark = pytest.mark.django_db


def test_audit_entries_cannot_be_changed_or_deleted(moderator: Any, make_member: Any) -> None:
    subject = make_member()
    entry = AuditEntry.objects.create(
        actor=moderator, action=Action.WARN, subject=subject, reason="rule 2"
    )
    entry.reason = "something kinder"
    with pytest.raises(AuditLogError):
        entry.save()
    with pytest.raises(AuditLogError):
        entry.delete()
    with pytest.raises(AuditLogError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AuditLogError):
        AuditEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.reason == "rule 2"


def test_account_deletion_keeps_the_entry(moderator: Any, make_member: Any) -> None:
    subject = make_member()
    entry = AuditEntry.objects.create(actor=moderator, action=Action.WARN, subject=subject)
    subject.delete()
    entry.refresh_from_db()
    assert entry.subject is None
    assert entry.action == Action.WARN


def test_postgresql_refuses_changes_below_the_orm(moderator: Any, make_member: Any) -> None:
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only; SQLite relies on the model")
    subject = make_member()
    entry = AuditEntry.objects.create(actor=moderator, action=Action.WARN, subject=subject)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE moderation_auditentry SET reason = 'x' WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM moderation_auditentry WHERE id = %s", [entry.pk])
    subject.delete()  # clearing a link is allowed: the account goes, the entry stays
    entry.refresh_from_db()
    assert entry.subject is None
