from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "banenbrug.jobs"
    label = "jobs"
    verbose_name = "Taken"

    def ready(self) -> None:
        # each pillar declares its job kinds in its own jobs.py (see banenbrug.jobs.kinds)
        autodiscover_modules("jobs")
