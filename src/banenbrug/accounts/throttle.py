"""Login throttling (django-axes), for logins that come over the network.

Axes' backend refuses any `authenticate()` call without a request. Every login from the web
passes one (Django's login view, the password reset and OIDC views); a call without one comes
from inside this process (the shell, a test client), where there is no address to throttle.
Those go on to the next backend instead of failing.

Behind a reverse proxy every request comes from the proxy's address, so the address axes
throttles is taken from X-Forwarded-For instead: the entry added by the outermost of the
`BANENBRUG_TRUSTED_PROXIES` proxies (counted from the right; entries further left are whatever
the client wrote and are ignored, so a client cannot pick its own address).
"""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest


class ThrottledBackend(AxesStandaloneBackend):
    def authenticate(self, request: Any, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the outermost trusted proxy saw it (`AXES_CLIENT_IP_CALLABLE`)."""
    proxies = getattr(settings, "BANENBRUG_TRUSTED_PROXIES", 0)
    direct = request.META.get("REMOTE_ADDR")
    if not proxies:
        return direct
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()]
    # each trusted proxy appends the address it was reached from; with fewer entries than
    # proxies the request did not come through all of them: throttle the direct peer
    return hops[-proxies] if len(hops) >= proxies else direct
