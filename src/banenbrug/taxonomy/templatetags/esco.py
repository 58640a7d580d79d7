"""Template helpers to show ESCO labels in the user's language with English as fallback."""

from django import template

register = template.Library()


@register.filter
def label(concept, lang: str) -> str:
    return concept.label(lang)


@register.filter
def description(concept, lang: str) -> str:
    return concept.description(lang)


@register.filter
def alt_labels(concept, lang: str) -> list[str]:
    return concept.alt_labels(lang)


@register.filter
def lang_of(concept, lang: str) -> str:
    """The language the label is really in, for the `lang` attribute (WCAG 3.1.2)."""
    return lang if concept.has_label_in(lang) else "en"
