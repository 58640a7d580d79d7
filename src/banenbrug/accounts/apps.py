from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "banenbrug.accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self) -> None:
        # Permissions only exist after migrate's own post_migrate step, so groups follow it.
        post_migrate.connect(ensure_roles, sender=self)


def ensure_roles(sender, using="default", **kwargs) -> None:
    """Create the role groups with exactly their permissions; safe to run again."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from banenbrug.accounts.roles import ROLE_PERMISSIONS

    create_permissions(sender, verbosity=0, using=using)
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        permissions = Permission.objects.using(using).filter(
            content_type__app_label="accounts", codename__in=codenames)
        group.permissions.set(permissions)
