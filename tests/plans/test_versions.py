"""Plan versions on the tiny ESCO fixture: a coach saves the agreed plan, the person sees it
with what changed and why, the caseload links to it; who may save; bad input saves nothing;
the API says the same."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from banenbrug.plans.models import PlanVersion
from tests.plans.world import BOTH_TITLE, SOLAR_TITLE, WIRING_TITLE
from tests.world import SOLAR

SWAP = {"naar": SOLAR, "met": "both", "zonder": "solar"}  # the dear module instead of two


def text(response) -> str:
    """What a reader sees: the page without its tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def save(client, w, note="", **query):
    return client.post(reverse("plans:versions", args=[w.other.pk]),
                       {**query, "waarom": note})


def test_a_coach_saves_versions_and_the_person_sees_what_changed_and_why(client, plans_world):
    w = plans_world
    client.force_login(w.coach)
    first = save(client, w, naar=SOLAR)
    assert first.status_code == 302
    # the screen now differs from version 1: the coach sees the swap explained line by line
    page = text(client.get(reverse("plans:plan", args=[w.other.pk]), SWAP))
    assert "Wat dit plan verandert ten opzichte van versie 1" in page
    assert f"{SOLAR_TITLE} vervangen door {BOTH_TITLE}: +€ 600 (€ 300 → € 900)" \
        in page
    assert f"{WIRING_TITLE} weggelaten: −€ 400" in page
    assert "€ 700 → € 900 (+€ 200)" in page
    save(client, w, "Eén module: minder reizen naar de school.", **SWAP)
    assert list(w.other.plan_versions.values_list("number", flat=True)) == [2, 1]

    caseload = text(client.get(reverse("matching:caseload")))
    assert "Versie 2:" in caseload and "nog niet gezien" in caseload

    client.force_login(w.other_user)
    index = text(client.get(reverse("plans:index")))
    assert "Je coach heeft versie 2 van je plan opgeslagen." in index
    latest = w.other.plan_versions.get(number=2)
    shown = text(client.get(f"{reverse('plans:plan', args=[w.other.pk])}?{latest.query}"))
    assert "Versie 2: het plan dat jullie afspraken" in shown
    assert "Waarom: Eén module: minder reizen naar de school." in shown
    assert f"{SOLAR_TITLE} vervangen door {BOTH_TITLE}" in shown
    assert "Opslaan als versie" not in shown  # the person reads a version, never saves one
    latest.refresh_from_db()
    assert latest.seen_at is not None

    history = text(client.get(reverse("plans:versions", args=[w.other.pk])))
    assert history.index("Versie 2: naar") < history.index("Versie 1: naar")
    assert "Kosten € 900" in history and "Kosten € 700" in history

    client.force_login(w.coach)
    assert "nog niet gezien" not in text(client.get(reverse("matching:caseload")))


def test_a_version_keeps_its_amounts_when_the_catalogue_changes(client, plans_world):
    from banenbrug.plans.models import TrainingModule

    w = plans_world
    client.force_login(w.coach)
    save(client, w, naar=SOLAR)
    wiring = TrainingModule.objects.get(key="wiring")
    wiring.cost_eur = 450
    wiring.save()  # as the admin and the importer do (the catalogue's version moves)
    page = text(client.get(reverse("plans:plan", args=[w.other.pk]), {"naar": SOLAR}))
    assert f"De prijs van {WIRING_TITLE} veranderde van € 400 in € 450" in page
    assert w.other.plan_versions.get().snapshot["total_cost"] == 700


@pytest.mark.parametrize("who", ["other_user", "other_coach", "seeker_user"])
def test_only_the_persons_own_coach_saves_a_version(client, plans_world, who):
    w = plans_world
    client.force_login(getattr(w, who))
    response = save(client, w, naar=SOLAR)
    assert response.status_code in (403, 404)
    assert not PlanVersion.objects.exists()


def test_bad_input_saves_nothing_and_says_why(client, plans_world):
    w = plans_world
    client.force_login(w.coach)
    too_long = save(client, w, "x" * 1001, naar=SOLAR)
    assert "longer than 1000 characters" in text(client.get(too_long.url))
    gone = save(client, w, naar=SOLAR, met="no-such-module")
    assert "unknown module key: no-such-module" in text(client.get(gone.url))
    assert "needs a destination" in text(client.get(save(client, w).url))
    assert not PlanVersion.objects.exists()


def test_the_api_lists_and_saves_versions(client, plans_world):
    w = plans_world
    url = f"/api/plans/people/{w.other.pk}/plan/versions"
    client.force_login(w.other_user)
    refused = client.post(url, json.dumps({"to": SOLAR}), content_type="application/json")
    assert refused.status_code == 403
    client.force_login(w.coach)
    first = client.post(url, json.dumps({"to": SOLAR}), content_type="application/json")
    assert first.status_code == 201 and first.json()["changes"] is None
    second = client.post(url, json.dumps({"to": SOLAR, "with_module": ["both"],
                                          "without_module": ["solar"], "note": "samen"}),
                         content_type="application/json")
    body = second.json()
    assert (body["number"], body["note"], body["total_cost"]) == (2, "samen", 900)
    assert body["changes"]["total_delta"] == 200
    assert [(line["kind"], line["delta"]) for line in body["changes"]["lines"]] == [
        ("swapped", 600), ("removed", -400)]
    client.force_login(w.other_user)
    listed = client.get(url).json()
    assert [v["number"] for v in listed] == [2, 1]
    bad = client.post(url, json.dumps({"to": SOLAR, "with_module": ["nope"]}),
                      content_type="application/json")
    assert bad.status_code == 403  # the person never saves, whatever the body
