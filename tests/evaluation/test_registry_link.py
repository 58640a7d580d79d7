"""One initiative: evaluation's initiatives are the registry's (migration, imports, pages, API,
the "effect gemeten" filter and the power sentence)."""

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from banenbrug.evaluation.estimators import Options
from banenbrug.evaluation.import_service import import_outcomes
from banenbrug.evaluation.models import Initiative
from banenbrug.evaluation.power import mde_proportion
from banenbrug.registry.models import Initiative as RegistryInitiative
from banenbrug.registry.models import Region

FAST = Options(bootstrap=50)
BEFORE = [("evaluation", "0002_self_reported_groups"), ("registry", "0001_initial")]
AFTER = [("evaluation", "0003_registry_initiative")]
HEADER = ("initiative,participant,start_date,age,education_level,prior_earnings,"
          "benefit_months,region,situation,employed_12m,earnings_12m,initiative_cost\n")


def _csv(name: str, participants: int = 30, comparison: int = 60) -> str:
    rows = []
    for i in range(participants + comparison):
        p = int(i < participants)
        work = (i + p) % 2
        rows.append(f"{name},{p},2024-02-01,{20 + i % 40},{['laag', 'middelbaar', 'hoog'][i % 3]},"
                    f"{(i % 5) * 8000},{i % 13},Twente,werkzoekend,{work},"
                    f"{2000 + 10 * i if work else 0},{'90000' if p else ''}\n")
    return HEADER + "".join(rows)


@pytest.mark.django_db(transaction=True)
def test_migration_links_or_creates_and_keeps_everything():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Registry = old.get_model("registry", "Initiative")
    Evaluation = old.get_model("evaluation", "Initiative")
    Record = old.get_model("evaluation", "OutcomeRecord")
    twente = old.get_model("registry", "Region").objects.create(code="AM99", name="Twente",
                                                               kind="labour_market")
    by_key = Registry.objects.create(key="warmtepomp-omscholing", name="Andere naam",
                                     organisation="ROC", kind="side_entry")
    by_name = Registry.objects.create(key="ict-sleutel", name="ICT-traject", organisation="X",
                                      kind="matching")
    Evaluation.objects.create(name="Warmtepomp omscholing", slug="warmtepomp-omscholing",
                              report={"n_participants": 1})
    Evaluation.objects.create(name="ICT-traject", slug="ict-traject")
    alone = Evaluation.objects.create(name="Voorbeeld: Nieuw", slug="voorbeeld-nieuw",
                                      cost_total=1234, is_example=True, description="Uitleg")
    Record.objects.create(initiative=alone, row=1, participant=True, start_date="2024-01-01",
                          age=30, education_level="laag", prior_earnings=0, benefit_months=0,
                          region="Twente", situation="werkzoekend")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Evaluation = new.get_model("evaluation", "Initiative")
    Registry = new.get_model("registry", "Initiative")
    linked = {e.slug: e.registry_initiative_id for e in Evaluation.objects.all()}
    assert linked["warmtepomp-omscholing"] == by_key.id
    assert linked["ict-traject"] == by_name.id
    created = Registry.objects.get(id=linked["voorbeeld-nieuw"])
    assert (created.key, created.name, created.description) == (
        "voorbeeld-nieuw", "Voorbeeld: Nieuw", "Uitleg")
    assert created.is_example and created.funding_amount == 1234  # examples stay examples
    # a valid registry record: an organisation and the regions its people live in
    assert created.organisation == "onbekend"
    assert list(created.regions.values_list("code", flat=True)) == [twente.code]
    assert not Registry.objects.get(id=by_name.id).regions.exists()  # no records, no regions
    assert Registry.objects.count() == 3
    assert Evaluation.objects.get(slug="warmtepomp-omscholing").report == {"n_participants": 1}
    assert new.get_model("evaluation", "OutcomeRecord").objects.count() == 1

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # reversible: the link goes, every row stays
    old = executor.loader.project_state(BEFORE).apps
    assert old.get_model("evaluation", "Initiative").objects.count() == 3
    assert old.get_model("registry", "Initiative").objects.count() == 3
    assert old.get_model("evaluation", "OutcomeRecord").objects.count() == 1
    MigrationExecutor(connection).migrate(AFTER)  # leave the database as the other tests want it


@pytest.mark.django_db
def test_imports_link_to_the_registry_once():
    Region.objects.create(code="AM99", name="Twente", kind="labour_market")
    existing = RegistryInitiative.objects.create(key="bestaand", name="Pilot",
                                                 organisation="Gemeente", kind="matching")
    import_outcomes(_csv("Pilot") + _csv("Nieuw").split("\n", 1)[1], "a.csv", options=FAST)
    import_outcomes(_csv("Pilot") + _csv("Nieuw").split("\n", 1)[1], "a.csv", options=FAST)
    pilot, nieuw = Initiative.objects.get(name="Pilot"), Initiative.objects.get(name="Nieuw")
    assert pilot.registry_initiative == existing
    assert nieuw.registry_initiative.name == "Nieuw" and not nieuw.registry_initiative.is_example
    assert nieuw.registry_initiative.funding_amount == nieuw.cost_total == 90000  # the file's cost
    assert RegistryInitiative.objects.count() == 2
    assert [r.code for r in nieuw.registry_initiative.regions.all()] == ["AM99"]


@pytest.fixture
def measured(db):
    import_outcomes(_csv("Gemeten"), "a.csv", options=FAST)
    RegistryInitiative.objects.create(key="zonder", name="Zonder evaluatie", organisation="X",
                                      kind="matching")
    return Initiative.objects.get(name="Gemeten")


