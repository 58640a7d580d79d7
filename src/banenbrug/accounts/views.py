from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from banenbrug.accounts.decorators import permission_required
from banenbrug.accounts.roles import ROLE_LABELS, roles_of
from banenbrug.taxonomy.models import ImportRun


@login_required
def account(request: HttpRequest) -> HttpResponse:
    roles = [ROLE_LABELS[r] for r in roles_of(request.user)]
    return render(request, "accounts/account.html", {"roles": roles})


@permission_required("manage_taxonomy")
def import_history(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/import_history.html",
                  {"runs": ImportRun.objects.all()[:50]})
