from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "banenbrug.plans"
    verbose_name = _("Overstapplannen")
    # `banenbrug setup` loads the example catalogue and schemes (each marked as an example).
    setup_commands = ["plans_examples", "learn_work_demo"]  # then the learn-work demo routes

    def ready(self) -> None:
        from banenbrug.transitions import training

        # transitions, a layer below, shows typical training from this catalogue
        training.provide(_typical_training)


def _typical_training(skill_uris: list[str]) -> list[dict[str, Any]]:
    from banenbrug.plans.service import typical_training  # the service loads at first use

    return typical_training(skill_uris)
