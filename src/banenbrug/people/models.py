"""The person and what they tell us: consent, circumstances, skills, work experience and
(optional, for the fairness audit only) group statistics; and the employers (organisations)
that publish vacancies.

The models moved here from matching (and `Circumstances` from plans) without touching the
database: each keeps its table (`Meta.db_table`), see people/migrations/0001_initial.py.
Self-reported group data lives in its own table, `GroupStatistics`, which only the fairness
audit reads; the matching service never touches it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from banenbrug.matching import regions  # pure; a node of its own in tests/test_app_layers.py
from banenbrug.taxonomy.models import Occupation, Skill

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_HOURS = 48  # the Dutch legal weekly maximum (averaged); also blocks typos like 400

postcode_validator = RegexValidator(r"^[1-9][0-9]{3}$", _("Een postcode bestaat hier uit vier "
                                                         "cijfers, 1000 tot en met 9999."))


def validate_region(code: str) -> None:
    if not regions.is_region(code):
        raise ValidationError(_("Onbekende arbeidsmarktregio: %(code)s"), params={"code": code})


def hours_field(verbose: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose, validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS)])


class Place(models.Model):
    """Where a person or a vacancy is and the hours wanted or offered (matching's Vacancy too)."""

    region = models.CharField(_("arbeidsmarktregio"), max_length=4, validators=[validate_region])
    postcode = models.CharField(_("postcode (4 cijfers)"), max_length=4,
                                validators=[postcode_validator])
    hours_min = hours_field(_("minimaal uren per week"))
    hours_max = hours_field(_("maximaal uren per week"))
    is_synthetic = models.BooleanField(default=False, help_text="synthetic demo record")

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.hours_min and self.hours_max and self.hours_min > self.hours_max:
            raise ValidationError({"hours_max": _("Het maximum aantal uren is kleiner dan het "
                                                  "minimum.")})

    @property
    def region_name(self) -> str:
        region = regions.by_code().get(self.region)
        return region.name if region else self.region


class JobSeeker(Place):
    class Situation(models.TextChoices):
        EMPLOYED = "employed", _("werkend")
        WW = "ww", _("WW-uitkering")
        BIJSTAND = "bijstand", _("bijstand")
        SELF_EMPLOYED = "selfemployed", _("zelfstandige (zzp)")
        STUDENT = "student", _("student")
        OTHER = "other", _("anders")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.CASCADE, related_name="job_seeker")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="caseload")
    available_from = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)
    situation = models.CharField(_("huidige situatie"), max_length=12,
                                 choices=Situation.choices, default=Situation.OTHER)
    consent_employers = models.BooleanField(
        _("werkgevers mogen mijn profiel zien"), default=False,
        help_text=_("Zonder toestemming tonen we je nooit aan werkgevers."))
    consent_evaluation = models.BooleanField(
        _("mijn plaatsing mag zonder naam meetellen in evaluaties van initiatieven"),
        default=False, help_text=_("Alleen aantallen verlaten Banenbrug, nooit je gegevens."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "matching_jobseeker"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours_min__lte=F("hours_max")),
                                   name="seeker_hours_ordered"),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        """How employers and analysts see a person: no name, no account."""
        return f"K-{self.pk:05d}"


class WorkExperience(models.Model):
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="experience")
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="+")
    years = models.PositiveSmallIntegerField(
        _("jaren"), validators=[MinValueValidator(0), MaxValueValidator(60)])

    class Meta:
        db_table = "matching_workexperience"
        ordering = ["-years", "id"]
        constraints = [models.UniqueConstraint(fields=["seeker", "occupation"],
                                               name="unique_seeker_occupation")]

    def __str__(self) -> str:
        return f"{self.seeker_id}: {self.occupation_id} ({self.years}y)"


class SkillSource(models.TextChoices):
    OCCUPATION = "occupation", _("uit een beroep")
    DECLARED = "declared", _("zelf opgegeven")
    EXTRACTED = "extracted", _("uit tekst, bevestigd")
    ASSESSED = "assessed", _("getoetst")


class SeekerSkill(models.Model):
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=12, choices=SkillSource.choices)
    evidence = models.CharField(max_length=300, blank=True,
                                help_text="the words that triggered an extracted skill")

    class Meta:
        db_table = "matching_seekerskill"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["seeker", "skill"],
                                               name="unique_seeker_skill")]

    def __str__(self) -> str:
        return f"{self.seeker_id}: {self.skill_id} ({self.source})"


