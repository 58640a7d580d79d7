"""Dutch first: the interface is Dutch unless the visitor chose English with the language switch.

Django's LocaleMiddleware would otherwise follow the browser's Accept-Language header, and most
browsers in the Netherlands still say English. The switch sets a cookie, which still wins.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class DutchFirstMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
