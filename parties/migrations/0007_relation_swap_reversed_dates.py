"""Relations stored before the rule that they may not end before they start (0008) are
repaired: the two dates were almost always typed in each other's field, so they are swapped
(both dates are kept). The version is raised, so an editor who opened such a relation earlier
gets a conflict instead of writing the old dates back.
"""

from django.db import migrations, models


def swap_reversed_dates(apps, schema_editor):
    Relation = apps.get_model('parties', 'Relation')
    reversed_rows = Relation._base_manager.filter(
        started_on__isnull=False, ended_on__isnull=False, ended_on__lt=models.F('started_on')
    )
    for relation in reversed_rows.only('pk', 'started_on', 'ended_on', 'version'):
        relation.started_on, relation.ended_on = relation.ended_on, relation.started_on
        relation.version += 1
        relation.save(update_fields=['started_on', 'ended_on', 'version'])


class Migration(migrations.Migration):

    dependencies = [
        ('parties', '0006_party_speaks_for_target_group'),
    ]

    operations = [
        migrations.RunPython(swap_reversed_dates, migrations.RunPython.noop),
    ]
