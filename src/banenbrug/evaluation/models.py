"""Initiatives with outcome data, and the records of their participants and comparison group.

An `Initiative` here is deliberately small (name, cost); it is the evaluation of one registry
initiative (`registry_initiative`), which has the full picture (see `registry_link.py`).
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from banenbrug.people.models import EducationLevel


class Situation(models.TextChoices):
    JOB_SEEKER = "werkzoekend", _("werkzoekend")
    BENEFIT = "uitkering", _("met uitkering")
    EMPLOYED = "werkend", _("werkend (overstapper)")
    RETURNER = "herintreder", _("herintreder")
    STUDENT = "student", _("student of schoolverlater")
    OTHER = "anders", _("anders")


class Gender(models.TextChoices):
    FEMALE = "vrouw", _("vrouw")
    MALE = "man", _("man")
    OTHER = "anders", _("anders")


class MigrationBackground(models.TextChoices):
    NONE = "geen", _("geen migratieachtergrond")
    FIRST = "eerste_generatie", _("migratieachtergrond, eerste generatie")
    SECOND = "tweede_generatie", _("migratieachtergrond, tweede generatie")


class Initiative(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    cost_total = models.DecimalField(_("totale kosten (euro)"), max_digits=14, decimal_places=2,
                                     null=True, blank=True)
    is_example = models.BooleanField(_("voorbeeld (verzonnen gegevens)"), default=False)
    registry_initiative = models.OneToOneField(
        "registry.Initiative", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="evaluation", verbose_name=_("initiatief in het register"))
    # Computed at import (estimates, balance, overlap, warnings); pages only read it.
    report = models.JSONField(null=True, blank=True, editable=False)
    # The outcome loop's last run for this initiative: who was left out and why (counts)
    loop = models.JSONField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:initiative", args=[self.slug])


class OutcomeRecord(models.Model):
    """One person in an initiative's data: a participant or a member of the comparison group.

    No names or identifiers: the row number of the uploaded file is kept to trace problems.
    Records the outcome loop writes carry their `source` and a keyed hash of the person's
    pseudonym (`source_key`, outcome_loop.record_key), so a rerun finds them again; uploaded
    records have neither.
    """

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="records")
    row = models.PositiveIntegerField()
    source = models.CharField(max_length=20, blank=True, default="")
    source_key = models.CharField(max_length=64, blank=True, default="")
    participant = models.BooleanField()
    start_date = models.DateField()
    age = models.PositiveSmallIntegerField()
    education_level = models.CharField(max_length=12, choices=EducationLevel.choices)
    prior_earnings = models.FloatField(help_text="gross earnings in the year before the start")
    benefit_months = models.PositiveSmallIntegerField(
        help_text="months with a benefit in the two years before the start")
    region = models.CharField(max_length=100)
    situation = models.CharField(max_length=12, choices=Situation.choices)
    # self-reported and optional ("" = not reported); used only for effects per group
    gender = models.CharField(max_length=8, choices=Gender.choices, blank=True, default="")
    migration_background = models.CharField(max_length=16, choices=MigrationBackground.choices,
                                            blank=True, default="")
    employed_6m = models.BooleanField(null=True)
    employed_12m = models.BooleanField(null=True)
    tech_job_6m = models.BooleanField(null=True)
    tech_job_12m = models.BooleanField(null=True)
    retained_12m = models.BooleanField(null=True)
    earnings_6m = models.FloatField(null=True)
    earnings_12m = models.FloatField(null=True)
    earnings_pre = models.FloatField(null=True)
    earnings_post = models.FloatField(null=True)

    class Meta:
        ordering = ["initiative", "row"]
        indexes = [models.Index(fields=["initiative", "participant"])]
        constraints = [models.UniqueConstraint(
            fields=["initiative", "source", "source_key"], condition=~Q(source=""),
            name="unique_loop_record")]

    def __str__(self) -> str:
        return f"{self.initiative_id}:{self.row}"
