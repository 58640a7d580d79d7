"""What the plan pages read from a request: the plan's state in the URL, the circumstances
form and the catalogue filter. The API validates the same fields through the model validators."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from banenbrug.matching import regions
from banenbrug.people.models import Circumstances, EducationLevel, JobSeeker, Sector
from banenbrug.plans.models import ModuleForm

MAX_TEXT = 300
MAX_KEYS = 40
PRIORITIES = ("balanced", "cheapest", "fastest")


def _keys(get: QueryDict, name: str) -> tuple[str, ...]:
    """Keys from repeated parameters and/or comma-separated lists, in order, once each."""
    found = (k.strip() for v in get.getlist(name) for k in v.split(","))
    return tuple(dict.fromkeys(k[:80] for k in found if k.strip()))[:MAX_KEYS]


@dataclass(frozen=True)
class PlanQuery:
    """A plan's whole state, as in `?naar=..&met=..&zonder=..&zonder_regeling=..&voorkeur=..`.

    Every adjustment link is this query with one change, so a plan is shareable between a person
    and their coach and every step can be undone with the browser's back button.
    """

    to: str = ""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    exclude_schemes: tuple[str, ...] = ()
    priority: str = "balanced"

    @classmethod
    def from_get(cls, get: QueryDict) -> PlanQuery:
        return cls(to=get.get("naar", "").strip()[:MAX_TEXT], include=_keys(get, "met"),
                   exclude=_keys(get, "zonder"), exclude_schemes=_keys(get, "zonder_regeling"),
                   priority=get.get("voorkeur", "").strip()[:20] or "balanced")

    @property
    def adjusted(self) -> bool:
        return bool(self.include or self.exclude or self.exclude_schemes
                    or self.priority != "balanced")

    def pairs(self) -> list[tuple[str, str]]:
        out = [("naar", self.to)] if self.to else []
        for name, keys in (("met", self.include), ("zonder", self.exclude),
                           ("zonder_regeling", self.exclude_schemes)):
            if keys:
                out.append((name, ",".join(keys)))
        if self.priority != "balanced":
            out.append(("voorkeur", self.priority))
        return out

    def encode(self) -> str:
        return urlencode(self.pairs())

    # ---- one change each, as query strings for links

    def swap(self, current: str, other: str) -> str:
        return replace(self, include=_with(_without(self.include, current), other),
                       exclude=_with(_without(self.exclude, other), current)).encode()

    def leave_out(self, key: str) -> str:
        return replace(self, include=_without(self.include, key),
                       exclude=_with(self.exclude, key)).encode()

    def restore_module(self, key: str) -> str:
        return replace(self, include=_without(self.include, key),
                       exclude=_without(self.exclude, key)).encode()

    def drop_scheme(self, key: str) -> str:
        return replace(self, exclude_schemes=_with(self.exclude_schemes, key)).encode()

    def keep_scheme(self, key: str) -> str:
        return replace(self, exclude_schemes=_without(self.exclude_schemes, key)).encode()

    def reset(self) -> str:
        return PlanQuery(to=self.to).encode()


def _without(keys: tuple[str, ...], key: str) -> tuple[str, ...]:
    return tuple(k for k in keys if k != key)


def _with(keys: tuple[str, ...], key: str) -> tuple[str, ...]:
    return (*_without(keys, key), key)


class CircumstancesForm(forms.ModelForm):
    """The situation (kept on the profile) and what the funding rules and income picture need."""

    situation = forms.ChoiceField(
        label=_("Je situatie nu"), choices=JobSeeker.Situation.choices,
        help_text=_("Veel regelingen zijn er alleen voor mensen met een WW-uitkering, in de "
                    "bijstand, of voor werkenden. Ook je inkomen tijdens het leren hangt "
                    "ervan af."))

    class Meta:
        model = Circumstances
        fields = ("birth_year", "annual_income_eur", "monthly_income_eur", "sector",
                  "study_hours_per_week", "education_level", "benefit_months")
        help_texts = {
            "birth_year": _("Sommige regelingen hebben een leeftijdsgrens (bijvoorbeeld 45 jaar "
                            "of ouder). We vragen alleen het jaar: de leeftijd kan een jaar "
                            "afwijken."),
            "annual_income_eur": _("Sommige regelingen zijn er alleen bij een inkomen tot een "
                                   "bepaald bedrag."),
            "monthly_income_eur": _("Om te laten zien wat je tijdens het leren per maand "
                                    "overhoudt, naast wat je nu hebt."),
            "sector": _("Sector- en opleidingsfondsen betalen voor mensen die in hun sector "
                        "werken."),
            "study_hours_per_week": _("Hiermee rekenen we uit of leren naast je werk past."),
            "education_level": _("Alleen voor evaluaties van initiatieven, en alleen als je "
                                 "daarvoor toestemming gaf: zonder naam, analisten zien "
                                 "alleen aantallen."),
            "benefit_months": _("WW, bijstand of een andere uitkering, samen; 0 als je geen "
                                "uitkering had. Ook alleen voor evaluaties, met je "
                                "toestemming."),
        }
        widgets = {"birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
                   "annual_income_eur": forms.NumberInput(attrs={"inputmode": "numeric"}),
                   "monthly_income_eur": forms.NumberInput(attrs={"inputmode": "numeric"}),
                   "benefit_months": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("onbekend of niet van toepassing")),
                                         *Sector.choices]
        self.fields["education_level"].choices = [("", _("zeg ik liever niet")),
                                                  *EducationLevel.choices]

    field_order = ("situation", "birth_year", "annual_income_eur", "monthly_income_eur",
                   "sector", "study_hours_per_week", "education_level", "benefit_months")


class CatalogueFilter(forms.Form):
    """The public catalogue: free text, the form of the module, a labour-market region."""

    q = forms.CharField(label=_("Zoek in titel, aanbieder en omschrijving"), required=False,
                        max_length=200)
    vorm = forms.ChoiceField(label=_("Vorm"), required=False,
                             choices=[("", _("alle vormen")), *ModuleForm.choices])
    regio = forms.ChoiceField(label=_("Te volgen in arbeidsmarktregio"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].choices = [("", _("heel Nederland")), *regions.choices()]
