"""On PostgreSQL, the database itself keeps the audit log append-only: a row can never be
deleted, and an update may only clear a link (an account, group or case that was deleted)."""

from collections.abc import Callable
from typing import Any

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION moderation_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'the moderation audit log is append-only';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id
     OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.action IS DISTINCT FROM OLD.action
     OR NEW.reason IS DISTINCT FROM OLD.reason
     OR NEW.rule IS DISTINCT FROM OLD.rule
     OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
     OR NEW.content_version IS DISTINCT FROM OLD.content_version
     OR NEW.post_id_value IS DISTINCT FROM OLD.post_id_value
     OR NEW.live_message_id_value IS DISTINCT FROM OLD.live_message_id_value
     OR NEW.detail IS DISTINCT FROM OLD.detail
     OR (NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id)
     OR (NEW.subject_id IS NOT NULL AND NEW.subject_id IS DISTINCT FROM OLD.subject_id)
     OR (NEW.case_id IS NOT NULL AND NEW.case_id IS DISTINCT FROM OLD.case_id)
     OR (NEW.group_id IS NOT NULL AND NEW.group_id IS DISTINCT FROM OLD.group_id) THEN
    RAISE EXCEPTION 'the moderation audit log is append-only';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS moderation_audit_append_only ON moderation_auditentry;
CREATE TRIGGER moderation_audit_append_only
  BEFORE UPDATE OR DELETE ON moderation_auditentry
  FOR EACH ROW EXECUTE FUNCTION moderation_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS moderation_audit_append_only ON moderation_auditentry;
DROP FUNCTION IF EXISTS moderation_audit_append_only();
"""


def _on_postgresql(sql: str) -> Callable[[Any, Any], None]:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_redaction")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
