"""The cohort form: the one validation of a new cohort, for the page and the API alike."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from banenbrug.employers.models import Cohort
from banenbrug.matching import regions
from banenbrug.plans.models import TrainingModule
from banenbrug.registry.models import Initiative
from banenbrug.transitions.service import TransitionInputError, resolve_occupation


class CohortForm(forms.ModelForm):
    modules = forms.ModelMultipleChoiceField(
        label=_("Modules uit de catalogus"), queryset=TrainingModule.objects.order_by("title"),
        to_field_name="key", widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"required": _("Kies minstens één module: een cohort leidt op met "
                                      "modules uit de catalogus."),
                        "invalid_choice": _("Onbekende module: %(value)s.")},
        help_text=_("Wat de deelnemers in het cohort leren."))
    initiative = forms.ModelChoiceField(
        label=_("Initiatief (register)"), queryset=Initiative.objects.order_by("name"),
        to_field_name="key", empty_label="—",
        error_messages={"invalid_choice": _("Dit initiatief staat niet in het register.")},
        help_text=_("Het programma waar het cohort bij hoort; werkgevers zeggen er banen aan "
                    "toe."))
    region = forms.ChoiceField(label=_("Arbeidsmarktregio"),
                               choices=[("", "—"), *regions.choices()],
                               error_messages={"invalid_choice": _(
                                   "Onbekende arbeidsmarktregio: %(value)s.")})
    occupation_text = forms.CharField(
        label=_("Beroep waarvoor wordt opgeleid (ESCO, mag leeg)"), required=False,
        max_length=200, help_text=_("Bepaalt de instapvaardigheden: de essentiële "
                                    "vaardigheden van het beroep die de modules niet leren."))

    class Meta:
        model = Cohort
        fields = ("title", "description", "initiative", "modules", "start_date", "places",
                  "region", "threshold")
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "description": forms.Textarea(attrs={"rows": 3}),
                   "places": forms.NumberInput(attrs={"min": 1, "max": 500}),
                   "threshold": forms.NumberInput(attrs={"min": 0, "max": 100})}
        error_messages = {
            "places": {"min_value": _("Een cohort heeft minstens één plaats."),
                       "max_value": _("Hooguit 500 plaatsen per cohort.")},
            "threshold": {"max_value": _("De drempel is een percentage: 0 tot en met 100.")},
        }

    def clean_start_date(self) -> Any:
        start = self.cleaned_data["start_date"]
        if start < timezone.localdate():
            raise forms.ValidationError(_("De startdatum ligt in het verleden."))
        return start

    def clean_occupation_text(self) -> Any:
        text = self.cleaned_data["occupation_text"].strip()
        if not text:
            return None
        try:
            return resolve_occupation(text)
        except TransitionInputError as exc:
            options = ", ".join(c["label"] for c in exc.candidates[:5])
            message = _("Geen eenduidig ESCO-beroep gevonden voor '%(text)s'.") % {"text": text}
            if options:
                message += " " + _("Bedoelt u: %(options)s?") % {"options": options}
            raise forms.ValidationError(message) from exc

    def save(self, commit: bool = True) -> Cohort:
        self.instance.occupation = self.cleaned_data.get("occupation_text")
        return super().save(commit)
