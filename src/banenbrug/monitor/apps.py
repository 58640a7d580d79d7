from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "banenbrug.monitor"
