"""The vacancy-text check on pages of other apps (the employer's vacancy page after saving)."""

from django import template

from banenbrug.employers import service
from banenbrug.language import current_lang

register = template.Library()


@register.inclusion_tag("employers/_vacancy_tools.html")
def employer_tools(vacancy):
    return {"vacancy": vacancy, "report": service.check_vacancy(vacancy, current_lang())}
