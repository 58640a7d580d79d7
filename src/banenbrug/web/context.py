"""Template context every page needs."""

from django.conf import settings
from django.http import HttpRequest

from banenbrug.taxonomy.licence import ESCO_ATTRIBUTION


def site(request: HttpRequest) -> dict[str, object]:
    return {"ESCO_ATTRIBUTION": ESCO_ATTRIBUTION, "DEBUG": settings.DEBUG}
