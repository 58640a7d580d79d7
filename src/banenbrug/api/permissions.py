"""Who may call an operation, checked before its parameters and body are read.

Ninja runs an operation's `auth` before it validates the request, so a role that may not use
an endpoint gets 403 whatever it sent, never a 422 that tells it how to shape a request it may
not make. Object access (whose profile, whose vacancy) stays in the pillars' access modules.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import SessionAuth


class Permission(SessionAuth):
    """A signed-in user holding at least one of `perms` (staff too, with `staff=True`)."""

    def __init__(self, *perms: str, staff: bool = False) -> None:
        super().__init__()
        self.perms = perms
        self.staff = staff

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if not user:
            return None  # 401
        if (self.staff and user.is_staff) or any(user.has_perm(p) for p in self.perms):
            return user
        raise PermissionDenied
