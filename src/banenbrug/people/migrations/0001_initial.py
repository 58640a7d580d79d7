"""The person's models move here from matching (and Circumstances from plans) in the state only.

Their tables keep their names (`Meta.db_table`), so nothing is written to the database: this
migration creates the models in the state, matching/0005 and plans/0002 then point the other
apps' foreign keys here and delete the old models from the state. The content types are renamed
so that permissions given to groups and the admin's history stay attached.
"""

import banenbrug.people.models
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED = {"matching": ["jobseeker", "workexperience", "seekerskill", "groupstatistics", "employer"],
         "plans": ["circumstances"]}


def _rename_content_types(apps, schema_editor, forward: bool) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for old_app, models_ in MOVED.items():
        old, new = (old_app, "people") if forward else ("people", old_app)
        content_type.objects.using(db).filter(app_label=old, model__in=models_).update(
            app_label=new)


def forwards(apps, schema_editor) -> None:
    _rename_content_types(apps, schema_editor, forward=True)


def backwards(apps, schema_editor) -> None:
    _rename_content_types(apps, schema_editor, forward=False)

class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('matching', '0004_evaluation_consent_and_initiative'),
        ('plans', '0001_initial'),
        ('taxonomy', '0002_skill_labels_nl_source'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Employer',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, verbose_name='naam')),
                    ('is_synthetic', models.BooleanField(default=False)),
                    ('members', models.ManyToManyField(blank=True, related_name='employers', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'matching_employer',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='JobSeeker',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('region', models.CharField(max_length=4, validators=[banenbrug.people.models.validate_region], verbose_name='arbeidsmarktregio')),
                    ('postcode', models.CharField(max_length=4, validators=[django.core.validators.RegexValidator('^[1-9][0-9]{3}$', 'Een postcode bestaat hier uit vier cijfers, 1000 tot en met 9999.')], verbose_name='postcode (4 cijfers)')),
                    ('hours_min', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(48)], verbose_name='minimaal uren per week')),
                    ('hours_max', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(48)], verbose_name='maximaal uren per week')),
                    ('is_synthetic', models.BooleanField(default=False, help_text='synthetic demo record')),
                    ('available_from', models.DateField(blank=True, null=True, verbose_name='beschikbaar vanaf')),
                    ('situation', models.CharField(choices=[('employed', 'werkend'), ('ww', 'WW-uitkering'), ('bijstand', 'bijstand'), ('selfemployed', 'zelfstandige (zzp)'), ('student', 'student'), ('other', 'anders')], default='other', max_length=12, verbose_name='huidige situatie')),
                    ('consent_employers', models.BooleanField(default=False, help_text='Zonder toestemming tonen we je nooit aan werkgevers.', verbose_name='werkgevers mogen mijn profiel zien')),
                    ('consent_evaluation', models.BooleanField(default=False, help_text='Alleen aantallen verlaten Banenbrug, nooit je gegevens.', verbose_name='mijn plaatsing mag zonder naam meetellen in evaluaties van initiatieven')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('coach', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='caseload', to=settings.AUTH_USER_MODEL)),
                    ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='job_seeker', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'matching_jobseeker',
                    'ordering': ['id'],
                },
            ),
            migrations.CreateModel(
                name='GroupStatistics',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('gender', models.CharField(blank=True, choices=[('woman', 'vrouw'), ('man', 'man'), ('other', 'anders')], max_length=8, verbose_name='gender')),
                    ('age_band', models.CharField(blank=True, choices=[('<27', 'jonger dan 27'), ('27-49', '27 tot 50'), ('50+', '50 of ouder')], max_length=6, verbose_name='leeftijdsgroep')),
                    ('background', models.CharField(blank=True, choices=[('none', 'geen migratieachtergrond'), ('migration', 'migratieachtergrond')], max_length=10, verbose_name='migratieachtergrond')),
                    ('seeker', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.jobseeker')),
                ],
                options={
                    'db_table': 'matching_groupstatistics',
                },
            ),
            migrations.CreateModel(
                name='Circumstances',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('birth_year', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1940), django.core.validators.MaxValueValidator(2015)], verbose_name='geboortejaar')),
                    ('annual_income_eur', models.PositiveIntegerField(blank=True, null=True, validators=[django.core.validators.MaxValueValidator(1000000)], verbose_name='jaarinkomen (bruto, euro)')),
                    ('monthly_income_eur', models.PositiveIntegerField(blank=True, null=True, validators=[django.core.validators.MaxValueValidator(100000)], verbose_name='inkomen of uitkering nu (bruto per maand, euro)')),
                    ('sector', models.CharField(blank=True, choices=[('techniek', 'techniek en industrie'), ('installatie', 'installatie en energie'), ('bouw', 'bouw en infra'), ('ict', 'ICT'), ('zorg', 'zorg en welzijn'), ('onderwijs', 'onderwijs'), ('logistiek', 'transport en logistiek'), ('handel', 'handel en dienstverlening'), ('horeca', 'horeca en recreatie'), ('overheid', 'overheid'), ('overig', 'overig')], max_length=12, verbose_name='sector van het huidige werk')),
                    ('study_hours_per_week', models.PositiveSmallIntegerField(default=16, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(40)], verbose_name='uren per week voor leren')),
                    ('seeker', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='circumstances', to='people.jobseeker')),
                ],
                options={
                    'db_table': 'plans_circumstances',
                },
            ),
            migrations.CreateModel(
                name='SeekerSkill',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('source', models.CharField(choices=[('occupation', 'uit een beroep'), ('declared', 'zelf opgegeven'), ('extracted', 'uit tekst, bevestigd'), ('assessed', 'getoetst')], max_length=12)),
                    ('evidence', models.CharField(blank=True, help_text='the words that triggered an extracted skill', max_length=300)),
                    ('seeker', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='skills', to='people.jobseeker')),
                    ('skill', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='taxonomy.skill')),
                ],
                options={
                    'db_table': 'matching_seekerskill',
                    'ordering': ['id'],
                },
            ),
            migrations.CreateModel(
                name='WorkExperience',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('years', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(60)], verbose_name='jaren')),
                    ('occupation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='taxonomy.occupation')),
                    ('seeker', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='experience', to='people.jobseeker')),
                ],
                options={
                    'db_table': 'matching_workexperience',
                    'ordering': ['-years', 'id'],
                },
            ),
            migrations.AddConstraint(
                model_name='jobseeker',
                constraint=models.CheckConstraint(condition=models.Q(('hours_min__lte', models.F('hours_max'))), name='seeker_hours_ordered'),
            ),
            migrations.AddConstraint(
                model_name='seekerskill',
                constraint=models.UniqueConstraint(fields=('seeker', 'skill'), name='unique_seeker_skill'),
            ),
            migrations.AddConstraint(
                model_name='workexperience',
                constraint=models.UniqueConstraint(fields=('seeker', 'occupation'), name='unique_seeker_occupation'),
            ),
        ]),
        migrations.RunPython(forwards, backwards),
    ]
