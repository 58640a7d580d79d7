from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "banenbrug.employers"
    verbose_name = "Werkgevers"
