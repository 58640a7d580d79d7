"""The web app's own middleware.

Dutch first: the interface is Dutch unless the visitor chose English with the language switch.

Django's LocaleMiddleware would otherwise follow the browser's Accept-Language header, and most
browsers in the Netherlands still say English. The switch sets a cookie, which still wins.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from banenbrug.taxonomy.models import one_data_version


class DutchFirstMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class OneDataVersionMiddleware:
    """Every engine, index and cache a request uses asks for the ESCO data version; this makes
    it one query per request (and one version throughout, should an import finish meanwhile)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with one_data_version():
            return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached answers 503 with the project's page, not a 500.

    The page is rendered without the request: its context would ask the database for the
    session and the user again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.db.utils import OperationalError

        if not isinstance(exception, OperationalError):
            return None
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
