"""Load the shipped helplines and emergency numbers (idempotent, see actions.import_helplines)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from halqa.safety.actions import import_emergency_numbers, import_helplines

    import_helplines(model=apps.get_model("safety", "Helpline"))
    import_emergency_numbers(model=apps.get_model("safety", "EmergencyNumber"))


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
