"""The employer self-scan's results: one dated row per scan, owned by the employer."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from banenbrug.people.models import Employer


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
