from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "banenbrug.api"
    verbose_name = "API"
