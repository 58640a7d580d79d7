from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "banenbrug.matching"
    setup_commands = ["matching_demo"]  # synthetic employers, vacancies and job seekers
