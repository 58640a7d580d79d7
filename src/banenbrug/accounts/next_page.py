"""Where to go after logging in, registering or saving a first profile: the `next` parameter,
as Django's login uses it, accepted only for a path on this site (no open redirect)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_page(request: HttpRequest) -> str:
    """The safe `next` of this request (POST first, then GET), or ""."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return ""
