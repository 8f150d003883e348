"""Relations may no longer end before they start; a separate migration from the repair (0007),
so PostgreSQL alters the table in a transaction of its own."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('parties', '0007_relation_swap_reversed_dates'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='relation',
            constraint=models.CheckConstraint(condition=models.Q(('started_on__isnull', True), ('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='relation_ends_after_it_starts', violation_error_message='The end date lies before the start date.'),
        ),
    ]
