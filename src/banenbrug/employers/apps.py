from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "banenbrug.employers"
    verbose_name = "Werkgevers"
    # example self-scans for the demo employers, then the example cohort (after the registry,
    # catalogue and matching demo)
    setup_commands = ["selfscan_demo", "cohort_demo"]
