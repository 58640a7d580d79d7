from django.db import models

from banenbrug.accounts.roles import PERMISSIONS


class RolePermissions(models.Model):
    """Holds no rows: it only carries the role permissions (Django ties permissions to models)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = list(PERMISSIONS.items())

    def __str__(self) -> str:
        return "role permissions"
