from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "banenbrug.employers"
    verbose_name = "Werkgevers"
    setup_commands = ["selfscan_demo"]  # example self-scans for the demo employers
