from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from banenbrug.accounts import employers, invitations, privacy, registration
from banenbrug.accounts.decorators import permission_required
from banenbrug.accounts.forms import (
    EMPLOYER,
    InvitationForm,
    InvitedRegistrationForm,
    LoginForm,
    RegistrationForm,
)
from banenbrug.accounts.models import EmployerRequest
from banenbrug.accounts.next_page import next_page
from banenbrug.accounts.roles import ROLE_LABELS, roles_of
from banenbrug.taxonomy.models import ImportRun

PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


class Login(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "oidc": settings.BANENBRUG_OIDC}


@login_required
def account(request: HttpRequest) -> HttpResponse:
    roles = [ROLE_LABELS[r] for r in roles_of(request.user)]
    employer_request = EmployerRequest.objects.filter(user=request.user).first()
    return render(request, "accounts/account.html", {
        "roles": roles, "employer_request": employer_request,
        "consent": privacy.current_consent(request.user)})


@permission_required("manage_taxonomy")
def import_history(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/import_history.html",
                  {"runs": ImportRun.objects.all()[:50]})


def privacy_terms(request: HttpRequest) -> HttpResponse:
    """The terms; a signed-in person who has not agreed to this version can agree here (an
    account from an identity provider, or after the terms changed)."""
    if request.method == "POST" and request.user.is_authenticated:
        if privacy.current_consent(request.user) is None:
            privacy.record_consent(request.user)
        messages.success(request, _("Je toestemming is vastgelegd."))
        return redirect("account")
    agreed = request.user.is_authenticated and privacy.current_consent(request.user)
    return render(request, "accounts/privacy.html", {"version": privacy.VERSION,
                                                     "agreed": agreed})


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("account")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = data["organisation"] if data["role"] == EMPLOYER else ""
        registration.register(request, data["email"], data["password1"], organisation,
                              next_page(request))
        return redirect("register-done")
    return render(request, "accounts/register.html",
                  {"form": form, "privacy_version": privacy.VERSION,
                   "next": next_page(request)})


def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/register_done.html")


def _after_login(request: HttpRequest, user) -> HttpResponse:
    """A new job seeker fills in the profile first, then goes on to `next` if there is one."""
    login(request, user, backend=PASSWORD_BACKEND)
    then = next_page(request)
    if user.has_perm("accounts.manage_own_profile"):
        messages.success(request, _("Welkom bij Banenbrug. Vul eerst je profiel in."))
        profile = reverse("matching:profile")
        return redirect(f"{profile}?{urlencode({'next': then})}" if then else profile)
    return redirect(then or "account")


def confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link from the e-mail. A GET only shows a button: mail scanners that open links
    must not spend it."""
    if request.method == "POST":
        user = registration.confirm(uidb64, token)
        if user is not None:
            return _after_login(request, user)
        valid = False
    else:
        valid = registration.link_is_valid(uidb64, token)
    return render(request, "accounts/confirm.html",
                  {"valid": valid, "next": next_page(request)}, status=200 if valid else 400)


@permission_required("invite_job_seekers")
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitations.invite(request, request.user, form.cleaned_data["email"])
        messages.success(request, _("De uitnodiging is verstuurd naar %(email)s.")
                         % {"email": form.cleaned_data["email"]})
        return redirect("invite")
    sent = request.user.invitations_sent.select_related("accepted_by")[:20]
    return render(request, "accounts/invite.html", {
        "form": form, "sent": sent, "invitation_days": settings.BANENBRUG_INVITATION_DAYS})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("account")
    invitation = invitations.usable(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = InvitedRegistrationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = invitations.accept(token, form.cleaned_data["password1"])
        if user is None:
            return render(request, "accounts/invitation_invalid.html", status=400)
        return _after_login(request, user)
    return render(request, "accounts/accept_invitation.html",
                  {"form": form, "email": invitation.email})


@permission_required("approve_employers")
def employer_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/employer_requests.html",
                  {"pending": employers.pending()})


@require_POST
@permission_required("approve_employers")
def decide_employer_request(request: HttpRequest, request_id: int) -> HttpResponse:
    grant = request.POST.get("decision") == "grant"
    try:
        item = employers.decide(request_id, request.user, grant)
    except EmployerRequest.DoesNotExist as exc:  # decided already, or never there
        raise Http404 from exc
    messages.success(request, (_("%(email)s is nu werkgever voor %(org)s.") if grant
                               else _("De aanvraag van %(email)s is afgewezen."))
                     % {"email": item.user.email, "org": item.organisation})
    return redirect(reverse("employer-requests"))


def _oidc(view_name: str):
    """mozilla-django-oidc's view, only where BANENBRUG_OIDC turns it on (docs/accounts.md)."""

    def view(request: HttpRequest) -> HttpResponse:
        if not settings.BANENBRUG_OIDC:
            raise Http404
        from mozilla_django_oidc import views  # imported only when the setting is on

        response: HttpResponse = getattr(views, view_name).as_view()(request)
        return response

    return view


oidc_start = _oidc("OIDCAuthenticationRequestView")
oidc_callback = _oidc("OIDCAuthenticationCallbackView")
