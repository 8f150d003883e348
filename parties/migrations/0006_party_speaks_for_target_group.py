from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('parties', '0005_wording'),
    ]

    operations = [
        migrations.AddField(
            model_name='party',
            name='speaks_for_target_group',
            field=models.BooleanField(default=False, help_text="A residents' group, a sounding-board group or people from the target group themselves.", verbose_name='speaks for the target group'),
        ),
    ]
