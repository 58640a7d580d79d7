"""Template filters for Ontdek: role-model texts in the page's language."""

from django import template

from banenbrug.orientation.models import RoleModel

register = template.Library()


@register.filter
def quote(role_model: RoleModel, lang: str) -> str:
    return role_model.quote(lang)


@register.filter
def route(role_model: RoleModel, lang: str) -> str:
    return role_model.route(lang)
