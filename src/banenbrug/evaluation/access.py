"""Who may see and upload what: examples are public (aggregates only); real initiatives and
uploads need the `accounts.view_aggregates` permission or staff status."""

from __future__ import annotations

from functools import wraps

from django.db.models import QuerySet

from banenbrug.accounts.decorators import permission_required
from banenbrug.evaluation.models import Initiative


def may_view_all(user) -> bool:
    return bool(user.is_authenticated and (user.is_staff
                                           or user.has_perm("accounts.view_aggregates")))


def visible_initiatives(user) -> QuerySet[Initiative]:
    initiatives = Initiative.objects.all()
    return initiatives if may_view_all(user) else initiatives.filter(is_example=True)


def aggregates_or_staff(view):
    """`permission_required("view_aggregates")`, with staff let through as well."""
    guarded = permission_required("view_aggregates")(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_staff:
            return view(request, *args, **kwargs)
        return guarded(request, *args, **kwargs)

    return wrapped
