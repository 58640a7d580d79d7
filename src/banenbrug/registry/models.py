"""Regions, initiatives, consultation tables and employer pledges."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from banenbrug.taxonomy.models import Occupation


class Region(models.Model):
    """A municipality, labour-market region, RES region or province (CBS codes)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("gemeente")
        LABOUR_MARKET = "labour_market", _("arbeidsmarktregio")
        RES = "res", _("RES-regio")
        PROVINCE = "province", _("provincie")

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    # For municipalities only: where they lie in each world.
    labour_market_region = models.ForeignKey("self", null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    res_region = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    province = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Kind(models.TextChoices):
    TECHNICAL_EDUCATION = "technical_education", _("techniekonderwijs")
    SIDE_ENTRY = "side_entry", _("zij-instroom en omscholing")
    MATCHING = "matching", _("matching")
    RETENTION = "retention", _("behoud")
    INCLUSION = "inclusion", _("werkcultuur en inclusie")
    PROCESS_INNOVATION = "process_innovation", _("procesinnovatie")


class TargetGroup(models.TextChoices):
    WOMEN = "women", _("vrouwen")
    YOUTH = "youth", _("jongeren")
    MIGRATION = "migration", _("mensen met een migratieachtergrond")
    BENEFITS = "benefits", _("mensen met een uitkering")
    SWITCHERS = "switchers", _("zij-instromers")
    EMPLOYEES = "employees", _("werkenden")


class Status(models.TextChoices):
    PLANNED = "planned", _("gepland")
    ACTIVE = "active", _("lopend")
    ENDED = "ended", _("afgelopen")


class FundingType(models.TextChoices):
    STRUCTURAL = "structural", _("structureel")
    PROJECT = "project", _("projectfinanciering")
    UNKNOWN = "unknown", _("onbekend")


class Theme(models.TextChoices):
    ICT = "ict", _("ICT en digitaal")
    HEAT_PUMP = "heat_pump", _("warmtepompen")
    INSTALLATION = "installation", _("installatietechniek")
    ELECTRICAL = "electrical", _("elektrotechniek")
    SOLAR_WIND = "solar_wind", _("zon en wind")
    GRID = "grid", _("energienetten")
    CONSTRUCTION = "construction", _("bouw en verduurzaming")
    MANUFACTURING = "manufacturing", _("maakindustrie en metaal")


class Rhythm(models.TextChoices):
    WEEKLY = "weekly", _("wekelijks")
    MONTHLY = "monthly", _("maandelijks")
    QUARTERLY = "quarterly", _("per kwartaal")
    HALF_YEARLY = "half_yearly", _("halfjaarlijks")
    YEARLY = "yearly", _("jaarlijks")
    AD_HOC = "ad_hoc", _("wanneer nodig")


class Placed(models.Model):
    """What initiatives and tables share: a stable key, places, occupations, example flag."""

    key = models.SlugField(max_length=80, unique=True,
                           help_text=_("vaste sleutel voor import en export"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    national = models.BooleanField(_("landelijk"), default=False)
    regions = models.ManyToManyField(Region, blank=True, related_name="registry_%(class)ss",
                                     verbose_name=_("regio's"))
    occupations = models.ManyToManyField(Occupation, blank=True,
                                         related_name="registry_%(class)ss",
                                         verbose_name=_("beroepen (ESCO)"))
    target_groups = models.JSONField(_("doelgroepen"), default=list, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    source = models.URLField(_("bron"), blank=True, help_text=_("openbare bron, voor echte"
                                                                 " initiatieven"))
    is_example = models.BooleanField(_("voorbeeld"), default=False,
                                     help_text=_("verzonnen voorbeeldgegevens"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Initiative(Placed):
    organisation = models.CharField(_("organisatie"), max_length=200)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    isco_groups = models.JSONField(_("sectoren (ISCO-groepen)"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.ACTIVE)
    funding_amount = models.DecimalField(_("financiering (euro)"), max_digits=14,
                                         decimal_places=2, null=True, blank=True,
                                         validators=[MinValueValidator(0)])
    funding_source = models.CharField(_("financier"), max_length=200, blank=True)
    funding_start = models.DateField(_("financiering vanaf"), null=True, blank=True)
    funding_end = models.DateField(_("financiering tot"), null=True, blank=True)
    funding_type = models.CharField(_("soort financiering"), max_length=12,
                                    choices=FundingType.choices, default=FundingType.UNKNOWN)

    class Meta(Placed.Meta):
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        constraints = [models.CheckConstraint(condition=models.Q(funding_amount__gte=0),
                                              name="initiative_funding_not_negative")]


class Outcome(models.Model):
    """A link to a measured result; the evaluation pillar adds these."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="outcomes")
    label = models.CharField(_("omschrijving"), max_length=300)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("gemeten resultaat")
        verbose_name_plural = _("gemeten resultaten")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class Table(Placed):
    """A regional or national consultation table."""

    organiser = models.CharField(_("organisator"), max_length=200)
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    rhythm = models.CharField(_("ritme"), max_length=12, choices=Rhythm.choices,
                              default=Rhythm.QUARTERLY)

    class Meta(Placed.Meta):
        verbose_name = _("overlegtafel")
        verbose_name_plural = _("overlegtafels")


class TableMember(models.Model):
    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="members")
    organisation = models.CharField(_("organisatie"), max_length=200)
    role = models.CharField(_("rol"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.organisation


class Pledge(models.Model):
    """An employer commits jobs to a programme's graduates in advance; delivery is tracked."""

    key = models.SlugField(max_length=80, unique=True)
    employer = models.CharField(_("werkgever"), max_length=200)
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="pledges",
                                   verbose_name=_("programma"))
    table = models.ForeignKey(Table, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="pledges", verbose_name=_("overlegtafel"))
    occupation = models.ForeignKey(Occupation, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("beroep"))
    # the training cohort the jobs are promised to (employers.Cohort; named, not imported:
    # employers builds on the registry)
    cohort = models.ForeignKey("employers.Cohort", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="pledges",
                               verbose_name=_("cohort"))
    jobs_pledged = models.PositiveIntegerField(_("toegezegde banen"))
    jobs_delivered = models.PositiveIntegerField(_("geleverde banen"), default=0)
    pledged_on = models.DateField(_("toegezegd op"), null=True, blank=True)
    deadline = models.DateField(_("uiterlijk"), null=True, blank=True)
    is_example = models.BooleanField(_("voorbeeld"), default=False)

    class Meta:
        verbose_name = _("banengarantie")
        verbose_name_plural = _("banengaranties")
        ordering = ["employer"]

    def __str__(self) -> str:
        return f"{self.employer}: {self.jobs_pledged}"

    @property
    def delivery_rate(self) -> float | None:
        return self.jobs_delivered / self.jobs_pledged if self.jobs_pledged else None


class EnergyTarget(models.Model):
    """An energy-transition target of a RES region (e.g. its RES 1.0 bid in TWh)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="energy_targets",
                               limit_choices_to={"kind": Region.Kind.RES})
    description = models.CharField(_("omschrijving"), max_length=300)
    source = models.URLField(_("bron"), blank=True)
    is_example = models.BooleanField(_("voorbeeld"), default=False)

    class Meta:
        verbose_name = _("energiedoel")
        verbose_name_plural = _("energiedoelen")
        ordering = ["region__code"]

    def __str__(self) -> str:
        return f"{self.region.code}: {self.description}"
