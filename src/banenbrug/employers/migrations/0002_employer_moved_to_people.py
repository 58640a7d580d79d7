"""Employer moved to people (see people/0001); the foreign key's column and constraint stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('employers', '0001_selfscan'),
        ('people', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='selfscan',
                name='employer',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='selfscans', to='people.employer'),
            ),
        ]),
    ]
