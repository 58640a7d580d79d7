from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from banenbrug.accounts.roles import PERMISSIONS


class RolePermissions(models.Model):
    """Holds no rows: it only carries the role permissions (Django ties permissions to models)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = list(PERMISSIONS.items())

    def __str__(self) -> str:
        return "role permissions"


class PrivacyConsent(models.Model):
    """A person agreed to one version of the privacy terms at one moment; kept as evidence."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="privacy_consents")
    version = models.CharField(_("versie"), max_length=20)
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"consent {self.version} by {self.user_id}"


class EmployerRequest(models.Model):
    """An employer account asked for at registration; the role follows an administrator's yes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging")
        GRANTED = "granted", _("bevestigd")
        REFUSED = "refused", _("afgewezen")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="employer_request")
    organisation = models.CharField(_("organisatie"), max_length=200)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"employer request {self.pk} ({self.status})"


class Invitation(models.Model):
    """A coach's invitation to register: single use, expiring. Only a hash of the token is
    stored, so a copy of the database cannot be used to accept invitations."""

    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="invitations_sent")
    email = models.EmailField(_("e-mailadres"))
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_by = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="invitation")
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and timezone.now() < self.expires_at
