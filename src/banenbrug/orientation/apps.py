from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrientationConfig(AppConfig):
    name = "banenbrug.orientation"
    verbose_name = _("Ontdek (oriëntatie)")
    setup_commands = ["orientation_examples"]
