"""Template helpers to show ESCO labels in the user's language with English as fallback.

`term` is the one place that writes a label onto a page: in the language attribute the label
is really in, and, in the Dutch interface, with the marker "Engelse term" where ESCO has no
Dutch name, so a reader knows why it is English. Every template that shows an occupation or
skill label goes through it.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from banenbrug.language import current_lang
from banenbrug.taxonomy.everyday import everyday_name
from banenbrug.taxonomy.models import Concept, Occupation

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
def everyday(concept) -> str:
    """The everyday name of an occupation next to ESCO's label (taxonomy/everyday.py), in the
    Dutch interface only; "" when ESCO's label is the name people use."""
    if current_lang() != "nl" or not isinstance(concept, Occupation):
        return ""
    return everyday_name(concept) or ""


@register.filter
def lang_of(concept, lang: str) -> str:
    """The language the label is really in, for the `lang` attribute (WCAG 3.1.2)."""
    return lang if concept.has_label_in(lang) else "en"


@register.filter
def term(value, label_lang: str = "") -> SafeString:
    """A label as HTML: `{{ concept|term }}`, `{{ row.label|term }}` (a `Term`, which knows its
    language) or `{{ text|term:"en" }}` (a plain string and the language it is in). A label in
    the page's language is plain text; any other gets `lang`; English in the Dutch interface
    also gets the marker "Engelse term"."""
    page_lang = current_lang()
    if isinstance(value, Concept):
        value = value.label(page_lang)
    if value is None or value == "":
        return SafeString("")
    text_lang = label_lang or getattr(value, "lang", "") or page_lang
    if text_lang == page_lang:
        return SafeString(conditional_escape(value))
    if page_lang == "nl" and text_lang == "en":
        return format_html(
            # the space inside the mark: read and copied, but not underlined in a link
            '<span class="fallback"><span lang="en">{}</span>'
            '<small class="fallback__mark" title="{}"> {}</small></span>',
            value, _("ESCO heeft hiervoor (nog) geen Nederlandse naam"), _("Engelse term"))
    return format_html('<span lang="{}">{}</span>', text_lang, value)


@register.filter
def terms(items, separator: str = ", ") -> SafeString:
    """Several labels through `term`, joined: `{{ result.from.occupations|terms:" + " }}` (items
    are concepts, `Term`s or dicts with a "label")."""
    parts = [term(item["label"] if isinstance(item, dict) else item) for item in items or ()]
    return SafeString(conditional_escape(separator).join(parts))
