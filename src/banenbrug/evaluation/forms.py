from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from banenbrug.evaluation.table_reader import MAX_BYTES
from banenbrug.people.models import FollowUp

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class OutcomeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand met uitkomsten"),
        help_text=_("Eén rij per persoon, deelnemers en vergelijkingsgroep; zie het sjabloon. "
                    "Geen namen of andere persoonsgegevens."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot (maximaal 50 MB)."))
        return upload


YES_NO = [("", _("weet ik (nog) niet")), ("1", _("ja")), ("0", _("nee"))]


def _yes_no(label: StrOrPromise) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, required=False,
                                  coerce=lambda v: v == "1", empty_value=None,
                                  widget=forms.RadioSelect)


class FollowUpForm(forms.ModelForm):
    """The follow-up questions whose moment has come (`due`: 6 and/or 12 months)."""

    employed_6m = _yes_no(_("Had je 6 maanden na de start betaald werk?"))
    employed_12m = _yes_no(_("Had je 12 maanden na de start betaald werk?"))

    class Meta:
        model = FollowUp
        fields = ("employed_6m", "earnings_6m", "employed_12m", "earnings_12m")
        labels = {"earnings_6m": _("Bruto maandloon 6 maanden na de start (euro, als je werk "
                                   "had)"),
                  "earnings_12m": _("Bruto maandloon 12 maanden na de start (euro, als je "
                                    "werk had)")}
        widgets = {"earnings_6m": forms.NumberInput(attrs={"inputmode": "numeric"}),
                   "earnings_12m": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, due: tuple[int, ...], **kwargs):
        super().__init__(*args, **kwargs)
        for months in (6, 12):
            if months not in due:
                del self.fields[f"employed_{months}m"], self.fields[f"earnings_{months}m"]
            else:  # the stored yes/no as the choice it was made with
                stored = getattr(self.instance, f"employed_{months}m")
                self.initial[f"employed_{months}m"] = {True: "1", False: "0"}.get(stored, "")

    def clean(self):
        data = super().clean() or {}
        for months in (6, 12):
            if data.get(f"employed_{months}m") is False and data.get(f"earnings_{months}m"):
                self.add_error(f"earnings_{months}m", _("Zonder werk is er geen maandloon: "
                                                        "laat dit leeg of kies ‘ja’."))
        return data
