from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "banenbrug.evaluation"
    verbose_name = _("Evaluatie van initiatieven")
    setup_commands = ["load_evaluation_examples"]

    def ready(self) -> None:
        from banenbrug.evaluation.registry_link import link_on_save

        # every way an initiative is saved (imports, admin, examples) links it to the registry
        post_save.connect(link_on_save, sender="evaluation.Initiative",
                          dispatch_uid="evaluation-registry-link")
        # the registry (a layer below) shows what the evaluations found
        from banenbrug.evaluation.registry_findings import FINDINGS
        from banenbrug.registry import findings

        findings.provide(FINDINGS)
