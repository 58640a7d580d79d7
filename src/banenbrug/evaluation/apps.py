from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "banenbrug.evaluation"
    verbose_name = _("Evaluatie van initiatieven")
    setup_commands = ["load_evaluation_examples"]
