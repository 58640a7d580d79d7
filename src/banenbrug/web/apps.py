from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "banenbrug.web"
    verbose_name = "Web"
