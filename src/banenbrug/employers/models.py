"""The employer self-scan's results (one dated row per scan, owned by the employer), and
training cohorts with a job promise with their applications and outcomes."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from banenbrug.matching import regions  # pure
from banenbrug.people.models import Employer, JobSeeker, validate_region


class SelfScan(models.Model):
    """One completed scan. A re-scan is a new row, so the history shows progress. The scores
    are stored as computed then: a later questionnaire does not rewrite old results."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="selfscans")
    taken_at = models.DateTimeField(_("ingevuld op"), default=timezone.now, db_index=True)
    sector = models.CharField(_("sector"), max_length=8)  # SBI 2008 section: sbi:C
    region = models.CharField(_("provincie"), max_length=8)  # PVnn
    version = models.CharField(_("versie vragenlijst"), max_length=20)
    answers = models.JSONField(_("antwoorden"))  # question key -> option key
    scores = models.JSONField(_("scores"))  # theme key -> 0-100
    is_example = models.BooleanField(_("voorbeeld"), default=False)

    class Meta:
        ordering = ["employer", "taken_at"]
        verbose_name = _("zelfscan")
        verbose_name_plural = _("zelfscans")

    def __str__(self) -> str:
        return f"{self.employer} {self.taken_at:%Y-%m-%d}"


class Cohort(models.Model):
    """A training cohort with a job promise (the GAP Academy model): modules from the catalogue,
    a start date, places and a region; employers pledge jobs to it in the registry
    (`registry.Pledge.cohort`). The employer account's members run it."""

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, max_length=4000)
    initiative = models.ForeignKey("registry.Initiative", on_delete=models.PROTECT,
                                   related_name="cohorts", verbose_name=_("initiatief"))
    organiser = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="cohorts",
                                  verbose_name=_("organisator"))
    modules = models.ManyToManyField("plans.TrainingModule", related_name="+",
                                     verbose_name=_("modules uit de catalogus"))
    occupation = models.ForeignKey("taxonomy.Occupation", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("beroep waarvoor wordt opgeleid"))
    start_date = models.DateField(_("startdatum"))
    places = models.PositiveSmallIntegerField(
        _("plaatsen"), validators=[MinValueValidator(1), MaxValueValidator(500)])
    region = models.CharField(_("arbeidsmarktregio"), max_length=4,
                              validators=[validate_region])
    threshold = models.PositiveSmallIntegerField(
        _("drempel instapvaardigheden (procent)"), default=50,
        validators=[MaxValueValidator(100)])
    is_open = models.BooleanField(_("aanmelden mogelijk"), default=True)
    is_example = models.BooleanField(_("voorbeeld"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorten")
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gte=1), name="cohort_has_places"),
            models.CheckConstraint(condition=models.Q(threshold__lte=100),
                                   name="cohort_threshold_percent"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def region_name(self) -> str:
        return regions.name(self.region)


class CohortApplication(models.Model):
    """A job seeker's application to a cohort; after admission also their outcomes (recorded
    only with their consent to evaluation)."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("aangemeld")
        ADMITTED = "admitted", _("toegelaten")
        RESERVE = "reserve", _("op de wachtlijst")
        NOT_PASSED = "not_passed", _("niet toegelaten")
        WITHDRAWN = "withdrawn", _("teruggetrokken")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE,
                               related_name="cohort_applications")
    position = models.PositiveIntegerField()  # order of application, 1 first
    applied_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.APPLIED)
    # the assessment at the last selection: entry skills held, of how many
    held = models.PositiveSmallIntegerField(null=True, blank=True)
    needed = models.PositiveSmallIntegerField(null=True, blank=True)
    reserve_rank = models.PositiveIntegerField(null=True, blank=True)
    selected_at = models.DateTimeField(null=True, blank=True)
    completed = models.BooleanField(_("opleiding afgerond"), null=True, blank=True)
    hired = models.BooleanField(_("aangenomen"), null=True, blank=True)
    hired_pledge = models.ForeignKey("registry.Pledge", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("bij werkgever met banengarantie"))
    employed_6m = models.BooleanField(_("na 6 maanden nog in dienst"), null=True, blank=True)
    employed_12m = models.BooleanField(_("na 12 maanden nog in dienst"), null=True,
                                       blank=True)

    class Meta:
        ordering = ["cohort", "position"]
        verbose_name = _("aanmelding voor een cohort")
        verbose_name_plural = _("aanmeldingen voor cohorten")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "position"],
                                    name="unique_cohort_position"),
            models.UniqueConstraint(fields=["cohort", "seeker"], name="unique_cohort_seeker"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort_id}: {self.position}"
