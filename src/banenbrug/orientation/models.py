"""Editorial content (stories, role models) and anonymous reach counts for Ontdek.

Occupations are referred to by their ESCO URI (the stable key), not a foreign key, so content
survives a re-import of ESCO.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from banenbrug.taxonomy.models import Occupation


def _known_occupation(uri: str) -> None:
    if not Occupation.objects.filter(uri=uri).exists():
        raise ValidationError(_("Geen ESCO-beroep met deze URI: %(uri)s"), params={"uri": uri})


class OccupationStory(models.Model):
    """What the work looks like on a day and what it contributes, in plain words."""

    occupation_uri = models.CharField(_("ESCO-beroep (URI)"), max_length=200, unique=True,
                                      validators=[_known_occupation])
    day_nl = models.TextField(_("Een werkdag (Nederlands)"))
    day_en = models.TextField(_("Een werkdag (Engels)"), blank=True)
    contribution_nl = models.TextField(_("Bijdrage aan de transitie (Nederlands)"))
    contribution_en = models.TextField(_("Bijdrage aan de transitie (Engels)"), blank=True)
    is_example = models.BooleanField(_("voorbeeldinhoud"), default=True)

    class Meta:
        verbose_name = _("beroepsverhaal")
        verbose_name_plural = _("beroepsverhalen")
        ordering = ["occupation_uri"]

    def __str__(self) -> str:
        return self.occupation_uri

    def day(self, lang: str) -> str:
        return (self.day_en if lang == "en" else "") or self.day_nl

    def contribution(self, lang: str) -> str:
        return (self.contribution_en if lang == "en" else "") or self.contribution_nl


class RoleModel(models.Model):
    """A short profile of someone in a green or digital job. Photos are placeholders (initials)."""

    name = models.CharField(_("naam"), max_length=100)
    occupation_uri = models.CharField(_("ESCO-beroep (URI)"), max_length=200, db_index=True,
                                      validators=[_known_occupation])
    job_title = models.CharField(_("functie zoals de persoon die noemt"), max_length=150)
    quote_nl = models.TextField(_("uitspraak (Nederlands)"))
    quote_en = models.TextField(_("uitspraak (Engels)"), blank=True)
    route_nl = models.TextField(_("hoe kwam je hier (Nederlands)"))
    route_en = models.TextField(_("hoe kwam je hier (Engels)"), blank=True)
    works_part_time = models.BooleanField(_("werkt in deeltijd"), default=False)
    side_entrant = models.BooleanField(_("zij-instromer"), default=False)
    is_example = models.BooleanField(_("voorbeeldinhoud (verzonnen persoon)"), default=True)
    published = models.BooleanField(_("gepubliceerd"), default=True)

    class Meta:
        verbose_name = _("rolmodel")
        verbose_name_plural = _("rolmodellen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()

    def quote(self, lang: str) -> str:
        return (self.quote_en if lang == "en" else "") or self.quote_nl

    def route(self, lang: str) -> str:
        return (self.route_en if lang == "en" else "") or self.route_nl


class ReachCount(models.Model):
    """An anonymous counter: no person, no time finer than the month, no address, no cookie."""

    class Kind(models.TextChoices):
        STORY_VIEW = "story_view", _("beroepsverhaal bekeken")
        SUGGESTION = "suggestion", _("voorgesteld na de vragenlijst")
        COMPLETED = "completed", _("vragenlijst ingevuld")

    period = models.CharField(max_length=7, help_text="YYYY-MM")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    route = models.CharField(max_length=2, blank=True,
                             help_text="top-two interest code of the questionnaire, e.g. RI")
    occupation_uri = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bereik (anoniem)")
        verbose_name_plural = _("bereik (anoniem)")
        constraints = [models.UniqueConstraint(
            fields=["period", "kind", "route", "occupation_uri"], name="unique_reach_count")]

    def __str__(self) -> str:
        return f"{self.period} {self.kind} {self.route} {self.occupation_uri}: {self.count}"
