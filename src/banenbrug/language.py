"""The interface language as the two codes ESCO labels come in: "nl" (default) or "en"."""

from django.utils.translation import get_language


def current_lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"
