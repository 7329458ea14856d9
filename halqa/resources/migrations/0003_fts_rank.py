"""SQLite: FTS5's own `rank` is bm25 with titles weighted 3 to 1, so the engine can pick the best
matches before they are joined and filtered (search._ranked_ids)."""

from typing import Any

from django.db import migrations


def _rank(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "INSERT INTO resources_fts(resources_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)')"
        )


class Migration(migrations.Migration):
    dependencies = [("resources", "0002_fulltext")]

    operations = [migrations.RunPython(_rank, migrations.RunPython.noop)]
