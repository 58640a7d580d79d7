"""Every API error as `application/problem+json` (RFC 9457), from one place.

The Dutch government's API Design Rules ask for problem details: `type`, `title`, `status`,
`detail` and `instance`, with the parameters that failed validation listed in
`invalid_params`. Pillar APIs raise `HttpError`, `PermissionDenied`, `Http404`, or a domain
error whose class names its status (`status_code = 422`); they may also return
`Status(4xx, {"detail": ...})`. `ProblemAPI` turns each into one kind of body. Anything else is
a bug: logged (method and path only: a query can hold personal data) and answered with a 500
problem that says nothing about the inside.
"""

from __future__ import annotations

import logging
from functools import partial
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.utils import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

CONTENT_TYPE = "application/problem+json"
log = logging.getLogger("banenbrug.api")


class InvalidParam(Schema):
    name: str
    location: str
    reason: str


class Problem(Schema):
    """An error body (RFC 9457). Operations return or raise only `detail` (and their own
    extension members); `ProblemAPI` fills in the rest, so those are optional here."""

    type: str | None = "about:blank"
    title: str | None = Field(None, description="the HTTP status phrase")
    status: int | None = None
    detail: str
    instance: str | None = Field(None, description="the path of the request")
    invalid_params: list[InvalidParam] | None = None


def problem_fields(request: HttpRequest, status: int) -> dict[str, Any]:
    """The members RFC 9457 names, besides `detail`."""
    return {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status,
            "instance": request.path}


class ProblemAPI(NinjaAPI):
    """A NinjaAPI whose every error answer, raised or returned, is a problem document, and whose
    OpenAPI schema says so for every operation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for exc_class, handler in HANDLERS.items():
            self.add_exception_handler(exc_class, partial(handler, api=self))

    def problem(self, request: HttpRequest, status: int, detail: str,
                **extra: Any) -> HttpResponse:
        return self.create_response(request, {"detail": detail, **extra}, status=status)

    def create_response(self, request: HttpRequest, data: Any, *, status: int | None = None,
                        temporal_response: HttpResponse | None = None) -> HttpResponse:
        code = temporal_response.status_code if temporal_response else status
        if code is not None and code >= 400:
            if isinstance(data, Schema):
                data = data.model_dump()
            if isinstance(data, dict):
                given = {key: value for key, value in data.items() if value is not None}
                data = {**problem_fields(request, code), **given}
        response = super().create_response(request, data, status=status,
                                           temporal_response=temporal_response)
        if response.status_code >= 400:
            response["Content-Type"] = CONTENT_TYPE
        return response

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return describe_errors(super().get_openapi_schema(*args, **kwargs))


def _validation(request: HttpRequest, exc: ValidationError, api: ProblemAPI) -> HttpResponse:
    params = []
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ("body",))]
        params.append({"name": ".".join(where[1:]) or where[0], "location": where[0],
                       "reason": str(error.get("msg", "invalid"))})
    detail = "; ".join(f"{p['name']}: {p['reason']}" for p in params) or "invalid input"
    return api.problem(request, 422, detail, invalid_params=params)


def _unexpected(request: HttpRequest, exc: Exception, api: ProblemAPI) -> HttpResponse:
    status = getattr(exc, "status_code", None)  # a domain error that names its status
    if isinstance(status, int) and 400 <= status < 500:
        candidates = getattr(exc, "candidates", None)
        extra = {"candidates": candidates} if candidates else {}
        return api.problem(request, status, str(exc), **extra)
    if isinstance(exc, OperationalError):  # the database is down or unreachable
        response = api.problem(request, 503, "the database cannot be reached; try again soon")
        response["Retry-After"] = "30"
        return response
    if settings.DEBUG:
        raise exc  # the developer's traceback page
    log.exception("API error on %s %s", request.method, request.path)
    return api.problem(request, 500, "internal error; it has been logged")


HANDLERS: dict[type[Exception], Any] = {
    ValidationError: _validation,
    HttpError: lambda request, exc, api: api.problem(request, exc.status_code, str(exc.message)),
    AuthenticationError: lambda request, exc, api: api.problem(request, 401, "log in first"),
    PermissionDenied: lambda request, exc, api: api.problem(
        request, 403, "not allowed for your role"),
    Http404: lambda request, exc, api: api.problem(request, 404, "not found"),
    DjangoValidationError: lambda request, exc, api: api.problem(
        request, 422, "; ".join(exc.messages)),
    Exception: _unexpected,
}

def file_download(*media_types: str) -> dict[str, Any]:
    """`openapi_extra` for an operation that answers 200 with a file in one of `media_types`."""
    content = {kind: {"schema": {} if kind.endswith("json") else {"type": "string"}}
               for kind in media_types}
    return {"responses": {200: {"description": "the file", "content": content}}}


# Statuses every operation can answer besides what it declares: 422 for parameters that fail
# validation, 500 for a bug, 503 while the database is down; operations with a path
# parameter 404, behind a login 401 and 403.
COMMON = {422: "invalid input", 500: "internal error", 503: "the database cannot be reached"}
AUTHENTICATED = {401: "not logged in", 403: "not allowed for your role"}


def describe_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the problem responses to every operation of an OpenAPI schema, in place."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem_schema.pop("$defs", {}))
    components["Problem"] = problem_schema
    problem_body = {"schema": {"$ref": "#/components/schemas/Problem"}}
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, response in responses.items():
                if int(status) >= 400:  # declared by the operation: served as a problem
                    content = response.get("content", {})
                    response["content"] = {
                        CONTENT_TYPE: next(iter(content.values()), problem_body)}
            statuses = dict(COMMON)
            if any(p.get("in") == "path" for p in operation.get("parameters", [])):
                statuses[404] = "not found"
            if operation.get("security"):
                statuses.update(AUTHENTICATED)
            declared = {int(status) for status in responses}
            for status, text in statuses.items():
                if status not in declared:
                    responses[status] = {"description": text,
                                         "content": {CONTENT_TYPE: problem_body}}
    return schema