def test_registry_search_filters_on_effect_measured(measured, client):
    def names(**params):
        body = client.get("/api/registry/search", params).json()
        return {r["name"]: r["effect_measured"] for r in body["results"]}

    assert names() == {"Gemeten": True, "Zonder evaluatie": False}
    assert names(effect_measured="true") == {"Gemeten": True}
    assert names(effect_measured="false") == {"Zonder evaluatie": False}
    page = client.get("/initiatieven/", {"effect": "1"}).content.decode()
    assert "Gemeten" in page and "Zonder evaluatie" not in page and "effect gemeten" in page


def test_registry_page_and_api_show_the_evaluation_to_analysts_only(measured, client):
    key = measured.registry_initiative.key
    hidden = client.get(f"/api/registry/initiatives/{key}").json()["evaluations"]
    assert hidden[0]["visible"] is False and hidden[0]["estimate"] is None
    assert hidden[0]["power"] is None
    assert "alleen zichtbaar voor analisten" in client.get(f"/initiatieven/initiatief/{key}/")\
        .content.decode()

    user = User.objects.create_user("analist", password="x")
    user.user_permissions.add(Permission.objects.get(codename="view_aggregates"))
    client.force_login(user)
    shown = client.get(f"/api/registry/initiatives/{key}").json()["evaluations"][0]
    primary = next(o for o in measured.report["outcomes"] if o["outcome"] == "employed_12m")
    assert shown["estimate"] == pytest.approx(primary["estimate"])
    assert shown["ci_low"] < shown["estimate"] < shown["ci_high"]
    assert shown["power"]["n_treated"] == 30 and shown["power"]["n_control"] == 60
    # the comparison group works in every other row: rows 30..89, work = i % 2 -> 30 of 60
    assert shown["power"]["base_rate"] == pytest.approx(0.5)
    assert shown["power"]["mde_share"] == pytest.approx(mde_proportion(0.5, 30, 60))
    page = client.get(f"/initiatieven/initiatief/{key}/").content.decode()
    assert f'href="/evaluatie/{measured.slug}/"' in page
    assert "is een effect vanaf 31,3 procentpunt op werk na 12 maanden meetbaar" in page
    assert "30 deelnemers, 60 in de vergelijkingsgroep" in page


def test_evaluation_page_and_api_show_the_power(measured, client):
    measured.is_example = True  # public, so no sign-in needed
    measured.save()
    body = client.get(f"/api/evaluation/initiatives/{measured.slug}").json()
    assert body["registry_key"] == measured.registry_initiative.key
    assert body["power"]["mde_share"] == pytest.approx(mde_proportion(0.5, 30, 60))
    assert body["power"]["mde_earnings"] > 0
    assert "vanaf 31,3 procentpunt" in body["power"]["text"]
    page = client.get(f"/evaluatie/{measured.slug}/").content.decode()
    assert "vanaf 31,3 procentpunt" in page and "In het register van initiatieven" in page


@pytest.mark.django_db
def test_no_power_figures_for_fewer_than_ten(client):
    import_outcomes(_csv("Klein", participants=8), "a.csv", example=True, options=FAST)
    small = Initiative.objects.get()
    power = client.get(f"/api/evaluation/initiatives/{small.slug}").json()["power"]
    assert set(power) == {"text"} and "minder dan 10" in power["text"]
    shown = client.get(f"/api/registry/initiatives/{small.registry_initiative.key}").json()
    assert shown["evaluations"][0]["power"] is None
    assert shown["evaluations"][0]["estimate"] is None
    assert small.registry_initiative.is_example  # an example import stays an example


@pytest.mark.django_db
def test_open_hiring_placements_with_consent_are_counted_not_listed(client):
    from banenbrug.evaluation.placements import potential_records
    from banenbrug.matching.models import QueueEntry, Vacancy
    from banenbrug.people.models import Employer, JobSeeker

    target = RegistryInitiative.objects.create(key="open-hiring", name="Open Hiring pilot",
                                               organisation="X", kind="matching")
    place = {"region": "AM01", "postcode": "9711", "hours_min": 24, "hours_max": 40}
    employer = Employer.objects.create(name="Installatiebedrijf")
    ours = Vacancy.objects.create(employer=employer, title="Monteur", hiring_mode="open_hiring",
                                  initiative=target, **place)
    other = Vacancy.objects.create(employer=employer, title="Elders", hiring_mode="open_hiring",
                                   **place)

    def seeker(consent: bool) -> JobSeeker:
        return JobSeeker.objects.create(consent_evaluation=consent, **place)

    position = iter(range(1, 100))
    placed = [seeker(True) for _ in range(11)]
    for person in placed:
        QueueEntry.objects.create(vacancy=ours, seeker=person, position=next(position),
                                  status="accepted")
    QueueEntry.objects.create(vacancy=other, seeker=placed[0], position=1, status="accepted")
    QueueEntry.objects.create(vacancy=ours, seeker=seeker(False), position=next(position),
                              status="accepted")  # no consent: not counted
    QueueEntry.objects.create(vacancy=ours, seeker=seeker(True), position=next(position),
                              status="waiting")  # not placed
    assert potential_records(target.id) == 11
    body = client.get(f"/api/registry/initiatives/{target.key}").json()
    assert body["potential_outcome_records"] == 11
    page = client.get(f"/initiatieven/initiatief/{target.key}/").content.decode()
    assert "met toestemming om mee te tellen: 11" in page
    QueueEntry.objects.filter(seeker=placed[-1]).update(status="declined")
    QueueEntry.objects.filter(seeker=placed[-2]).update(status="withdrawn")
    assert potential_records(target.id) == 9
    assert client.get(f"/api/registry/initiatives/{target.key}").json()[
        "potential_outcome_records"] is None  # under ten: no count
