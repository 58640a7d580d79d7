"""Evaluation's initiatives are the registry's: link each to its registry initiative.

One function for the data migration (historical models are passed in) and for every import:
a registry initiative with the same key (the slug) or name is linked, else one is created from
what the outcome file says (name, cost, example flag, and as its regions the labour-market
regions its people live in, so that it is a valid registry record that exports and imports
again); an initiative linked already stays so.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

KEY_LENGTH = 80  # registry.Placed.key
# required fields the outcome file does not give; to be corrected in the registry
NEW_KIND = "side_entry"
NEW_ORGANISATION = "onbekend"


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
            organisation=NEW_ORGANISATION, funding_amount=initiative.cost_total,
            is_example=initiative.is_example)
    initiative.registry_initiative = match
    initiative.save(update_fields=["registry_initiative"])
    add_regions(initiative, match)
    return match


def add_regions(initiative: Any, registry_initiative: Any) -> None:
    """Give a registry initiative without regions those of the initiative's records (their
    `region` is a labour-market region's name); the records arrive after the first save."""
    if registry_initiative.national or registry_initiative.regions.exists():
        return
    names = set(initiative.records.values_list("region", flat=True))
    if not names:
        return  # no records yet
    region_model = registry_initiative.regions.model
    found = list(region_model.objects.filter(kind="labour_market", name__in=names))
    if found:
        registry_initiative.regions.add(*found)
    else:
        # the records name regions the registry does not know (yet: its regions load in
        # `registry_setup`): national until someone corrects it, a valid record meanwhile
        registry_initiative.national = True
        registry_initiative.save(update_fields=["national"])


def _free_key(registry_model: Any, slug: str) -> str:
    base = (slug[:KEY_LENGTH] or "initiatief").strip("-")
    key, n = base, 2
    while registry_model.objects.filter(key=key).exists():
        suffix = f"-{n}"
        key, n = base[:KEY_LENGTH - len(suffix)] + suffix, n + 1
    return key


def link_on_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """post_save: link a new or unlinked initiative (not while loading fixtures), and give its
    registry initiative regions once its records are in."""
    if raw:
        return
    if instance.registry_initiative_id is not None:
        add_regions(instance, instance.registry_initiative)
        return
    from banenbrug.registry.models import Initiative as RegistryInitiative

    link(instance, RegistryInitiative)
