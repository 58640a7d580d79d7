"""The API's front door: one version in the path, and query strings no endpoint could use.

The API lives under `/api/v1/` (API Design Rules: the major version in the URI, the full
version in an `API-Version` header). Paths under `/api/` without a version are the same
version 1, kept for existing clients: they are routed to `/api/v1/` here, so each endpoint has
one definition.

Some query values can only be mistakes or probes, and they used to reach the database and
fail there with a 500: a NUL byte (PostgreSQL refuses it in text), or an integer that no
64-bit column holds. They are answered here with a 422 problem naming the parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from banenbrug.api.problems import CONTENT_TYPE, problem_fields

PREFIX = "/api/"
CURRENT = "/api/v1/"
VERSION = "1.0.0"
INTEGER = re.compile(r"[+-]?\d+")
LIMIT = 2**63 - 1


def bad_query_value(name: str, value: str) -> str | None:
    """Why a query parameter's value cannot be meant, or None when it may be."""
    if "\x00" in value or "\x00" in name:
        return "contains a NUL byte"
    if INTEGER.fullmatch(value.strip()) and abs(int(value)) > LIMIT:
        return f"integer out of range (at most {LIMIT} in size)"
    return None


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if not request.path_info.startswith(CURRENT):
            request.path_info = CURRENT + request.path_info[len(PREFIX):]
        for name, values in request.GET.lists():
            for value in values:
                reason = bad_query_value(name, value)
                if reason:
                    shown = name.replace("\x00", "\\0")
                    return _problem(request, 422, f"query parameter {shown!r}: {reason}",
                                    invalid_params=[{"name": shown, "location": "query",
                                                     "reason": reason}])
        response = self.get_response(request)
        if response.status_code == 404 and request.resolver_match is None:
            return _problem(request, 404, "no such endpoint; see /api/v1/docs")
        response["API-Version"] = VERSION
        return response


def _problem(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
    body = {**problem_fields(request, status), "detail": detail, **extra}
    response = JsonResponse(body, status=status, content_type=CONTENT_TYPE)
    response["API-Version"] = VERSION
    return response
