from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "banenbrug.plans"
    verbose_name = _("Overstapplannen")
    # `banenbrug setup` loads the example catalogue and schemes (each marked as an example).
    setup_commands = ["plans_examples", "learn_work_demo"]  # then the learn-work demo routes
