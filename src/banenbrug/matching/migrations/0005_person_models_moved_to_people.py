"""The person's models and Employer moved to people (see people/0001): the foreign keys of
vacancies, queues and stored matches now point there; nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        # the foreign keys of other apps must point at people before the old models go
        ('employers', '0002_employer_moved_to_people'),
        ('matching', '0004_evaluation_consent_and_initiative'),
        ('people', '0001_initial'),
        ('plans', '0002_circumstances_moved_to_people'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='employer',
                name='members',
            ),
            migrations.AlterField(
                model_name='vacancy',
                name='employer',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='vacancies', to='people.employer'),
            ),
            migrations.RemoveField(
                model_name='groupstatistics',
                name='seeker',
            ),
            migrations.RemoveConstraint(
                model_name='jobseeker',
                name='seeker_hours_ordered',
            ),
            migrations.AlterField(
                model_name='storedmatch',
                name='seeker',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.jobseeker'),
            ),
            migrations.AlterField(
                model_name='queueentry',
                name='seeker',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='queue_places', to='people.jobseeker'),
            ),
            migrations.RemoveConstraint(
                model_name='seekerskill',
                name='unique_seeker_skill',
            ),
            migrations.RemoveConstraint(
                model_name='workexperience',
                name='unique_seeker_occupation',
            ),
            migrations.DeleteModel(
                name='Employer',
            ),
            migrations.DeleteModel(
                name='GroupStatistics',
            ),
            migrations.RemoveField(
                model_name='jobseeker',
                name='coach',
            ),
            migrations.RemoveField(
                model_name='jobseeker',
                name='user',
            ),
            migrations.RemoveField(
                model_name='workexperience',
                name='occupation',
            ),
            migrations.RemoveField(
                model_name='workexperience',
                name='seeker',
            ),
            migrations.DeleteModel(
                name='SeekerSkill',
            ),
            migrations.DeleteModel(
                name='JobSeeker',
            ),
            migrations.DeleteModel(
                name='WorkExperience',
            ),
        ]),
    ]
