"""Login throttling (django-axes), for logins that come over the network.

Axes' backend refuses any `authenticate()` call without a request. Every login from the web
passes one (Django's login view, the password reset and OIDC views); a call without one comes
from inside this process (the shell, a test client), where there is no address to throttle.
Those go on to the next backend instead of failing.
"""

from typing import Any

from axes.backends import AxesStandaloneBackend


class ThrottledBackend(AxesStandaloneBackend):
    def authenticate(self, request: Any, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
