"""Account e-mail: a subject and a plain-text body from templates, in the page's language,
through Django's e-mail backend (console in the demo, SMTP in production)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string


def send(request: HttpRequest, to: str, name: str, context: dict[str, Any]) -> None:
    context = {**context, "site": request.get_host()}
    subject = render_to_string(f"accounts/email/{name}_subject.txt", context, request)
    body = render_to_string(f"accounts/email/{name}.txt", context, request)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])
