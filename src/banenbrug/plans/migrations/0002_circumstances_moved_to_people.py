"""Circumstances moved to people (see people/0001); its table stays, only the state changes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0001_initial'),
        ('plans', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(
                name='Circumstances',
            ),
        ]),
    ]
