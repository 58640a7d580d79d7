"""The self-scan on the database: storing (whole or not at all), who sees what (another employer
404, analysts only aggregates), the page with peers, next steps and progress, the API, the
exports, the aggregates command and the demo's example scans."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from banenbrug.accounts.roles import ADMINISTRATOR
from banenbrug.employers import selfscan_service as service
from banenbrug.employers.models import SelfScan
from banenbrug.employers.selfscan import ScanInputError
from banenbrug.people.models import Employer
from banenbrug.plans.models import FundingScheme
from banenbrug.registry.models import Initiative
from tests.conftest import call_cli
from tests.world import make_user

Q = service.questionnaire()
LOW = {q.key: q.options[0].key for q in Q.questions}  # every theme 0
MIDDLE = {q.key: q.options[1].key for q in Q.questions}  # every theme 50
HIGH = {q.key: q.options[-1].key for q in Q.questions}  # every theme 100


def form(answers: dict[str, str], sector: str = "sbi:F", region: str = "PV20") -> dict:
    return {"sector": sector, "provincie": region, **{f"q-{k}": v for k, v in answers.items()}}


def crowd(n: int, sector: str, region: str, answers: dict[str, str], example: bool = False):
    for i in range(n):
        employer = Employer.objects.create(name=f"Peer {sector} {region} {i}")
        service.save_scan(employer, sector, region, answers, is_example=example,
                          taken_at=datetime(2026, 2, 1, tzinfo=UTC))


def test_a_scan_is_stored_with_its_scores_and_a_rescan_is_a_new_dated_row(world):
    first = service.save_scan(world.employer, "sbi:F", "PV20", LOW,
                              taken_at=datetime(2025, 3, 1, tzinfo=UTC))
    second = service.save_scan(world.employer, "sbi:F", "PV20", dict(LOW, selection="skills"))
    assert first.scores == dict.fromkeys(first.scores, 0.0)
    assert second.scores["recruitment"] == pytest.approx(33.3)  # (100 + 0 + 0) / 3
    assert list(world.employer.selfscans.values_list("pk", flat=True)) == [first.pk, second.pk]


@pytest.mark.parametrize(("sector", "region", "answers", "codes"), [
    ("sbi:F", "PV20", {}, {"empty"}),
    ("sbi:F", "PV20", dict(LOW, selection="gut"), {"unknown_answer"}),
    ("sbi:F", "PV20", dict(LOW, weather="sunny"), {"unknown_question"}),
    ("sbi:Z", "AM01", LOW, {"unknown_sector", "unknown_region"}),
])
def test_bad_input_stores_nothing_and_names_the_problem(world, sector, region, answers, codes):
    with pytest.raises(ScanInputError) as caught:
        service.save_scan(world.employer, sector, region, answers)
    assert {p.code for p in caught.value.problems} == codes
    assert not SelfScan.objects.exists()


def test_the_form_refuses_a_half_filled_scan_in_dutch_and_keeps_the_answers(world, client):
    client.force_login(world.employer_user)
    half = {k: v for k, v in HIGH.items() if k != "mentor"}
    response = client.post(f"/werkgevers/scan/{world.employer.pk}/invullen/", form(half))
    page = response.content.decode()
    assert response.status_code == 422
    assert "Nog niet beantwoord: Krijgen nieuwe medewerkers een mentor?" in page
    assert 'id="q-selection-skills" value="skills" aria-describedby="waarom-selection" checked' \
        in page
    assert not SelfScan.objects.exists()


def test_the_employer_fills_in_and_sees_scores_explained(world, client):
    client.force_login(world.employer_user)
    assert client.get("/werkgevers/scan/").url == f"/werkgevers/scan/{world.employer.pk}/"
    response = client.post(f"/werkgevers/scan/{world.employer.pk}/invullen/",
                           form(dict(MIDDLE, selection="skills")))
    assert response.url == f"/werkgevers/scan/{world.employer.pk}/"
    page = client.get(response.url).content.decode()
    assert "Inclusief werven: 66,7" in page  # (100 + 50 + 50) / 3, Dutch decimal comma
    assert "Selectie op vaardigheden: de beste voorspeller" in page
    assert "Schmidt &amp; Hunter (1998)" in page
    assert "Nog te weinig andere werkgevers (minder dan 10)" in page


def test_another_employer_gets_404_and_an_analyst_403(world, client):
    service.save_scan(world.employer, "sbi:F", "PV20", LOW)
    urls = [f"/werkgevers/scan/{world.employer.pk}/{tail}" for tail in
            ("", "invullen/", "export.csv", "export.json")]
    client.force_login(world.other_employer_user)
    assert [client.get(u).status_code for u in urls] == [404] * 4
    api = client.get(f"/api/v1/employers/selfscan/{world.employer.pk}")
    assert api.status_code == 404 and api["Content-Type"] == "application/problem+json"
    client.force_login(world.analyst)
    assert [client.get(u).status_code for u in urls] == [403] * 4
    assert client.get(f"/api/v1/employers/selfscan/{world.employer.pk}").status_code == 403
    posted = client.post(f"/api/v1/employers/selfscan/{world.employer.pk}", "{}",
                         content_type="application/json")
    assert posted.status_code == 403  # the role, before the body is read
    assert SelfScan.objects.count() == 1


def test_an_administrator_sees_any_employer(world, client):
    service.save_scan(world.employer, "sbi:F", "PV20", LOW)
    admin = make_user("beheer", ADMINISTRATOR)
    client.force_login(admin)
    page = client.get("/werkgevers/scan/").content.decode()
    assert "Zon BV" in page and "Wind BV" in page
    report = client.get(f"/api/v1/employers/selfscan/{world.employer.pk}").json()
    assert report["latest"]["themes"][0]["score"] == 0.0


def test_peers_are_the_narrowest_group_of_ten_others_never_smaller(world, client):
    crowd(9, "sbi:F", "PV20", HIGH)  # same sector and province: 9, too few
    crowd(1, "sbi:F", "PV21", MIDDLE)  # the sector nationally: 10
    crowd(5, "sbi:F", "PV20", LOW, example=True)  # examples never mix with real scans
    service.save_scan(world.employer, "sbi:F", "PV20", MIDDLE)
    client.force_login(world.employer_user)
    latest = client.get(f"/api/v1/employers/selfscan/{world.employer.pk}").json()["latest"]
    assert latest["peer_group"]["level"] == "sector" and latest["peer_group"]["size"] == 10
    pay = next(t for t in latest["themes"] if t["key"] == "pay")
    assert pay["peers"] == {"low": 100.0, "median": 100.0, "high": 100.0, "position": "below"}
    crowd(1, "sbi:F", "PV20", HIGH)  # now the province has 10 others
    latest = client.get(f"/api/v1/employers/selfscan/{world.employer.pk}").json()["latest"]
    assert (latest["peer_group"]["level"], latest["peer_group"]["size"]) == ("sector_region",
                                                                             10)
    page = client.get(f"/werkgevers/scan/{world.employer.pk}/").content.decode()
    assert "Vergeleken met 10 andere werkgevers (Bouw en installatie, Groningen)" in page
    assert "onder de groep" in page


@pytest.fixture
def registry_regions(db):
    from banenbrug.registry.regions import load_regions

    return load_regions()


def test_weak_themes_get_next_steps_linked_to_what_banenbrug_has(world, client,
                                                                 registry_regions):
    Initiative.objects.create(key="vrouwen-in-de-techniek", name="Vrouwen in de techniek",
                              organisation="Techniek NL", kind="inclusion", national=True,
                              is_example=True)
    FundingScheme.objects.create(key="oo-fonds", name="O&O-fonds installatie",
                                 provider="Fonds", kind="sector", pays_for="training")
    FundingScheme.objects.create(key="bijstand", name="Budget bijstand", provider="Gemeente",
                                 kind="municipal", pays_for="training")
    service.save_scan(world.employer, "sbi:F", "PV20", dict(LOW, **{
        k: v for k, v in HIGH.items() if Q.question(k).theme == "pay"}))
    client.force_login(world.employer_user)
    latest = client.get(f"/api/v1/employers/selfscan/{world.employer.pk}").json()["latest"]
    weak = {t["theme"]: t["steps"] for t in latest["next_steps"]}
    assert set(weak) == {"recruitment", "flexibility", "learning", "retention", "process"}
    by_link = {s["link"]: s for steps in weak.values() for s in steps}
    assert [i["name"] for i in by_link["initiatives:inclusion"]["items"]] == [
        "Vrouwen in de techniek"]
    assert by_link["initiatives:inclusion"]["more_url"].endswith(
        "type=initiative&region=PV20&kind=inclusion")
    assert [i["name"] for i in by_link["schemes"]["items"]] == ["O&O-fonds installatie"]
    assert by_link["open_hiring"]["total"] == 0  # the world's vacancy ranks on skills
    assert by_link["jobcarving"]["more_url"] == "/werkgevers/"
    page = client.get(f"/werkgevers/scan/{world.employer.pk}/").content.decode()
    assert ('href="/initiatieven/initiatief/vrouwen-in-de-techniek/">Vrouwen in de techniek</a> '
            '<span class="badge">voorbeeld</span>') in page
    assert "Beloning en arbeidsvoorwaarden (score" not in page  # 100: not weak


def test_progress_over_time_in_a_chart_and_a_table(world, client):
    service.save_scan(world.employer, "sbi:F", "PV20", LOW,
                      taken_at=datetime(2025, 3, 1, 9, tzinfo=UTC))
    service.save_scan(world.employer, "sbi:F", "PV20", dict(LOW, selection="mixed"),
                      taken_at=datetime(2026, 3, 1, 9, tzinfo=UTC))
    client.force_login(world.employer_user)
    response = client.get(f"/werkgevers/scan/{world.employer.pk}/")
    page = response.content.decode()
    spec = json.loads(page.split('id="scan-voortgang-spec" type="application/json">')[1]
                      .split("</script>")[0])
    recruitment = spec["data"][0]
    assert recruitment["x"] == ["1 mrt 2025", "1 mrt 2026"]
    assert recruitment["y"] == [0.0, pytest.approx(16.7)]
    assert "<td>16,7</td>" in page  # the table: Dutch decimal comma
    assert "1 maart 2025" in page


def test_the_employers_own_export_has_every_answer(world, client):
    service.save_scan(world.employer, "sbi:F", "PV20", LOW)
    service.save_scan(world.employer, "sbi:J", "PV21", HIGH)
    client.force_login(world.employer_user)
    response = client.get(f"/werkgevers/scan/{world.employer.pk}/export.csv")
    assert response["Content-Disposition"].endswith(f'zelfscan-{world.employer.pk}.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["sector"], r["score_pay"], r["answer_selection"]) for r in rows] == [
        ("sbi:F", "0", "diploma"), ("sbi:J", "100", "skills")]
    data = client.get(f"/werkgevers/scan/{world.employer.pk}/export.json").json()
    assert data["employer"] == "Zon BV" and data["scans"][1]["answer_mentor"] == "mentor"
    assert client.get(f"/werkgevers/scan/{world.employer.pk}/export.xml").status_code == 404


def test_the_api_takes_a_scan_and_refuses_bad_ones_whole(world, client):
    client.force_login(world.employer_user)
    url = f"/api/v1/employers/selfscan/{world.employer.pk}?lang=en"
    created = client.post(url, {"sector": "sbi:F", "region": "PV20", "answers": MIDDLE},
                          content_type="application/json")
    assert created.status_code == 201
    assert created.json()["latest"]["themes"][0]["name"] == "Inclusive recruitment"
    refused = client.post(url, {"sector": "sbi:F", "region": "PV20",
                                "answers": dict(MIDDLE, selection="gut", colour="blue")},
                          content_type="application/json")
    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["detail"] == ("question 'selection': unknown answer 'gut'; unknown "
                                        "question 'colour'")
    empty = client.post(url, {"sector": "sbi:F", "region": "PV20", "answers": {}},
                        content_type="application/json")
    assert "empty" in empty.json()["detail"]
    assert SelfScan.objects.count() == 1
    questions = client.get("/api/v1/employers/selfscan/questionnaire").json()
    assert [q["key"] for q in questions["questions"]] == [q.key for q in Q.questions]
    assert {"code": "PV20", "name": "Groningen"} in questions["provinces"]


def test_analysts_see_aggregates_only(world, client):
    crowd(10, "sbi:F", "PV20", MIDDLE)
    crowd(3, "sbi:J", "PV20", HIGH)
    client.force_login(world.analyst)
    rows = client.get("/api/v1/employers/selfscan/aggregates").json()
    published = {(r["region"], r["occupation_group"]) for r in rows if not r["suppressed"]}
    assert published == {("PV20", "all"), ("NL", "all")}  # sbi:F would give sbi:J away
    assert all(set(r) >= {"period", "indicator", "base_n", "value"} for r in rows)
    assert not any("answers" in r or "employer" in r for r in rows)
    total = next(r for r in rows if r["region"] == "NL" and r["indicator"] == "selfscan_pay")
    assert (total["value"], total["base_n"], total["example"]) == (
        pytest.approx((10 * 50 + 3 * 100) / 13, abs=0.05), 13, False)
    as_csv = client.get("/api/v1/employers/selfscan/aggregates?format=csv")
    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_csv.content.decode().startswith("period,region,occupation_group")
    client.force_login(world.employer_user)
    assert client.get("/api/v1/employers/selfscan/aggregates").status_code == 403


def test_the_aggregates_command(world):
    crowd(10, "sbi:F", "PV20", LOW)
    done = call_cli("selfscan", "aggregates", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["example"] is False
    assert {r["region"] for r in data["rows"] if not r["suppressed"]} == {"PV20", "NL"}


def test_the_aggregates_command_as_csv(world):  # one command per test: it ends the connection
    crowd(10, "sbi:F", "PV20", LOW)
    done = call_cli("selfscan", "aggregates", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {r["indicator"] for r in rows} == {t.indicator for t in Q.themes}
    assert all(r["value"] == "0" and r["base_n"] == "10" for r in rows)


def test_the_aggregates_command_refuses_an_unknown_format(db):
    bad = call_cli("selfscan", "aggregates", "--format", "xml")
    assert bad.returncode == 2 and bad.stdout == ""


def test_the_demo_scans_are_examples_deterministic_and_loaded_once(world):
    for i in range(12):
        Employer.objects.create(name=f"Demo {i} (voorbeeld)", is_synthetic=True)
    call_command("selfscan_demo")
    first = list(SelfScan.objects.order_by("pk").values_list(
        "employer__name", "taken_at", "sector", "scores"))
    assert first and all(SelfScan.objects.values_list("is_example", flat=True))
    assert not SelfScan.objects.filter(employer__is_synthetic=False).exists()
    call_command("selfscan_demo")
    assert SelfScan.objects.count() == len(first)
    SelfScan.objects.all().delete()
    call_command("selfscan_demo")
    assert list(SelfScan.objects.order_by("pk").values_list(
        "employer__name", "taken_at", "sector", "scores")) == first
    per_employer = SelfScan.objects.filter(employer__name="Demo 0 (voorbeeld)")
    assert per_employer.count() >= 2  # progress to show


def test_the_page_in_english(world, client):
    service.save_scan(world.employer, "sbi:F", "PV20", dict(MIDDLE, selection="skills"))
    client.force_login(world.employer_user)
    client.cookies["django_language"] = "en"
    page = client.get(f"/werkgevers/scan/{world.employer.pk}/").content.decode()
    assert "Self-scan: Zon BV" in page and "Inclusive recruitment: 66.7" in page
    assert "Skills-based selection: the best predictor" in page
    assert "Too few other employers yet (fewer than 10)" in page
    form_page = client.get(f"/werkgevers/scan/{world.employer.pk}/invullen/").content.decode()
    assert "How do you choose between applicants?" in form_page


def test_the_engines_initiative_kinds_are_the_registrys():
    from banenbrug.employers.selfscan import INITIATIVE_KINDS
    from banenbrug.registry.models import Kind

    assert set(INITIATIVE_KINDS) == set(Kind.values)
