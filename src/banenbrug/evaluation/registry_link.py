"""Evaluation's initiatives are the registry's: link each to its registry initiative.

One function for the data migration (historical models are passed in) and for every import:
a registry initiative with the same key (the slug) or name is linked, else one is created from
what the outcome file says (name, cost, example flag); an initiative linked already stays so.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

KEY_LENGTH = 80  # registry.Placed.key
NEW_KIND = "side_entry"  # a required field; outcome files do not say, the registry can correct it


def link(initiative: Any, registry_model: Any) -> Any:
    """The registry initiative of an evaluation initiative, linked (and created) when needed."""
    if initiative.registry_initiative_id is not None:
        return initiative.registry_initiative
    free = registry_model.objects.filter(evaluation__isnull=True)
    match = (free.filter(key=initiative.slug[:KEY_LENGTH]).first()
             or free.filter(name=initiative.name).first())
    if match is None:
        match = registry_model.objects.create(
            key=_free_key(registry_model, initiative.slug or slugify(initiative.name)),
            name=initiative.name, description=initiative.description, kind=NEW_KIND,
            funding_amount=initiative.cost_total, is_example=initiative.is_example)
    initiative.registry_initiative = match
    initiative.save(update_fields=["registry_initiative"])
    return match


def _free_key(registry_model: Any, slug: str) -> str:
    base = (slug[:KEY_LENGTH] or "initiatief").strip("-")
    key, n = base, 2
    while registry_model.objects.filter(key=key).exists():
        suffix = f"-{n}"
        key, n = base[:KEY_LENGTH - len(suffix)] + suffix, n + 1
    return key


def link_on_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """post_save: link a new or unlinked initiative (not while loading fixtures)."""
    if raw or instance.registry_initiative_id is not None:
        return
    from banenbrug.registry.models import Initiative as RegistryInitiative

    link(instance, RegistryInitiative)
