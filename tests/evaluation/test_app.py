"""Import, pages, PDF, API and permissions, on the database (SQLite or PostgreSQL)."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from banenbrug.accounts.roles import ANALYST, COACH
from banenbrug.evaluation.import_service import import_outcomes
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.models import Initiative, OutcomeRecord
from tests.evaluation.conftest import FAST

pytestmark = pytest.mark.django_db
HEADER = ("initiative,participant,start_date,age,education_level,prior_earnings,"
          "benefit_months,region,situation,employed_12m,initiative_cost\n")


def _small_csv(name: str = "Pilot", participants: int = 30, comparison: int = 60,
               cost: str = "90000") -> str:
    rows = []
    for i in range(participants + comparison):
        p = int(i < participants)
        rows.append(f"{name},{p},2024-02-01,{20 + i % 40},{['laag', 'middelbaar', 'hoog'][i % 3]},"
                    f"{(i % 5) * 8000},{i % 13},Twente,werkzoekend,{(i + p) % 2},"
                    f"{cost if p else ''}\n")
    return HEADER + "".join(rows)


@pytest.fixture
def analyst(client):
    user = User.objects.create_user("analist", password="x")
    user.groups.add(Group.objects.get(name=ANALYST))
    client.force_login(user)
    return user


def test_import_is_idempotent_and_computes_the_report():
    first = import_outcomes(_small_csv(), "a.csv", options=FAST)
    again = import_outcomes(_small_csv(), "a.csv", options=FAST)
    assert first.created == ["Pilot"] and again.created == []
    assert OutcomeRecord.objects.count() == 90
    pilot = Initiative.objects.get()
    assert float(pilot.cost_total) == 90000
    report = pilot.report
    assert report["n_participants"] == 30 and not report["suppressed"]
    primary = report["outcomes"][0]
    assert primary["outcome"] == "employed_12m" and primary["ci_low"] < primary["ci_high"]
    assert [m["method"] for m in report["methods"]] == ["dim", "ols", "psm", "ipw", "aipw"]


def test_a_bad_row_leaves_the_database_untouched():
    import_outcomes(_small_csv(), "a.csv", options=FAST)
    broken = _small_csv(participants=40).replace("2024-02-01", "yesterday", 1)
    with pytest.raises(EvaluationError):
        import_outcomes(broken, "b.csv", options=FAST)
    assert OutcomeRecord.objects.count() == 90
    assert Initiative.objects.get().report["n_participants"] == 30


def test_groups_under_ten_give_no_figures(client, analyst):
    import_outcomes(_small_csv(participants=8), "tiny.csv", options=FAST)
    pilot = Initiative.objects.get()
    assert pilot.report["suppressed"] and pilot.report["outcomes"] == []
    page = client.get(pilot.get_absolute_url()).content.decode()
    assert "Minder dan 10" in page and "procentpunt" not in page


def test_real_initiatives_are_hidden_from_the_public(client):
    import_outcomes(_small_csv(), "a.csv", options=FAST)
    pilot = Initiative.objects.get()
    assert client.get(pilot.get_absolute_url()).status_code == 404
    assert "Pilot" not in client.get("/evaluatie/").content.decode()
    assert client.get("/api/evaluation/initiatives").json() == []


def test_upload_needs_permission(client):
    assert client.get("/evaluatie/uploaden/").status_code == 302
    user = User.objects.create_user("gewoon", password="x")
    client.force_login(user)
    assert client.get("/evaluatie/uploaden/").status_code == 403
    user.is_staff = True
    user.save()
    assert client.get("/evaluatie/uploaden/").status_code == 200


def test_a_coach_reads_evaluations_but_may_not_upload(client):
    """Coaches see aggregates (view_aggregates) but an upload writes evaluations: analysts only."""
    import_outcomes(_small_csv(), "a.csv", options=FAST)
    coach = User.objects.create_user("coach", password="x")
    coach.groups.add(Group.objects.get(name=COACH))
    client.force_login(coach)
    assert "Pilot" in client.get("/evaluatie/").content.decode()
    assert "/evaluatie/uploaden/" not in client.get("/evaluatie/").content.decode()
    assert client.get("/evaluatie/uploaden/").status_code == 403
    upload = SimpleUploadedFile("pilot.csv", _small_csv().encode(), content_type="text/csv")
    assert client.post("/evaluatie/uploaden/", {"file": upload}).status_code == 403
    assert Initiative.objects.count() == 1


def test_an_analyst_sees_the_upload_button(client, analyst):
    assert "/evaluatie/uploaden/" in client.get("/evaluatie/").content.decode()


def test_upload_imports_and_shows_the_report(client, analyst):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from banenbrug.jobs import service
    from banenbrug.jobs.models import Job

    upload = SimpleUploadedFile("pilot.csv", _small_csv().encode(), content_type="text/csv")
    response = client.post("/evaluatie/uploaden/", {"file": upload})
    job = Job.objects.get()  # the reports are computed by a background job
    assert response["Location"] == f"/taken/{job.pk}/"
    assert not Initiative.objects.exists()
    assert service.execute(job.pk) == "done"  # what a worker (or the demo's thread) does
    job.refresh_from_db()
    assert "text" not in job.params  # the file's rows are not kept in the job
    report = client.get(job.result_url)
    assert "Effect op werk na 12 maanden" in report.content.decode()
    assert Initiative.objects.get().records.count() == 90


def test_upload_with_errors_lists_them_and_imports_nothing(client, analyst):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = _small_csv().replace(",Twente,", ",,", 1)
    upload = SimpleUploadedFile("pilot.csv", text.encode(), content_type="text/csv")
    html = client.post("/evaluatie/uploaden/", {"file": upload}).content.decode()
    assert "rij 2, kolom &#x27;region&#x27;: de cel is leeg" in html
    assert not Initiative.objects.exists()


def test_api_evaluate_needs_login_and_returns_the_contract(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "d,y,x\n" + "".join(f"{i % 2},{i % 9 + 2 * (i % 2)},{i % 7}\n" for i in range(200))

    def post():
        return client.post("/api/evaluation/evaluate", {
            "file": SimpleUploadedFile("d.csv", text.encode()), "treatment": "d",
            "outcome": "y", "covariates": "x", "bootstrap": "100"})

    assert post().status_code == 401
    client.force_login(User.objects.create_user("x", password="x"))
    assert post().status_code == 403
    client.force_login(User.objects.create_user("s", password="x", is_staff=True))
    body = post().json()
    assert set(body) >= {"method", "estimate", "ci_low", "ci_high", "n_treated", "n_control",
                         "balance", "warnings"}
    assert body["method"] == "aipw" and body["ci_low"] < 2 < body["ci_high"]
    assert body["sensitivity"]["evalue"] >= body["sensitivity"]["evalue_bound"] >= 1
    assert body["sensitivity"]["message"].startswith("Een verstorende factor")
    assert [r["test"] for r in body["refutations"]] == [
        "placebo_treatment", "random_common_cause", "data_subsets"]  # no placebo outcome asked
    assert body["groups"] == []
    bad = client.post("/api/evaluation/evaluate", {
        "file": SimpleUploadedFile("d.csv", text.encode()), "treatment": "d", "outcome": "z"})
    assert bad.status_code == 400 and "'z' ontbreekt" in bad.json()["detail"]


@pytest.mark.xdist_group("evaluation_examples")  # one worker imports them, not each
class TestExamples:
    """Tests that only read the example initiatives share one import of them."""

    def test_overview_shows_examples_with_intervals_publicly(self, client, examples):
        html = client.get("/evaluatie/").content.decode()
        for initiative in examples:
            assert initiative.name in html
        assert "Geen ranglijst" in html and "95%-interval" in html and "voorbeeld" in html

    def test_report_page_and_pdf_of_an_example(self, client, examples):
        initiative = examples.get(name__contains="warmtepomp")
        html = client.get(initiative.get_absolute_url()).content.decode()
        for text in ("Voorbeeld.", "Wat de schatting niet laat zien", 'id="fig-balans"',
                     "Lijken de groepen op elkaar?", "Is er genoeg overlap?",
                     "Per extra persoon aan het werk", "plotly.min.js"):
            assert text in html
        pdf = client.get(f"/evaluatie/{initiative.slug}/rapport.pdf")
        assert pdf["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(pdf.content))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        for heading in (initiative.name, "VOORBEELD", "Wat de schatting laat zien",
                        "Effect op de deelnemers (AIPW)", "Balans van de kenmerken (love plot)",
                        "Overlap van de propensityscores", "Per extra persoon aan het werk"):
            assert heading in text, heading
        images = sum(1 for page in reader.pages for _ in page.images)
        assert images >= 2  # the love plot and the overlap chart

    def test_api_lists_examples_with_intervals(self, client, examples):
        body = client.get("/api/evaluation/initiatives").json()
        assert len(body) == 3
        for item in body:
            assert item["ci_low"] <= item["effect_work_12m"] <= item["ci_high"]
            assert item["per_10k_low"] <= item["extra_in_work_per_10k_euro"] <= item["per_10k_high"]
        one = client.get(f"/api/evaluation/initiatives/{body[0]['slug']}").json()
        assert one["report"]["method"] == "aipw"

    def test_report_shows_robustness_and_groups_on_page_pdf_and_api(self, client, examples):
        import pypdf

        initiative = examples.get(name__contains="ICT")
        report = initiative.report
        primary = report["outcomes"][0]
        assert primary["outcome"] == "employed_12m" and primary["sensitivity"]["evalue"] > 1
        assert [r["test"] for r in report["refutations"]] == [
            "placebo_treatment", "random_common_cause", "data_subsets", "placebo_outcome"]
        assert {g["column"] for g in report["groups"]} == {
            "gender", "migration_background", "age_band", "education_level", "situation",
            "benefit_history"}
        gender = next(c for c in report["groups"] if c["column"] == "gender")
        assert {g["value"] for g in gender["groups"]} == {"vrouw", "man", "anders", "unknown"}
        assert initiative.records.filter(gender="vrouw").exists()
        html = client.get(initiative.get_absolute_url()).content.decode()
        evalue = f"{primary['sensitivity']['evalue']:.2f}".replace(".", ",")
        assert f"risicoverhouding van minstens {evalue}" in html
        for r in report["refutations"]:
            assert r["verdict"] in ("pass", "warn")
        assert html.count('class="verdict"') == 4
        assert "Voor wie werkt het?" in html and 'id="fig-groepen"' in html
        assert "Cochran" in html and "27-49 jaar" in html
        assert "<caption>Gender</caption>" in html and "niet opgegeven" in html
        small = [g for c in report["groups"] for g in c["groups"] if g["estimate"] is None]
        assert all(g["n_treated"] is None for g in small)  # no count under 10 leaves
        pdf = client.get(f"/evaluatie/{initiative.slug}/rapport.pdf").content
        text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        assert "Hoe stevig is dit effect?" in text and "Voor wie werkt het?" in text
        api = client.get(f"/api/evaluation/initiatives/{initiative.slug}").json()
        assert api["report"]["refutations"] == report["refutations"]

    def test_report_robustness_in_english(self, client, examples):
        initiative = examples.get(name__contains="ICT")
        client.cookies["django_language"] = "en"
        html = client.get(initiative.get_absolute_url()).content.decode()
        assert "How robust is this effect?" in html and "A confounder would need" in html
        assert "For whom does it work?" in html
