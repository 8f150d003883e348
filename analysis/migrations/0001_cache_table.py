"""The table of the database cache (settings.CACHES), so `migrate` alone sets up a server."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    # Does nothing when the cache is Redis or the table exists already.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0, stdout=StringIO())


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
