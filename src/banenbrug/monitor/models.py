"""Indicators in the documented long format (see indicators.py and docs/monitor.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Indicator(models.Model):
    period = models.CharField(_("periode"), max_length=9)
    period_start = models.DateField()
    period_end = models.DateField()
    # region codes as strings (NL, AMnn, PVnn), validated against the CBS GeoJSON on import
    region = models.CharField(_("regio"), max_length=8)
    occupation_group = models.CharField(_("beroepsgroep"), max_length=40)
    population_group = models.CharField(_("bevolkingsgroep"), max_length=40)
    indicator = models.CharField(_("indicator"), max_length=60)
    value = models.FloatField(_("waarde"))
    low = models.FloatField(_("ondergrens"), null=True, blank=True)
    high = models.FloatField(_("bovengrens"), null=True, blank=True)
    unit = models.CharField(_("eenheid"), max_length=10)
    base_n = models.PositiveIntegerField(_("aantal personen"), null=True, blank=True)
    source = models.TextField(_("bron"))
    note = models.TextField(_("toelichting"), blank=True)
    example = models.BooleanField(_("voorbeelddata"), default=False)
    # the CBS StatLine table a figure comes from (empty for other sources), and the source's own
    # title of the row's category (a BRC 2014 occupation's name)
    table_id = models.CharField(_("CBS-tabel"), max_length=12, blank=True, default="")
    label = models.CharField(_("omschrijving"), max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    KEY = ("period", "region", "occupation_group", "population_group", "indicator")

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["period", "region", "occupation_group", "population_group", "indicator"],
            name="monitor_indicator_unique_cell")]
        indexes = [models.Index(fields=["indicator", "occupation_group", "period_start"])]
        ordering = ["indicator", "region", "period_start"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return f"{self.indicator} {self.region} {self.period}: {self.value:g} {self.unit}"
