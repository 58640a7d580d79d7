from django.contrib import admin
from django.urls import include, path

from banenbrug.api.urls import api

# The admin's modules are found here, with the URLs, not when the apps load
# (conf/base.py installs SimpleAdminConfig): a command never imports them.
admin.autodiscover()

urlpatterns = [
    path("", include("banenbrug.web.urls")),
    path("", include("banenbrug.taxonomy.urls")),
    path("overstap/", include("banenbrug.transitions.urls")),
    path("werk/", include("banenbrug.matching.urls")),
    path("overstapplan/", include("banenbrug.plans.urls")),
    path("initiatieven/", include("banenbrug.registry.urls")),
    path("evaluatie/", include("banenbrug.evaluation.urls")),
    path("monitor/", include("banenbrug.monitor.urls")),
    path("ontdek/", include("banenbrug.orientation.urls")),
    path("werkgevers/", include("banenbrug.employers.urls")),
    path("taken/", include("banenbrug.jobs.urls")),
    path("account/", include("banenbrug.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),  # unversioned /api/ paths: api/middleware.py
]
