"""The admin: a bad rule is refused (the model's validator), a good one is shown in words,
modules get their ESCO skills through an autocomplete inline."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings
from django.contrib import admin

from banenbrug.plans import rules
from banenbrug.plans.models import FundingScheme, TrainingModule
from banenbrug.taxonomy.esco_import import import_esco
from banenbrug.taxonomy.models import Skill

pytestmark = pytest.mark.django_db
ADD_SCHEME = "/admin/plans/fundingscheme/add/"


@pytest.fixture
def esco(db, esco_small):
    import_esco([esco_small])


def scheme_form(**changes):
    data = {"key": "voucher", "name": "Voucher (voorbeeld)", "provider": "Voorbeeld UWV",
            "kind": "other", "pays_for": "training", "eligibility": "situation = ww",
            "percent": "100", "max_eur": "2500", "cap_basis": "per_person", "monthly_eur": "",
            "forms": "[]", "stackable": "on", "excludes": "[]", "valid_from": "",
            "valid_until": "", "apply_by": "", "source_url": "", "notes": "", "is_example": "on"}
    return {**data, **changes}


def test_a_rule_that_does_not_parse_is_refused_with_the_parsers_reason(admin_client):
    text = "situation in (ww, rijk)"
    with pytest.raises(rules.RuleError) as parsed:
        rules.parse(text)
    page = admin_client.post(ADD_SCHEME, scheme_form(eligibility=text))
    assert page.status_code == 200
    errors = page.context["adminform"].form.errors
    [message] = errors["eligibility"]
    assert message.startswith("De regel klopt niet") and message.endswith(str(parsed.value))
    assert not FundingScheme.objects.exists()


def test_a_rule_naming_an_unknown_region_is_refused(admin_client):
    page = admin_client.post(ADD_SCHEME, scheme_form(eligibility="region in (AM01, AM99)"))
    assert page.status_code == 200
    assert "AM99" in page.context["adminform"].form.errors["eligibility"][0]
    assert not FundingScheme.objects.exists()


def test_a_good_scheme_is_saved_and_its_rule_shown_in_words(admin_client):
    text = "situation in (ww, bijstand)   and age >= 45"
    page = admin_client.post(ADD_SCHEME, scheme_form(eligibility=text,
                                                     forms='["learn_work", "bootcamp"]'))
    assert page.status_code == 302, page.context["adminform"].form.errors
    saved = FundingScheme.objects.get()
    assert saved.eligibility == "situation in (ww, bijstand) and age >= 45"
    assert saved.forms == ["bootcamp", "learn_work"]
    change = admin_client.get(f"/admin/plans/fundingscheme/{saved.id}/change/")
    words = rules.explain(rules.parse(text), "nl")
    assert "leeftijd" in words and words in change.content.decode()


def test_excludes_must_name_another_stored_scheme(admin_client):
    admin_client.post(ADD_SCHEME, scheme_form(key="budget", name="Budget"))
    page = admin_client.post(ADD_SCHEME, scheme_form(excludes='["budget", "nergens"]'))
    assert "nergens" in page.context["adminform"].form.errors["excludes"][0]
    assert admin_client.post(ADD_SCHEME, scheme_form(excludes='["budget"]')).status_code == 302
    assert FundingScheme.objects.get(key="voucher").excludes == ["budget"]


def test_an_income_scheme_needs_a_monthly_amount(admin_client):
    page = admin_client.post(ADD_SCHEME, scheme_form(pays_for="income"))
    assert "monthly_eur" in page.context["adminform"].form.errors
    assert not FundingScheme.objects.exists()


def test_skill_admin_can_serve_the_autocomplete():
    import_module(settings.ROOT_URLCONF)  # the URLconf discovers the admin modules (urls.py)
    assert admin.site._registry[Skill].search_fields


def test_a_module_is_added_with_skills_through_the_inline(esco, admin_client):
    skill = Skill.objects.get(uri="http://data.europa.eu/esco/skill/s-solar")
    data = {"key": "zon", "provider": "Voorbeeld ROC", "title": "Zon (voorbeeld)",
            "description": "", "hours": "40", "weeks": "5", "cost_eur": "900",
            "form": "modular", "delivery": "online", "region": "",
            "start_dates": '["2027-09-06", "2027-02-01"]', "award": "certificate",
            "learn_work_wage_eur": "", "source_url": "", "is_example": "on",
            "skill_links-TOTAL_FORMS": "1", "skill_links-INITIAL_FORMS": "0",
            "skill_links-0-skill": str(skill.id)}
    bad = admin_client.post("/admin/plans/trainingmodule/add/",
                            {**data, "start_dates": '["1 september"]'})
    assert "start_dates" in bad.context["adminform"].form.errors
    page = admin_client.post("/admin/plans/trainingmodule/add/", data)
    assert page.status_code == 302, page.context["adminform"].form.errors
    module = TrainingModule.objects.get()
    assert module.start_dates == ["2027-02-01", "2027-09-06"]
    assert list(module.skill_links.values_list("skill__uri", flat=True)) == [skill.uri]
    search = admin_client.get("/admin/autocomplete/", {
        "app_label": "plans", "model_name": "moduleskill", "field_name": "skill", "term": "sol"})
    assert search.status_code == 200
    assert [r["id"] for r in search.json()["results"]] == [str(skill.id)]
