"""The switch-plan pages with the test client on the tiny ESCO fixture: who may see a plan, the
coach's adjustments in the URL, the htmx part, the PDF, 'Mijn situatie' and the public lists."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from banenbrug.matching import profiles
from banenbrug.matching.models import HiringMode
from banenbrug.people.models import Circumstances
from banenbrug.plans.models import FundingScheme, TrainingModule
from tests.conftest import PROJECT_ROOT
from tests.pdf_pages import check_layout, header_reads, image_boxes, ink
from tests.plans.world import (
    BOTH_TITLE,
    SOLAR_SKILL,
    SOLAR_TITLE,
    WIRING,
    WIRING_TITLE,
    module,
    scheme,
)
from tests.world import ELECTRICIAN, SOLAR, make_vacancy

SHOTS = PROJECT_ROOT / "var" / "test" / "screenshots" / "pdf"  # for people to look at


def plan_url(w, **query) -> str:
    return reverse("plans:plan", args=[w.other.pk]), {"naar": SOLAR, **query}


def get_plan(client, w, **query):
    url, params = plan_url(w, **query)
    response = client.get(url, params)
    assert response.status_code == 200, response.content.decode()[-1500:]
    return response


def module_keys(response) -> list[str]:
    return sorted(m["key"] for m in response.context["plan"]["modules"])


def test_the_person_and_their_coach_see_the_same_plan(client, plans_world):
    w = plans_world
    client.force_login(w.other_user)
    own = get_plan(client, w)
    page = own.content.decode()
    assert "Jouw overstapplan" in page
    assert SOLAR_TITLE in page and WIRING_TITLE in page
    assert module_keys(own) == ["solar", "wiring"]
    client.force_login(w.coach)
    coached = get_plan(client, w)
    assert f"Overstapplan voor {w.other.pseudonym}" in coached.content.decode()
    assert module_keys(coached) == module_keys(own)


@pytest.mark.parametrize("who, status", [("seeker_user", 404), ("other_coach", 404),
                                         ("employer_user", 403), ("analyst", 403)])
def test_others_are_refused_the_plan_and_its_pdf(client, plans_world, who, status):
    w = plans_world
    client.force_login(getattr(w, who))
    url, params = plan_url(w)
    assert client.get(url, params).status_code == status
    assert client.get(reverse("plans:pdf", args=[w.other.pk]), params).status_code == status
    assert client.get(reverse("plans:situation", args=[w.other.pk])).status_code == status


def test_anonymous_visitors_are_sent_to_the_login(client, plans_world):
    url, params = plan_url(plans_world)
    for target in (url, reverse("plans:pdf", args=[plans_world.other.pk])):
        response = client.get(target, params)
        assert response.status_code == 302 and "inloggen" in response["Location"]


def test_leaving_out_a_module_brings_in_another(client, plans_world):
    w = plans_world
    client.force_login(w.coach)
    response = get_plan(client, w, zonder="solar")
    assert module_keys(response) == ["both"]
    page = response.content.decode()
    assert "Weggelaten:" in page and "terugzetten" in page
    # leaving out every module that teaches solar energy leaves that skill untaught
    response = get_plan(client, w, zonder="solar,both")
    plan = response.context["plan"]
    assert module_keys(response) == ["wiring"]
    assert [s["uri"] for s in plan["uncovered_skills"]] == [SOLAR_SKILL]
    untaught = re.search(r'<tr class="untaught">(.*?)</tr>', response.content.decode(), re.S)
    assert untaught and "Geen module gevonden" in untaught.group(1)


def test_the_swap_link_replaces_the_module_with_its_alternative(client, plans_world):
    w = plans_world
    client.force_login(w.coach)
    page = get_plan(client, w).content.decode()
    swap = re.search(r'<a href="([^"]+)"[^>]*>Kies ' + re.escape(BOTH_TITLE), page)
    assert swap, "no swap link to the module that teaches both skills"
    href = html.unescape(swap.group(1))
    assert "met=both" in href and "zonder=" in href
    swapped = client.get(href)
    assert module_keys(swapped) == ["both"]
    # the state stays in the URL: the coach's choice is pinned and can be undone
    assert "vastgezet" in swapped.content.decode()


def test_excluding_a_scheme_removes_its_payment(client, plans_world):
    w = plans_world
    client.force_login(w.coach)
    before = get_plan(client, w).context["plan"]["funding"]
    paid = {s["key"]: s["paid"] for s in before["schemes"]}
    assert paid["budget"] > 0  # the only scheme the baker (situation 'other') can use
    after = get_plan(client, w, zonder_regeling="budget")
    funding = after.context["plan"]["funding"]
    assert {s["key"]: s["paid"] for s in funding["schemes"]}["budget"] == 0
    assert funding["covered"] < before["covered"]
    assert funding["own_contribution"] > before["own_contribution"]
    page = after.content.decode()
    assert "uitgesloten" in page and "Weer meenemen" in page


def test_the_scheme_table_gives_reasons(client, plans_world):
    w = plans_world
    client.force_login(w.coach)
    page = get_plan(client, w).content.decode()
    assert "onbekend: leeftijd is niet ingevuld" in page  # the 45-plus budget: maybe
    assert "vereist: situatie is WW-uitkering" in page  # the voucher: not for the baker


def test_bad_input_is_explained_not_an_error(client, plans_world):
    w = plans_world
    client.force_login(w.coach)
    page = get_plan(client, w, zonder="bestaat-niet").content.decode()
    assert "niet (meer) kan" in page and "Toon het plan zonder aanpassingen" in page
    page = get_plan(client, w, voorkeur="duurste").content.decode()
    assert "niet (meer) kan" in page
    url, _params = plan_url(w)
    page = client.get(url, {"naar": "vacature:999999"}).content.decode()
    assert "We vonden geen beroep of vacature" in page


def test_htmx_gets_only_the_plan_part(client, plans_world):
    w = plans_world
    client.force_login(w.coach)
    url, params = plan_url(w, zonder="solar")
    response = client.get(url, params, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert page.lstrip().startswith('<div id="plan"') and BOTH_TITLE in page
    assert "HX-Request" in response["Vary"]
    # a browser restoring its history gets the whole page
    full = client.get(url, params, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in full.content.decode()


def test_example_records_are_marked(client, plans_world):
    w = plans_world
    client.force_login(w.coach)
    assert "Voorbeeldgegevens" not in get_plan(client, w).content.decode()
    solar = TrainingModule.objects.get(key="solar")
    solar.is_example = True
    solar.save()  # as the admin and the import do: the in-memory catalogue follows saves
    page = get_plan(client, w).content.decode()
    assert "Voorbeeldgegevens" in page and 'class="badge badge--example"' in page


def test_learn_work_vacancies_come_first(client, plans_world):
    w = plans_world
    make_vacancy(w.employer, mode=HiringMode.LEARN_WORK, title="Leerling zonnemonteur",
                 occupation=w.vacancy.occupation)
    client.force_login(w.other_user)
    page = get_plan(client, w).content.decode()
    assert page.index("Leerling zonnemonteur") < page.index(w.vacancy.title)


def test_the_pdf_is_a_pdf_for_the_person_and_the_coach(client, plans_world):
    w = plans_world
    _url, params = plan_url(w)
    for user in (w.other_user, w.coach):
        client.force_login(user)
        response = client.get(reverse("plans:pdf", args=[w.other.pk]), params)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        body = response.content
        assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")
        assert b"/Subtype /Image" in body  # the timeline picture
        assert w.other.pseudonym.encode() in response["Content-Disposition"].encode()
        text = " ".join(" ".join(page.extract_text().split())
                        for page in PdfReader(io.BytesIO(body)).pages)
        assert SOLAR_TITLE in text and WIRING_TITLE in text  # the plan's own modules
        page = html.unescape(client.get(*plan_url(w)).content.decode())
        total = re.search(r"<dt>Totaal</dt><dd>(.*?)</dd>", page).group(1)
        assert total.replace("\u00a0", " ") in text.replace("\u00a0", " ")  # as on the page
    # without a destination there is nothing to print: back to the page that asks for one
    response = client.get(reverse("plans:pdf", args=[w.other.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("plans:plan", args=[w.other.pk]))


def test_circumstances_are_validated_and_change_the_plan(client, plans_world):
    w = plans_world
    client.force_login(w.other_user)
    url = reverse("plans:situation", args=[w.other.pk])
    form = {"situation": "ww", "birth_year": "1900", "annual_income_eur": "30000",
            "monthly_income_eur": "2100", "sector": "bouw", "study_hours_per_week": "16",
            "naar": SOLAR}
    response = client.post(url, form)
    assert response.status_code == 200
    assert "1940" in response.content.decode()  # the lowest birth year allowed
    assert not Circumstances.objects.filter(seeker=w.other).exists()
    w.other.refresh_from_db()
    assert w.other.situation != "ww"
    response = client.post(url, {**form, "birth_year": "1970"})
    assert response.status_code == 302
    assert response["Location"] == (f"{reverse('plans:plan', args=[w.other.pk])}"
                                    f"?naar={SOLAR.replace(':', '%3A').replace('/', '%2F')}")
    saved = Circumstances.objects.get(seeker=w.other)
    assert (saved.birth_year, saved.monthly_income_eur, saved.sector) == (1970, 2100, "bouw")
    w.other.refresh_from_db()
    assert w.other.situation == "ww"
    status = {s["key"]: s["status"] for s in
              get_plan(client, w).context["plan"]["funding"]["schemes"]}
    assert status["plus45"] == "yes" and status["ww-voucher"] == "yes"


def test_the_situation_page_says_who_sees_it(client, plans_world):
    client.force_login(plans_world.coach)
    page = client.get(reverse("plans:situation", args=[plans_world.other.pk])).content.decode()
    assert "Alleen jij en je coach zien deze gegevens" in page
    assert 'for="id_birth_year"' in page


def test_the_public_catalogue_filters(client, plans_world):
    page = client.get(reverse("plans:catalogue")).content.decode()
    assert SOLAR_TITLE in page and BOTH_TITLE in page
    assert "install electrical wiring" in page  # the skills a module teaches, by label
    page = client.get(reverse("plans:catalogue"), {"q": "zonnepanelen"}).content.decode()
    assert SOLAR_TITLE in page and BOTH_TITLE not in page
    TrainingModule.objects.filter(key="both").update(delivery="in_person", region="AM30")
    page = client.get(reverse("plans:catalogue"), {"regio": "AM01"}).content.decode()
    assert SOLAR_TITLE in page and BOTH_TITLE not in page


def test_the_public_schemes_page_shows_rules_in_words(client, plans_world):
    FundingScheme.objects.filter(key="plus45").update(is_example=True, excludes=["budget"])
    page = client.get(reverse("plans:schemes")).content.decode()
    assert "leeftijd ten minste 45" in page and "situatie is WW-uitkering" in page
    assert "niet samen met: Leerbudget voor iedereen" in page
    assert "Voorbeeld" in page


def test_the_start_page_for_each_role(client, plans_world):
    w = plans_world
    page = client.get(reverse("plans:index")).content.decode()
    assert "Inloggen om je plan te maken" in page
    client.force_login(w.coach)
    page = client.get(reverse("plans:index")).content.decode()
    assert reverse("plans:plan", args=[w.other.pk]) in page
    assert reverse("plans:plan", args=[w.seeker.pk]) in page
    client.force_login(w.other_user)
    page = client.get(reverse("plans:index")).content.decode()
    assert f'action="{reverse("plans:plan", args=[w.other.pk])}"' in page
    link = f"{reverse('plans:plan', args=[w.other.pk])}?naar=vacature:{w.vacancy.pk}"
    assert link not in page  # he holds none of its skills: no match (matching/engine.py)
    profiles.add_skills(w.other, [WIRING], "declared")
    page = client.get(reverse("plans:index")).content.decode()
    assert link in page


def test_the_explorer_links_a_job_seeker_to_a_plan(client, plans_world):
    """Everyone gets the link (a visitor is then offered log-in and registration); it takes a
    job seeker to their own plan for that destination."""
    w = plans_world
    url = reverse("transitions:index")
    page = client.get(url, {"van": ELECTRICIAN}).content.decode()
    link = re.search(r'href="(/overstapplan/mijn/\?naar=[^"]+)">Maak een overstapplan',
                     page).group(1)
    assert "Account aanmaken" in client.get(link).content.decode()
    client.force_login(w.seeker_user)
    assert client.get(link)["Location"].startswith(
        f"{reverse('plans:plan', args=[w.seeker.pk])}?naar=")


def test_the_pdf_is_laid_out_without_overlaps_as_on_the_page(client, plans_world):
    """Read back with text positions (columns in order, nothing drawn over anything, inside
    the margins, the page's amounts) and rendered to images (no page blank, the timeline
    drawn), with a module and a scheme whose names are longer than any column."""
    w = plans_world
    module("long", "Installeren en in bedrijf stellen van warmtepompinstallaties met "
           "bodemwarmtewisselaars (voorbeeld)", [SOLAR_SKILL], 2980.01,
           provider="Opleidingscentrum voor Installatietechniek en Duurzame Energie "
           "Midden-Nederland")
    scheme("long-scheme", "Regionale tegemoetkoming scholingskosten voor zij-instromers in de "
           "installatiebranche", max_eur=1234.5)
    client.force_login(w.coach)
    url, params = plan_url(w, met="long")
    page = html.unescape(client.get(url, params).content.decode()).replace("\u00a0", " ")
    pdf = client.get(reverse("plans:pdf", args=[w.other.pk]), params).content
    boxes, images = check_layout(pdf, SHOTS, "plan")
    for headers in (["Periode", "Module", "Kosten", "Uren", "Betaald door"],
                    ["Totaal", "Vergoed", "Eigen bijdrage", "Inkomensondersteuning"],
                    ["Regeling", "Status", "In dit plan", "Waarom"]):
        assert header_reads(boxes, headers), headers
    drawn = [b.text for b in boxes]
    for label in ("Totaal", "Vergoed", "Eigen bijdrage"):  # the page's amounts, cell by cell
        amount = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", page).group(1)
        assert amount in drawn, label
    assert "€ 2.980" in drawn and "2.980,01" not in page + " ".join(drawn)
    assert len(images) >= 2
    [(number, box)] = image_boxes(pdf)  # the timeline
    assert ink(images[number], box) > 0.05
