"""The training catalogue, funding schemes as data, and a person's circumstances for a plan.

A scheme's eligibility is a rule in the small language of `rules.py`, stored as text and
checked when saved or imported: adding a scheme is a data change, never a code change.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from banenbrug.people.models import validate_region
from banenbrug.plans import rules
from banenbrug.taxonomy.models import Skill


class ModuleForm(models.TextChoices):
    MODULAR = "modular", _("modulaire cursus")
    PART_TIME = "part_time", _("deeltijdopleiding")
    BOOTCAMP = "bootcamp", _("bootcamp")
    LEARN_WORK = "learn_work", _("leerwerktraject")
    PUBLIC_PRIVATE = "public_private", _("publiek-privaat programma")


class Delivery(models.TextChoices):
    ONLINE = "online", _("online")
    IN_PERSON = "in_person", _("op locatie")
    BLENDED = "blended", _("deels online")


class Award(models.TextChoices):
    CERTIFICATE = "certificate", _("certificaat")
    MICROCREDENTIAL = "microcredential", _("microcredential")
    MBO_MODULE = "mbo_module", _("mbo-module (keuzedeel of certificaat)")
    HBO_MODULE = "hbo_module", _("hbo-module (associate degree of minor)")
    NONE = "none", _("bewijs van deelname")


class TrainingModule(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    provider = models.CharField(_("aanbieder"), max_length=200)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, max_length=4000)
    skills = models.ManyToManyField(Skill, through="ModuleSkill", related_name="+",
                                    verbose_name=_("ESCO-vaardigheden"))
    hours = models.PositiveIntegerField(
        _("studie-uren"), validators=[MinValueValidator(1), MaxValueValidator(5000)])
    weeks = models.PositiveSmallIntegerField(
        _("duur in weken"), validators=[MinValueValidator(1), MaxValueValidator(260)])
    cost_eur = models.DecimalField(_("kosten (euro)"), max_digits=10, decimal_places=2,
                                   validators=[MinValueValidator(0)])
    form = models.CharField(_("vorm"), max_length=16, choices=ModuleForm.choices)
    delivery = models.CharField(_("waar"), max_length=10, choices=Delivery.choices)
    region = models.CharField(_("arbeidsmarktregio"), max_length=4, blank=True,
                              validators=[validate_region],
                              help_text=_("Leeg: landelijk of online."))
    start_dates = models.JSONField(_("startdata"), default=list, blank=True,
                                   help_text=_("ISO-data (JJJJ-MM-DD); leeg: doorlopend "
                                               "instromen."))
    award = models.CharField(_("wat je krijgt"), max_length=16, choices=Award.choices)
    learn_work_wage_eur = models.DecimalField(
        _("leerwerkloon (bruto per maand)"), max_digits=8, decimal_places=2, null=True,
        blank=True, validators=[MinValueValidator(0)])
    source_url = models.URLField(_("bron"), blank=True)
    is_example = models.BooleanField(_("voorbeeld"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "key"]
        verbose_name = _("opleidingsmodule")
        verbose_name_plural = _("opleidingsmodules")

    def __str__(self) -> str:
        return f"{self.title} ({self.provider})"


class ModuleSkill(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE,
                               related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["module", "skill"],
                                               name="unique_module_skill")]

    def __str__(self) -> str:
        return f"{self.module_id}: {self.skill_id}"


class SchemeKind(models.TextChoices):
    NATIONAL = "national", _("landelijk ontwikkelbudget")
    SECTOR = "sector", _("sector- of opleidingsfonds")
    REGIONAL = "regional", _("regionaal mobiliteitsbudget")
    MUNICIPAL = "municipal", _("gemeentelijk budget")
    EMPLOYER = "employer", _("werkgever (leerwerkroute)")
    OTHER = "other", _("anders")


class PaysFor(models.TextChoices):
    TRAINING = "training", _("opleidingskosten")
    INCOME = "income", _("inkomen tijdens de opleiding")


class CapBasis(models.TextChoices):
    PER_PERSON = "per_person", _("per persoon")
    PER_YEAR = "per_year", _("per persoon per jaar")


def validate_rule(text: str) -> None:
    try:
        rules.parse(text)
    except rules.RuleError as exc:
        raise ValidationError(_("De regel klopt niet: %(reason)s"),
                              params={"reason": str(exc)}) from exc


class FundingScheme(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    provider = models.CharField(_("verstrekker"), max_length=200)
    kind = models.CharField(_("soort"), max_length=10, choices=SchemeKind.choices)
    pays_for = models.CharField(_("betaalt"), max_length=10, choices=PaysFor.choices,
                                default=PaysFor.TRAINING)
    eligibility = models.TextField(
        _("wie komt in aanmerking (regel)"), blank=True, validators=[validate_rule],
        help_text=_("Bijvoorbeeld: situation in (ww, bijstand) and age >= 27. Leeg: iedereen. "
                    "Zie docs/plans.md."))
    percent = models.DecimalField(_("percentage van de kosten"), max_digits=5, decimal_places=2,
                                  default=100,
                                  validators=[MinValueValidator(0), MaxValueValidator(100)])
    max_eur = models.DecimalField(_("maximum (euro)"), max_digits=10, decimal_places=2,
                                  null=True, blank=True, validators=[MinValueValidator(0)])
    cap_basis = models.CharField(_("maximum geldt"), max_length=10, choices=CapBasis.choices,
                                 default=CapBasis.PER_PERSON)
    monthly_eur = models.DecimalField(
        _("bedrag per maand (inkomensregeling)"), max_digits=8, decimal_places=2, null=True,
        blank=True, validators=[MinValueValidator(0)])
    forms = models.JSONField(_("alleen voor deze vormen"), default=list, blank=True,
                             help_text=_("Leeg: alle vormen."))
    stackable = models.BooleanField(_("te combineren met andere regelingen"), default=True)
    excludes = models.JSONField(_("niet te combineren met (sleutels)"), default=list,
                                blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    apply_by = models.DateField(_("aanvragen uiterlijk"), null=True, blank=True)
    source_url = models.URLField(_("bron"), blank=True)
    notes = models.TextField(_("toelichting"), blank=True, max_length=2000)
    is_example = models.BooleanField(_("voorbeeld"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "key"]
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.pays_for == PaysFor.INCOME and self.monthly_eur is None:
            raise ValidationError({"monthly_eur": _("Een inkomensregeling heeft een bedrag per "
                                                    "maand.")})
        bad = [f for f in self.forms or [] if f not in ModuleForm.values]
        if bad:
            raise ValidationError({"forms": _("Onbekende vorm: %(forms)s") % {
                "forms": ", ".join(map(str, bad))}})


class PlanVersion(models.Model):
    """A plan a coach and a person agreed on: the plan's query (its whole state, see
    forms.PlanQuery), why it was chosen, and what it cost then, so that the person sees what
    changed even after the catalogue's prices move on. Versions are numbered per person and
    never edited: a new agreement is a new version."""

    seeker = models.ForeignKey("people.JobSeeker", on_delete=models.CASCADE,
                               related_name="plan_versions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    query = models.CharField(max_length=2000)
    destination = models.CharField(_("doel"), max_length=300)
    note = models.TextField(_("waarom deze versie"), max_length=1000, blank=True)
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["seeker", "-number"]
        verbose_name = _("versie van een overstapplan")
        verbose_name_plural = _("versies van overstapplannen")
        constraints = [models.UniqueConstraint(fields=["seeker", "number"],
                                               name="unique_plan_version_number")]

    def __str__(self) -> str:
        return f"{self.seeker_id} v{self.number}"
