from django.core.management.base import BaseCommand
from django.db import transaction

from banenbrug.cli_support import stderr
from banenbrug.orientation.examples import ROLE_MODELS, STORIES
from banenbrug.orientation.models import OccupationStory, RoleModel
from banenbrug.taxonomy.models import Occupation


class Command(BaseCommand):
    help = ("Load Ontdek's example stories and role models (marked as example). Idempotent: "
            "updates example records, never touches records an editor made.")

    def handle(self, *args, **options):
        known = set(Occupation.objects.filter(
            uri__in=[s["occupation_uri"] for s in STORIES + ROLE_MODELS]).values_list(
            "uri", flat=True))
        skipped = 0
        with transaction.atomic():
            for story in STORIES:
                if story["occupation_uri"] not in known:
                    skipped += 1
                    continue
                existing = OccupationStory.objects.filter(
                    occupation_uri=story["occupation_uri"]).first()
                if existing and not existing.is_example:
                    continue  # an editor's own story wins
                OccupationStory.objects.update_or_create(
                    occupation_uri=story["occupation_uri"],
                    defaults={**story, "is_example": True})
            for person in ROLE_MODELS:
                if person["occupation_uri"] not in known:
                    skipped += 1
                    continue
                RoleModel.objects.update_or_create(
                    name=person["name"], occupation_uri=person["occupation_uri"],
                    is_example=True, defaults=person)
        note = f" ({skipped} skipped: occupation not in the ESCO data)" if skipped else ""
        stderr.print(f"Ontdek example content: {len(STORIES)} stories, "
                     f"{len(ROLE_MODELS)} role models{note}.")
