from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from banenbrug.jobs.states import QUEUED, STATUSES


class Job(models.Model):
    """Work that runs outside the request: one row per job, the only record of its state."""

    kind = models.CharField(max_length=50)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=[(s, s) for s in STATUSES], default=QUEUED)
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=200, blank=True)
    result = models.JSONField(null=True, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    # a file result (PDF, a serialised forecast) kept in the row: workers on other machines
    # share nothing with the web processes but the database and Redis
    output = models.BinaryField(null=True, blank=True)
    output_name = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.CASCADE, related_name="jobs")
    # anonymous visitors (public pages such as the forecast) see the jobs of their session
    session_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])
