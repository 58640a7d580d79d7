"""Admin editing of the catalogue, the funding schemes and a person's circumstances.

The forms check what the import checks (`plan_rows`), so a record edited here exports and
imports again unchanged: start dates and exclusions are lists in canonical order, a rule is
parsed (the model's validator) and may name only regions, provinces and sectors that exist.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import admin
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from banenbrug.people.models import Circumstances
from banenbrug.plans import exchange, rules
from banenbrug.plans.models import FundingScheme, ModuleSkill, TrainingModule
from banenbrug.plans.plan_rows import MODULE_COLUMNS, SCHEME_COLUMNS, unknown_rule_values


def _string_list(value: object, message: str) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise forms.ValidationError(message)
    return [v.strip() for v in value if v.strip()]


class TrainingModuleForm(forms.ModelForm):
    class Meta:
        model = TrainingModule
        fields = [c for c in MODULE_COLUMNS if c != "skills"]  # skills: the inline

    def clean_start_dates(self) -> list[str]:
        values = _string_list(self.cleaned_data.get("start_dates"),
                              _("Geef een lijst van data, bijvoorbeeld [\"2027-09-01\"]."))
        try:
            return sorted({date.fromisoformat(v).isoformat() for v in values})
        except ValueError:
            raise forms.ValidationError(_("Geen datum (JJJJ-MM-DD): %(values)s"),
                                        params={"values": ", ".join(values)}) from None

    def clean(self) -> dict:
        data = super().clean()
        if data.get("learn_work_wage_eur") is not None and data.get("form") != "learn_work":
            self.add_error("learn_work_wage_eur",
                           _("Alleen een leerwerktraject heeft een leerwerkloon."))
        return data


class ModuleSkillInline(admin.TabularInline):
    model = ModuleSkill
    extra = 1
    autocomplete_fields = ["skill"]  # taxonomy's Skill admin has search_fields
    verbose_name = _("ESCO-vaardigheid")
    verbose_name_plural = _("ESCO-vaardigheden die de module leert")


@admin.register(TrainingModule)
class TrainingModuleAdmin(admin.ModelAdmin):
    form = TrainingModuleForm
    list_display = ["title", "provider", "form", "delivery", "region", "hours", "weeks",
                    "cost_eur", "is_example"]
    list_filter = ["form", "delivery", "award", "is_example"]
    search_fields = ["title", "provider", "key", "description"]
    inlines = [ModuleSkillInline]


class FundingSchemeForm(forms.ModelForm):
    class Meta:
        model = FundingScheme
        fields = list(SCHEME_COLUMNS)

    def clean_eligibility(self) -> str:
        text = self.cleaned_data.get("eligibility") or ""
        try:
            rule = rules.parse(text)
        except rules.RuleError:
            return text  # the model's validator (validate_rule) says what is wrong, and where
        bad = unknown_rule_values(rule, exchange.known(with_skills=False))
        if bad:
            raise forms.ValidationError(
                _("De regel noemt iets dat niet bestaat: %(values)s"),
                params={"values": ", ".join(f"{field} {value}" for field, value in bad)})
        return " ".join(text.split())  # one line, as the import stores it

    def clean_forms(self) -> list[str]:
        values = _string_list(self.cleaned_data.get("forms"),
                              _("Geef een lijst van vormen, bijvoorbeeld [\"learn_work\"]."))
        return sorted(set(values))  # unknown forms: the model's clean says which

    def clean_excludes(self) -> list[str]:
        values = sorted(set(_string_list(
            self.cleaned_data.get("excludes"),
            _("Geef een lijst van sleutels van regelingen, bijvoorbeeld [\"vb-groene-banen\"]."))))
        own = self.cleaned_data.get("key") or self.instance.key
        known = set(FundingScheme.objects.values_list("key", flat=True))
        unknown = [k for k in values if k not in known or k == own]
        if unknown:
            raise forms.ValidationError(_("Geen andere regeling met deze sleutel: %(keys)s"),
                                        params={"keys": ", ".join(unknown)})
        return values


@admin.register(FundingScheme)
class FundingSchemeAdmin(admin.ModelAdmin):
    form = FundingSchemeForm
    list_display = ["name", "provider", "kind", "pays_for", "percent", "max_eur", "stackable",
                    "is_example"]
    list_filter = ["kind", "pays_for", "stackable", "is_example"]
    search_fields = ["name", "provider", "key", "notes"]
    readonly_fields = ["rule_in_words"]

    @admin.display(description=_("regel in woorden"))
    def rule_in_words(self, obj: FundingScheme) -> str:
        if obj is None or obj.pk is None:
            return "-"
        lang = "en" if (get_language() or "nl").startswith("en") else "nl"
        try:
            return rules.explain(rules.parse(obj.eligibility), lang)
        except rules.RuleError as exc:  # stored before the validator existed, or by hand
            return str(_("De regel klopt niet: %(reason)s") % {"reason": exc})


@admin.register(Circumstances)
class CircumstancesAdmin(admin.ModelAdmin):
    list_display = ["seeker", "birth_year", "sector", "monthly_income_eur",
                    "study_hours_per_week"]
    list_filter = ["sector"]
    raw_id_fields = ["seeker"]  # job seekers have no admin of their own to search in
