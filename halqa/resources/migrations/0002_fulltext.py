"""The database's own full-text index over SearchEntry's stems.

SQLite: an FTS5 table with the entries as external content, kept in step by triggers.
PostgreSQL: a generated tsvector column ('simple' config: the stems are already normalised) with
a GIN index. Any other database gets no index, and search.py refuses to run there.
"""

from typing import Any

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE resources_fts USING fts5(title_terms, body_terms,"
    " content='resources_searchentry', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER resources_fts_insert AFTER INSERT ON resources_searchentry BEGIN"
    " INSERT INTO resources_fts(rowid, title_terms, body_terms)"
    " VALUES (new.id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources_searchentry BEGIN"
    " INSERT INTO resources_fts(resources_fts, rowid, title_terms, body_terms)"
    " VALUES ('delete', old.id, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER resources_fts_update AFTER UPDATE OF title_terms, body_terms"
    " ON resources_searchentry BEGIN"
    " INSERT INTO resources_fts(resources_fts, rowid, title_terms, body_terms)"
    " VALUES ('delete', old.id, old.title_terms, old.body_terms);"
    " INSERT INTO resources_fts(rowid, title_terms, body_terms)"
    " VALUES (new.id, new.title_terms, new.body_terms); END",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS resources_fts_update",
    "DROP TRIGGER IF EXISTS resources_fts_delete",
    "DROP TRIGGER IF EXISTS resources_fts_insert",
    "DROP TABLE IF EXISTS resources_fts",
]
POSTGRES = [
    "ALTER TABLE resources_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS"
    " (setweight(to_tsvector('simple', title_terms), 'A')"
    " || setweight(to_tsvector('simple', body_terms), 'B')) STORED",
    "CREATE INDEX resources_searchentry_document ON resources_searchentry USING GIN (document)",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS resources_searchentry_document",
    "ALTER TABLE resources_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        ),
    ]
