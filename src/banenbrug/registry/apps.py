from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "banenbrug.registry"
    verbose_name = _("Register van initiatieven")
    # `banenbrug setup` runs these: regions from the data dir, then the example set.
    setup_commands = ["registry_setup"]
