"""The project's URLs plus views that fail on purpose (tests of the error pages)."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def boom(request):
    raise RuntimeError("a bug in a view")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test-boom", boom),
    path("test-forbidden", forbidden),
    path("", include("banenbrug.urls")),
]
