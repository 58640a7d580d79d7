"""Forms for the pages; the API validates the same fields through the model validators."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from banenbrug.matching import regions
from banenbrug.matching.models import GroupStatistics, JobSeeker, Vacancy
from banenbrug.matching.profiles import PROFILE_FIELDS


def _region_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Arbeidsmarktregio"),
                             choices=[("", "—"), *regions.choices()])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = JobSeeker
        fields = PROFILE_FIELDS
        widgets = {"available_from": forms.DateInput(attrs={"type": "date"}),
                   "postcode": forms.TextInput(attrs={"inputmode": "numeric", "size": 4,
                                                      "autocomplete": "postal-code"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = _region_field()


class GroupStatisticsForm(forms.ModelForm):
    class Meta:
        model = GroupStatistics
        fields = GroupStatistics.DIMENSIONS


class VacancyForm(forms.ModelForm):
    class Meta:
        model = Vacancy
        fields = ("title", "description", "region", "postcode", "hours_min", "hours_max",
                  "part_time_possible", "salary_min", "salary_max", "hiring_mode", "openings",
                  "min_age", "work_permit_required", "other_requirements", "is_open")
        widgets = {"hiring_mode": forms.RadioSelect,
                   "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = _region_field()


class TextForm(forms.Form):
    text = forms.CharField(label=_("Tekst van je cv"), required=False, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 12}))
    upload = forms.FileField(label=_("Of upload een tekstbestand (.txt)"), required=False)


class DeclarationForm(forms.Form):
    meets_min_age = forms.BooleanField(required=False)
    may_work_in_nl = forms.BooleanField(required=False)
    meets_other = forms.BooleanField(required=False)
