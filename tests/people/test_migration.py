"""The person's models moved from matching (and plans) to people without touching the data: a
database migrated before the move keeps every row, relation, content type and permission."""

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from banenbrug.matching.models import QueueEntry, Vacancy
from banenbrug.people.models import Circumstances, Employer, GroupStatistics, JobSeeker

# the last migrations before the move; (app, None): none of people's applied
BEFORE = [("people", None), ("matching", "0004_evaluation_consent_and_initiative"),
          ("plans", "0001_initial"), ("employers", "0001_selfscan")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_people():
    old = _migrate(BEFORE)
    user = old.get_model("auth", "User").objects.create(username="ria")
    seeker = old.get_model("matching", "JobSeeker").objects.create(
        user_id=user.pk, region="AM12", postcode="3511", hours_min=24, hours_max=32,
        situation="ww", consent_employers=True)
    old.get_model("matching", "GroupStatistics").objects.create(seeker=seeker, gender="woman")
    old.get_model("plans", "Circumstances").objects.create(seeker=seeker, birth_year=1980,
                                                           sector="bouw")
    employer = old.get_model("matching", "Employer").objects.create(name="Warmte BV")
    employer.members.add(user.pk)
    vacancy = old.get_model("matching", "Vacancy").objects.create(
        employer=employer, title="Monteur warmtepompen", region="AM12", postcode="3511",
        hours_min=32, hours_max=40, hiring_mode="open_hiring")
    old.get_model("matching", "QueueEntry").objects.create(vacancy=vacancy, seeker=seeker,
                                                           position=1)
    old.get_model("employers", "SelfScan").objects.create(employer=employer, answers={}, scores={})
    # a permission on a moved model, given to a group, must stay given
    seeker_type = ContentType.objects.get(app_label="matching", model="jobseeker")
    group = Group.objects.create(name="kijkers")
    group.permissions.add(seeker_type.permission_set.get(codename="view_jobseeker"))

    _migrate(_leaves())

    # the current models (not a migration state) read the old rows
    moved = JobSeeker.objects.get(pk=seeker.pk)
    assert (moved.user.username, moved.region, moved.hours_max, moved.situation) == (
        "ria", "AM12", 32, "ww")
    assert moved.consent_employers is True
    assert GroupStatistics.objects.get(seeker=moved).gender == "woman"
    assert Circumstances.objects.get(seeker=moved).sector == "bouw"
    assert list(Employer.objects.get(pk=employer.pk).members.all()) == [User.objects.get()]
    assert Vacancy.objects.get(pk=vacancy.pk).employer.name == "Warmte BV"
    assert QueueEntry.objects.get().seeker == moved
    assert Employer.objects.get().selfscans.count() == 1
    people_type = ContentType.objects.get(app_label="people", model="jobseeker")
    assert people_type.pk == seeker_type.pk
    assert not ContentType.objects.filter(app_label="matching", model="jobseeker").exists()
    assert group.permissions.get().content_type_id == people_type.pk

    # reversible: back before the move, every row is still there
    old = _migrate(BEFORE)
    assert old.get_model("matching", "JobSeeker").objects.get().postcode == "3511"
    assert old.get_model("plans", "Circumstances").objects.get().birth_year == 1980
    assert ContentType.objects.get(app_label="matching", model="jobseeker").pk == seeker_type.pk
    _migrate(_leaves())
