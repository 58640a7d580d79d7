"""Forms for the pages; the API validates the same fields through the model validators."""

from __future__ import annotations

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from banenbrug.language import current_lang
from banenbrug.matching import cv_files, regions
from banenbrug.matching.models import HiringMode, LearnWorkRoute, Vacancy
from banenbrug.matching.profiles import PROFILE_FIELDS
from banenbrug.matching.service import MatchFilters
from banenbrug.matching.vacancies import VACANCY_FIELDS
from banenbrug.people.models import MAX_HOURS, GroupStatistics, JobSeeker


class PlaceFields(forms.ModelForm):
    """Municipality and region as two selects with Dutch names: a municipality alone is enough
    (the model fills its region), a region alone keeps working (no distance then)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = forms.ChoiceField(
            label=_("Arbeidsmarktregio"), required=False,
            choices=[("", _("— volgt uit de gemeente —")), *regions.choices()])
        self.fields["municipality"] = forms.ChoiceField(
            label=_("Gemeente"), required=False, help_text=self.fields["municipality"].help_text,
            choices=[("", "—"), *regions.municipality_choices()],
            widget=forms.Select(attrs={"autocomplete": "address-level2"}))

    def clean(self):
        data = super().clean()
        if not data.get("region") and not data.get("municipality"):
            self.add_error("municipality", _("Kies een gemeente of een arbeidsmarktregio."))
        return data


class ProfileForm(PlaceFields):
    class Meta:
        model = JobSeeker
        fields = PROFILE_FIELDS
        # <input type=date> only takes ISO dates: the Dutch format (01-01-2027) shows empty
        widgets = {"available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "postcode": forms.TextInput(attrs={"inputmode": "numeric", "size": 4,
                                                      "autocomplete": "postal-code"})}


class MatchFilterForm(forms.Form):
    """The matches page's filters, a GET form: the state lives in the URL (Dutch names)."""

    afstand = forms.IntegerField(
        label=_("Hooguit zo ver (km hemelsbreed)"), required=False,
        min_value=MatchFilters.LIMITS["max_km"][0], max_value=MatchFilters.LIMITS["max_km"][1],
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}))
    uren = forms.IntegerField(
        label=_("Uren per week"), required=False, min_value=1, max_value=MAX_HOURS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 3}))
    werving = forms.ChoiceField(label=_("Manier van werven"), required=False,
                                choices=[("", _("alle")), *HiringMode.choices])
    regio = forms.ChoiceField(label=_("Regio van de vacature"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].choices = [("", _("heel Nederland")), *regions.choices()]

    def filters(self) -> MatchFilters:
        """The filters of a valid form; none for an unbound or invalid one."""
        if not self.is_bound or not self.is_valid():
            return MatchFilters()
        data = self.cleaned_data
        return MatchFilters(max_km=data["afstand"], hours=data["uren"],
                            hiring_mode=data["werving"], region=data["regio"])


class GroupStatisticsForm(forms.ModelForm):
    class Meta:
        model = GroupStatistics
        fields = GroupStatistics.DIMENSIONS


class VacancyForm(PlaceFields):
    class Meta:
        model = Vacancy
        fields = VACANCY_FIELDS
        widgets = {"hiring_mode": forms.RadioSelect,
                   "description": forms.Textarea(attrs={"rows": 5})}


class TextForm(forms.Form):
    """Paste a CV or choose a file (PDF, DOCX, text); both become one checked text in
    ``cleaned_data["cv_text"]``, read in memory (cv_files) and never stored."""

    text = forms.CharField(label=_("Tekst van je cv"), required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 12}))
    upload = forms.FileField(
        label=_("Of upload je cv"), required=False, allow_empty_file=True,
        help_text=_("PDF, Word (.docx) of tekst (.txt), hooguit 5 MB. We lezen het bestand "
                    "en bewaren het niet."),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".pdf,.docx,.txt,application/pdf,text/plain,application/"
                      "vnd.openxmlformats-officedocument.wordprocessingml.document"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text = self.fields["text"]  # NUL characters get the reader's message, as in the API
        text.validators = [v for v in text.validators
                           if not isinstance(v, ProhibitNullCharactersValidator)]

    def clean(self):
        data = super().clean()
        text, upload = data.get("text") or "", data.get("upload")
        if upload and text.strip():
            raise forms.ValidationError(_("Plak de tekst óf kies een bestand, niet allebei."),
                                        code="both")
        lang = current_lang()
        try:
            if upload:
                data["cv_text"] = cv_files.read_cv_file(upload.name, upload.read())
            elif text.strip():
                data["cv_text"] = cv_files.check_pasted(text)
            else:
                raise forms.ValidationError(_("Plak de tekst van je cv of kies een bestand."),
                                            code="empty")
        except cv_files.DocumentError as exc:
            self.add_error("upload" if upload else "text",
                           forms.ValidationError(exc.message(lang), code=exc.code))
        return data


class DeclarationForm(forms.Form):
    meets_min_age = forms.BooleanField(required=False)
    may_work_in_nl = forms.BooleanField(required=False)
    meets_other = forms.BooleanField(required=False)


class LearnWorkForm(forms.ModelForm):
    """The route of a learn-work vacancy; the page shows it only for that hiring mode."""

    modules = forms.ModelMultipleChoiceField(
        label=_("Modules uit de catalogus"), required=False, queryset=None,
        to_field_name="key", widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Wat je nieuwe collega in de opleiding leert. Kies modules, een "
                    "BBL-opleiding of allebei."))

    class Meta:
        model = LearnWorkRoute
        fields = ("wage_eur", "work_hours", "school_hours", "diploma", "bbl_level", "bbl_name")
        widgets = {"wage_eur": forms.NumberInput(attrs={"min": 0, "step": 1}),
                   "work_hours": forms.NumberInput(attrs={"min": 0, "max": MAX_HOURS}),
                   "school_hours": forms.NumberInput(attrs={"min": 0, "max": MAX_HOURS})}

    def __init__(self, *args, skill_uris: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Modules that teach most of the vacancy's skills first: the catalogue is long. The
        # catalogue (plans) builds on this app, so it is reached through the route's relation.
        teaching = Count("skills", filter=Q(skills__uri__in=skill_uris or []))
        catalogue = LearnWorkRoute._meta.get_field("modules").related_model._default_manager
        self.fields["modules"].queryset = catalogue.annotate(
            teaching=teaching).order_by("-teaching", "title", "key")
        self.fields["bbl_level"].choices = [("", "—"), *LearnWorkRoute.BblLevel.choices]
        self.fields["modules"].label_from_instance = (
            lambda m: f"{m.title} ({m.provider}, {m.hours} uur)")
        if self.instance.pk:
            self.initial["modules"] = list(self.instance.modules.values_list("key", flat=True))

    def clean(self):
        data = super().clean()
        work, school = data.get("work_hours"), data.get("school_hours")
        if work is not None and school is not None and work + school > MAX_HOURS:
            self.add_error("school_hours", _(
                "Werk en school samen zijn %(n)s uur per week; dat mag hooguit %(max)s zijn.")
                % {"n": work + school, "max": MAX_HOURS})
        if not data.get("modules") and not (data.get("bbl_name") or "").strip():
            raise forms.ValidationError(_("Een leerwerkbaan noemt minstens één opleiding: "
                                          "modules uit de catalogus of een BBL-opleiding."),
                                        code="no_training")
        return data

    def route(self, bbl_skills: list[str]):
        from banenbrug.matching.vacancies import LearnWork

        data = self.cleaned_data
        return LearnWork(wage_eur=data["wage_eur"], work_hours=data["work_hours"],
                         school_hours=data["school_hours"], diploma=data["diploma"],
                         module_keys=[m.key for m in data.get("modules") or []],
                         bbl_level=data.get("bbl_level"), bbl_name=data.get("bbl_name") or "",
                         bbl_skills=bbl_skills)
