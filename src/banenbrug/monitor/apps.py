from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "banenbrug.monitor"
    verbose_name = _("Monitor")
    setup_commands = ["load_monitor_data"]  # baseline figures and illustrative regional data