class GroupStatistics(models.Model):
    """Self-reported, optional, for the fairness audit only. Never an input to matching."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("vrouw")
        MAN = "man", _("man")
        OTHER = "other", _("anders")

    class AgeBand(models.TextChoices):
        UNDER_27 = "<27", _("jonger dan 27")
        FROM_27 = "27-49", _("27 tot 50")
        FROM_50 = "50+", _("50 of ouder")

    class Background(models.TextChoices):
        NONE = "none", _("geen migratieachtergrond")
        MIGRATION = "migration", _("migratieachtergrond")

    seeker = models.OneToOneField(JobSeeker, on_delete=models.CASCADE, related_name="+")
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("leeftijdsgroep"), max_length=6, choices=AgeBand.choices,
                                blank=True)
    background = models.CharField(_("migratieachtergrond"), max_length=10,
                                  choices=Background.choices, blank=True)

    DIMENSIONS = ("gender", "age_band", "background")

    class Meta:
        db_table = "matching_groupstatistics"

    def __str__(self) -> str:
        return f"group statistics {self.pk}"


class Employer(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                     related_name="employers")
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        db_table = "matching_employer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Sector(models.TextChoices):
    TECHNIEK = "techniek", _("techniek en industrie")
    INSTALLATIE = "installatie", _("installatie en energie")
    BOUW = "bouw", _("bouw en infra")
    ICT = "ict", _("ICT")
    ZORG = "zorg", _("zorg en welzijn")
    ONDERWIJS = "onderwijs", _("onderwijs")
    LOGISTIEK = "logistiek", _("transport en logistiek")
    HANDEL = "handel", _("handel en dienstverlening")
    HORECA = "horeca", _("horeca en recreatie")
    OVERHEID = "overheid", _("overheid")
    OVERIG = "overig", _("overig")


class EducationLevel(models.TextChoices):
    """The highest completed education, in the three bands of the outcome format."""

    LOW = "laag", _("laag (basisonderwijs, vmbo, mbo-1)")
    MIDDLE = "middelbaar", _("middelbaar (havo, vwo, mbo-2 t/m 4)")
    HIGH = "hoog", _("hoog (hbo, wo)")


class Circumstances(models.Model):
    """What the funding rules and the income picture need beyond the matching profile, and
    the two facts an evaluation needs besides (education, months on a benefit).

    Birth year rather than a birth date: enough for age rules (±1 year, said on the page),
    less identifying.
    """

    seeker = models.OneToOneField(JobSeeker, on_delete=models.CASCADE,
                                  related_name="circumstances")
    birth_year = models.PositiveSmallIntegerField(
        _("geboortejaar"), null=True, blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2015)])
    annual_income_eur = models.PositiveIntegerField(
        _("jaarinkomen (bruto, euro)"), null=True, blank=True,
        validators=[MaxValueValidator(1_000_000)])
    monthly_income_eur = models.PositiveIntegerField(
        _("inkomen of uitkering nu (bruto per maand, euro)"), null=True, blank=True,
        validators=[MaxValueValidator(100_000)])
    sector = models.CharField(_("sector van het huidige werk"), max_length=12,
                              choices=Sector.choices, blank=True)
    study_hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week voor leren"), default=16,
        validators=[MinValueValidator(1), MaxValueValidator(40)])
    # only read by the outcome loop, and only with consent_evaluation (docs/evaluation.md)
    education_level = models.CharField(_("hoogste afgeronde opleiding"), max_length=12,
                                       choices=EducationLevel.choices, blank=True)
    benefit_months = models.PositiveSmallIntegerField(
        _("maanden met een uitkering in de afgelopen twee jaar"), null=True, blank=True,
        validators=[MaxValueValidator(24)])

    class Meta:
        db_table = "plans_circumstances"

    def __str__(self) -> str:
        return f"circumstances {self.pk}"


class FollowUp(models.Model):
    """What a person says about work after their start (6 and 12 months), for evaluations only.

    Kept only while `consent_evaluation` holds (withdrawing it deletes this row). Earnings are
    gross per month, as in the outcome format; empty = not (yet) answered.
    """

    seeker = models.OneToOneField(JobSeeker, on_delete=models.CASCADE, related_name="follow_up")
    employed_6m = models.BooleanField(_("werk, 6 maanden na de start"), null=True, blank=True)
    earnings_6m = models.PositiveIntegerField(
        _("bruto maandloon, 6 maanden na de start (euro)"), null=True, blank=True,
        validators=[MaxValueValidator(100_000)])
    employed_12m = models.BooleanField(_("werk, 12 maanden na de start"), null=True,
                                       blank=True)
    earnings_12m = models.PositiveIntegerField(
        _("bruto maandloon, 12 maanden na de start (euro)"), null=True, blank=True,
        validators=[MaxValueValidator(100_000)])
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"follow-up {self.pk}"
