from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "banenbrug.jobs"
    label = "jobs"
    verbose_name = "Taken"
    # each pillar declares its job kinds in its own jobs.py, found on first use
    # (banenbrug.jobs.kinds.discover), not here: start-up stays light
