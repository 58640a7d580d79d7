"""Template context every page needs."""

from django.conf import settings
from django.http import HttpRequest

ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."


def site(request: HttpRequest) -> dict[str, object]:
    return {"ESCO_ATTRIBUTION": ESCO_ATTRIBUTION, "DEBUG": settings.DEBUG}
