from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "banenbrug.matching"
