"""The ESCO import as a job: import, vectors and engines, started from the admin or the CLI."""

import pytest
from django.contrib.auth.models import User

from banenbrug.jobs import service
from banenbrug.jobs.models import Job
from banenbrug.taxonomy.models import ImportRun, Occupation
from banenbrug.web import warm
from tests.conftest import call_cli

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("beheer", password="x"))
    return client


def test_the_import_job_imports_and_builds_every_engine(esco_small, request):
    warm.reset()
    request.addfinalizer(warm.reset)
    job = service.start("esco_import", {"paths": [str(esco_small)]}, None)
    assert service.execute(job.pk) == "done"
    job.refresh_from_db()
    assert job.result["changed"] is True
    assert job.result["totals"]["occupation"] == Occupation.objects.count() > 0
    assert ImportRun.objects.count() == 1
    assert set(warm.warmed()) == {name for name, _load in warm.LOADERS}  # engines built
    assert job.result_url == "/admin/taxonomy/importrun/"


def test_bad_esco_files_fail_the_job_and_import_nothing(esco_small):
    path = esco_small / "occupations_en.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("http", "xttp", 1),
                    encoding="utf-8")
    job = service.start("esco_import", {"paths": [str(esco_small)]}, None)
    assert service.execute(job.pk) == "failed"
    job.refresh_from_db()
    assert "occupations_en.csv" in job.error and "de database is ongewijzigd" in job.error
    assert not Occupation.objects.exists() and not ImportRun.objects.exists()


def test_the_admin_starts_the_import_of_the_data_folder(admin_client, esco_small, monkeypatch):
    monkeypatch.setenv("BANENBRUG_DATA_DIR", str(esco_small.parent))
    url = "/admin/taxonomy/importrun/importeren/"
    assert admin_client.get(url).status_code == 405
    assert "ESCO importeren (achtergrondtaak)" in admin_client.get(
        "/admin/taxonomy/importrun/").content.decode()
    response = admin_client.post(url)
    job = Job.objects.get()
    assert response["Location"] == f"/taken/{job.pk}/"
    assert job.params == {"paths": [str(esco_small)]}
    staff = User.objects.create_user("medewerker", password="x", is_staff=True)
    admin_client.force_login(staff)
    assert admin_client.post(url).status_code == 403
    assert Job.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # the job's thread sees only committed rows
def test_the_cli_runs_the_import_as_a_job(esco_small, settings):
    settings.REDIS_URL = ""  # eager: the job runs in a thread of the command's process
    done = call_cli("import-esco", str(esco_small), "--job", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"status": "done"' in done.stdout
    assert Job.objects.get().status == "done"
    assert Occupation.objects.exists()


@pytest.mark.django_db(transaction=True)  # the command closes the connection when it ends
def test_no_wait_without_a_worker_is_refused(esco_small, settings):
    settings.REDIS_URL = ""
    done = call_cli("import-esco", str(esco_small), "--job", "--no-wait")
    assert done.returncode == 2 and "--no-wait needs REDIS_URL" in done.stderr
    assert not Job.objects.exists() and not Occupation.objects.exists()
