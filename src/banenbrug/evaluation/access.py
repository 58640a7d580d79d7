"""Who may see and upload what: examples are public (aggregates only); real initiatives need
`accounts.view_aggregates` (coaches and analysts), uploads, which write evaluations,
`accounts.import_outcomes` (analysts); staff may do both."""

from __future__ import annotations

from functools import wraps

from django.db.models import QuerySet

from banenbrug.accounts.decorators import permission_required
from banenbrug.evaluation.models import Initiative


def _staff_or(user, codename: str) -> bool:
    return bool(user.is_authenticated and (user.is_staff or user.has_perm(f"accounts.{codename}")))


def may_view_all(user) -> bool:
    return _staff_or(user, "view_aggregates")


def may_upload(user) -> bool:
    return _staff_or(user, "import_outcomes")


def visible_initiatives(user) -> QuerySet[Initiative]:
    initiatives = Initiative.objects.all()
    return initiatives if may_view_all(user) else initiatives.filter(is_example=True)


def permission_or_staff(codename: str):
    """`permission_required(codename)`, with staff let through as well."""

    def decorator(view):
        guarded = permission_required(codename)(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated and request.user.is_staff:
                return view(request, *args, **kwargs)
            return guarded(request, *args, **kwargs)

        return wrapped

    return decorator
