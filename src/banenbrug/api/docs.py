"""The API docs page, served from this machine: Swagger UI from django-ninja's own files.

django-ninja renders its docs from its app's templates only when `ninja` is an installed app,
and installing the app imports all of ninja (and pydantic) at every start, the CLI's too (0.16
s of a ~1 s command). So the app is not installed: its static files are found through
STATICFILES_DIRS (conf/base.py) and the page is our template, which also says its language.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger


class LocalSwagger(Swagger):
    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        return render(request, "api/docs.html", {
            "swagger_settings": json.dumps(self.settings, indent=1), "api": api,
            "add_csrf": True})
