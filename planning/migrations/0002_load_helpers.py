"""Loads the shipped directory of organisations that help (planning/data/helpers.json).
`manage.py load_helpers` refreshes it later, matched on each entry's key."""

from django.db import migrations


def load(apps, schema_editor):
    from planning.directory import shipped_helpers
    from planning.services import helpers_load

    helpers_load(entries=shipped_helpers(), model=apps.get_model("planning", "HelperEntry"))


def unload(apps, schema_editor):
    apps.get_model("planning", "HelperEntry").objects.filter(organisation__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
