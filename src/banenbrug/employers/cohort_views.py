"""Pages of cohorts with a job promise: the public list and cohort page (numbers only), the
organiser's pages (create, pledges, selection, outcomes) and the job seeker's application."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from banenbrug.accounts.decorators import permission_required
from banenbrug.employers import access, cohort_service
from banenbrug.employers.cohort_forms import CohortForm
from banenbrug.employers.models import Cohort, CohortApplication
from banenbrug.employers.service import EmployerInputError
from banenbrug.language import current_lang
from banenbrug.people import access as people_access
from banenbrug.taxonomy.everyday import everyday_name

Status = CohortApplication.Status
# the outcome form's three answers for a yes/no that may not be known yet
ANSWERS = {"": None, "ja": True, "nee": False}


def cohort_list(request: HttpRequest) -> HttpResponse:
    cohorts = list(Cohort.objects.select_related("initiative").order_by("start_date", "title"))
    return render(request, "employers/cohorts.html", {
        "cohorts": cohorts, "today": timezone.localdate(),
        "examples": any(c.is_example for c in cohorts),
        "organiser": request.user.has_perm("accounts.manage_vacancies")})


def cohort(request: HttpRequest, cohort_id: int) -> HttpResponse:
    item = get_object_or_404(Cohort.objects.select_related("initiative", "occupation"),
                             pk=cohort_id)
    lang = current_lang()
    mine, missing = None, []
    if request.user.has_perm(people_access.PROFILE):
        mine = access.own_applications(request.user).filter(cohort=item).first()
        if mine and mine.status == Status.NOT_PASSED:
            missing = cohort_service.missing_skills(mine, lang)
    organises = (request.user.has_perm(people_access.VACANCIES)
                 and access.own_cohorts(request.user).filter(pk=item.pk).exists())
    return render(request, "employers/cohort.html", {
        "cohort": item, "summary": cohort_service.summary(item, lang),
        "modules": item.modules.order_by("title"),
        "occupation": item.occupation.label(lang) if item.occupation else "",
        "everyday": everyday_name(item.occupation) if item.occupation and lang == "nl" else "",
        "mine": mine, "why": cohort_service.explanation(mine) if mine else "",
        "missing": missing, "organises": organises,
        "can_apply": item.is_open and item.start_date >= timezone.localdate()})


@permission_required("manage_own_profile")
def apply(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Apply (consent first), or withdraw an application."""
    item = get_object_or_404(Cohort, pk=cohort_id)
    seeker = people_access.own_profile(request.user)
    if seeker is None:
        messages.error(request, _("Maak eerst je profiel, met je vaardigheden: daarop toetst "
                                  "het cohort."))
        return redirect("matching:profile")
    if request.method == "POST":
        try:
            if request.POST.get("intrekken"):
                found = access.own_applications(request.user).filter(cohort=item).first()
                if found:
                    cohort_service.withdraw(found)
                    messages.success(request, _("Je aanmelding is teruggetrokken."))
            else:
                cohort_service.apply(item.pk, seeker, consent=bool(request.POST.get("toestemming")))
                messages.success(request, _("Je bent aangemeld."))
            return redirect("employers:cohort", item.pk)
        except EmployerInputError as exc:
            messages.error(request, str(exc))
    return render(request, "employers/cohort_apply.html", {
        "cohort": item, "summary": cohort_service.summary(item, current_lang()),
        "mine": access.own_applications(request.user).filter(cohort=item).first()})


@permission_required("manage_vacancies")
def new(request: HttpRequest) -> HttpResponse:
    employers = list(people_access.own_employers(request.user))
    form = CohortForm(request.POST or None)
    if request.method == "POST":
        organiser = next((e for e in employers if str(e.pk) == request.POST.get("organisator")),
                         employers[0] if len(employers) == 1 else None)
        if organiser is None:
            messages.error(request, _("Kies de organisatie die het cohort organiseert."))
        else:
            try:
                made = cohort_service.create_cohort(organiser, request.POST)
            except EmployerInputError:
                pass  # the form below shows every message at its field
            else:
                messages.success(request, _("Het cohort staat online."))
                return redirect("employers:cohort_manage", made.pk)
            form.is_valid()
    status = 422 if request.method == "POST" else 200
    return render(request, "employers/cohort_form.html", {"form": form, "employers": employers},
                  status=status)


@permission_required("manage_vacancies")
def manage(request: HttpRequest, cohort_id: int) -> HttpResponse:
    item = access.own_cohort(request.user, cohort_id)
    applications = list(item.applications.select_related("seeker", "hired_pledge"))
    linkable = item.initiative.pledges.exclude(cohort=item).filter(cohort__isnull=True)
    return render(request, "employers/cohort_manage.html", {
        "cohort": item, "summary": cohort_service.summary(item, current_lang()),
        "applications": applications, "linkable": linkable,
        "admitted": [a for a in applications if a.status == Status.ADMITTED]})


@permission_required("manage_vacancies")
@require_POST
def select(request: HttpRequest, cohort_id: int) -> HttpResponse:
    item = access.own_cohort(request.user, cohort_id)
    decisions = cohort_service.run_selection(item.pk)
    messages.success(request, _("Selectie gedaan: %(new)s nieuwe deelnemers, %(all)s "
                                "aanmeldingen beoordeeld.") % {
        "new": sum(d.newly_admitted for d in decisions), "all": len(decisions)})
    return redirect("employers:cohort_manage", item.pk)


@permission_required("manage_vacancies")
@require_POST
def open_or_close(request: HttpRequest, cohort_id: int) -> HttpResponse:
    item = access.own_cohort(request.user, cohort_id)
    cohort_service.set_open(item, bool(request.POST.get("open")))
    messages.success(request, _("Aanmelden kan weer.") if item.is_open
                     else _("Aanmelden is gesloten."))
    return redirect("employers:cohort_manage", item.pk)


@permission_required("manage_vacancies")
@require_POST
def pledge(request: HttpRequest, cohort_id: int) -> HttpResponse:
    item = access.own_cohort(request.user, cohort_id)
    try:
        cohort_service.link_pledge(item, request.POST.get("banengarantie", "")[:80],
                                   linked=not request.POST.get("loskoppelen"))
    except EmployerInputError as exc:
        messages.error(request, str(exc))
    return redirect("employers:cohort_manage", item.pk)


@permission_required("manage_vacancies")
@require_POST
def outcomes(request: HttpRequest, cohort_id: int, application_id: int) -> HttpResponse:
    item = access.own_cohort(request.user, cohort_id)
    application = access.cohort_application(item, application_id)
    try:
        values = {name: ANSWERS[request.POST.get(name, "")]
                  for name in cohort_service.OUTCOME_FIELDS}
        cohort_service.record_outcomes(application, values,
                                       request.POST.get("banengarantie", "")[:80])
    except KeyError:
        messages.error(request, _("Kies ja, nee of nog onbekend."))
    except EmployerInputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Uitkomsten van %(p)s opgeslagen.")
                         % {"p": application.seeker.pseudonym})
    return redirect("employers:cohort_manage", item.pk)
