"""Switch-plan pages. The plan's whole state is in the URL (see forms.PlanQuery): a person and
their coach can share it, and every adjustment is a link that also works without JavaScript;
with htmx only the plan part is rebuilt. Access checks live in plans/access.py."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from banenbrug.language import current_lang
from banenbrug.matching import service as matching_service
from banenbrug.people import access as people_access
from banenbrug.people.models import JobSeeker
from banenbrug.plans import access, charts, rules, service, versions
from banenbrug.plans.forms import CatalogueFilter, CircumstancesForm, PlanQuery
from banenbrug.plans.models import FundingScheme, PlanVersion, TrainingModule
from banenbrug.taxonomy.models import Occupation
from banenbrug.taxonomy.search_service import search

PER_PAGE = 20


def _signed_in(view):
    """Anonymous visitors go to the login page (as on matching's pages); the rest is access."""
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)
    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped


def index(request: HttpRequest) -> HttpResponse:
    """What a switch plan is; a job seeker's start, a coach's caseload to pick from."""
    user = request.user
    context: dict = {"modules": TrainingModule.objects.count(),
                     "schemes": FundingScheme.objects.count()}
    if user.is_authenticated and user.has_perm(people_access.PROFILE):
        seeker = people_access.own_profile(user)
        context["is_seeker"] = True
        context["seeker"] = seeker
        if seeker is not None:
            context["latest"] = versions.latest(seeker)
            context["matches"] = matching_service.vacancies_for(seeker, top=8,
                                                                lang=current_lang())
    if user.is_authenticated and user.has_perm(people_access.CASELOAD):
        context["caseload"] = people_access.caseload(user).prefetch_related("plan_versions")
    return render(request, "plans/index.html", context)


def mine(request: HttpRequest) -> HttpResponse:
    """'Maak een overstapplan' from any page (`naar` = the destination): a job seeker goes to
    their own plan, after making a profile if there is none yet; a visitor is offered log-in
    and registration, both of which come back here; a coach picks a person first."""
    to = request.GET.get("naar", "").strip()[:300]
    here = request.get_full_path()
    user = request.user
    if user.is_authenticated and user.has_perm(people_access.PROFILE):
        seeker = people_access.own_profile(user)
        if seeker is None:
            messages.info(request, _("Vul eerst je profiel in; daarna maken we je plan."))
            return redirect(f"{reverse('matching:profile')}?{urlencode({'next': here})}")
        return redirect(f"{reverse('plans:plan', args=[seeker.pk])}?{urlencode({'naar': to})}")
    if user.is_authenticated:
        return redirect("plans:index")  # a coach's caseload: for whom?
    destination = Occupation.objects.filter(uri=to).first()
    return render(request, "plans/mine.html", {
        "next": here, "destination": destination, "lang": current_lang()})


def _decorate(plan: dict, query: PlanQuery) -> dict:
    """Each adjustment of the plan as the query string of a link; names for keys."""
    titles = {m["key"]: m["title"] for m in plan["modules"]}
    for skill in plan["gap"]:
        skill["taught_by_titles"] = [titles.get(k, k) for k in skill["taught_by"]]
    for option in plan["income"]["options"]:
        option["name"] = charts.option_words(option["key"])
    for step in plan["timeline"]:
        step["kind_words"] = charts.kind_words(step["kind"])
    for module in plan["modules"]:
        module["leave_out_query"] = query.leave_out(module["key"])
        module["chosen"] = module["key"] in query.include
        module["unchoose_query"] = query.restore_module(module["key"])
        for alternative in module["alternatives"]:
            alternative["swap_query"] = query.swap(module["key"], alternative["key"])
    excluded = set(query.exclude_schemes)
    for scheme in plan["funding"]["schemes"]:
        scheme["excluded"] = scheme["key"] in excluded
        scheme["toggle_query"] = (query.keep_scheme(scheme["key"]) if scheme["excluded"]
                                  else query.drop_scheme(scheme["key"]))
    return plan


def _plan_context(request: HttpRequest, seeker: JobSeeker) -> dict:
    lang = current_lang()
    query = PlanQuery.from_get(request.GET)
    own = seeker.user_id == request.user.pk
    latest = versions.latest(seeker)
    context = {"seeker": seeker, "q": query, "lang": lang, "own": own, "latest": latest,
               "may_save": seeker.coach_id == request.user.pk,
               "base": reverse("plans:plan", args=[seeker.pk])}
    if not query.to:
        return context
    try:
        adjustments = service.adjustments_from(query.include, query.exclude,
                                               query.exclude_schemes, query.priority)
    except service.PlanInputError as exc:
        context["adjust_error"] = str(exc)
        return context
    try:
        plan = service.plan_for(seeker, query.to, adjustments=adjustments, lang=lang)
    except service.PlanInputError as exc:
        context["error"], context["candidates"] = str(exc), exc.candidates
        return context
    context["plan"] = _decorate(plan, query)
    context.update(_against(seeker, plan, query, latest, own, request.GET.get("versie", "")))
    context["timeline_figure"] = charts.timeline(plan["timeline"])
    context["income_figure"] = charts.income(plan["income"])
    context["left_out"] = [
        {"key": m.key, "title": m.title, "query": query.restore_module(m.key)}
        for m in TrainingModule.objects.filter(key__in=query.exclude).order_by("title")]
    return context


def _against(seeker: JobSeeker, plan: dict, query: PlanQuery,
             latest: PlanVersion | None, own: bool, asked: str) -> dict:
    """The saved version this page shows (and what changed since it was saved), or what the
    plan on the screen changes: against the current version, or else against the plan
    without adjustments."""
    shown = latest if latest is not None and latest.query == query.encode() else None
    if shown is None and asked.isdigit():
        shown = seeker.plan_versions.filter(number=int(asked), query=query.encode()).first()
    if shown is not None:
        if own and shown == latest:
            versions.mark_seen(shown)
        since = versions.against(plan, shown)  # the catalogue may have moved on since
        return {"shown_version": versions.describe(shown), "outdated": shown != latest,
                "since": None if since["unchanged"] else since}
    if latest is not None:
        return {"changes": versions.against(plan, latest), "changes_base": latest.number}
    if query.adjusted:
        default = service.plan_for(seeker, query.to, lang=current_lang())
        return {"changes": versions.against(plan, default), "changes_base": 0}
    return {}


@_signed_in
@vary_on_headers("HX-Request")
def plan(request: HttpRequest, person_id: int) -> HttpResponse:
    seeker = access.plan_subject(request.user, person_id)
    context = _plan_context(request, seeker)
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "plans/_plan.html" if partial else "plans/plan.html", context)


@_signed_in
def plan_as_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    from banenbrug.plans.pdf import plan_pdf  # reportlab and matplotlib, PDF only

    seeker = access.plan_subject(request.user, person_id)
    with translation.override("nl"):  # the PDF is in Dutch, like the paper it replaces
        context = _plan_context(request, seeker)
        if "plan" in context:
            document = plan_pdf(context["plan"], today=date.today())
    if "plan" not in context:  # no destination yet, or a bad one: the page explains
        return redirect(f"{context['base']}?{context['q'].encode()}")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="overstapplan-{seeker.pseudonym}.pdf"')
    return response


@_signed_in
@require_http_methods(["GET", "POST"])
def plan_versions(request: HttpRequest, person_id: int) -> HttpResponse:
    """Every agreed version of a person's plan with what changed and why (GET); a coach saves
    the plan on the screen as the next version (POST)."""
    if request.method == "POST":
        seeker = versions.coach_subject(request.user, person_id)
        query = PlanQuery.from_get(request.POST)
        try:
            saved = versions.save(seeker, request.user, query, request.POST.get("waarom", ""))
        except (versions.VersionInputError, service.PlanInputError) as exc:
            messages.error(request, _("De versie is niet opgeslagen: %(reason)s")
                           % {"reason": exc})
            return redirect(f"{reverse('plans:plan', args=[seeker.pk])}?{query.encode()}")
        messages.success(request, _("Versie %(n)s is opgeslagen. %(person)s ziet hem bij het "
                                    "eigen plan.") % {"n": saved.number,
                                                      "person": seeker.pseudonym})
        return redirect("plans:versions", seeker.pk)
    seeker = access.plan_subject(request.user, person_id)
    return render(request, "plans/versions.html", {
        "seeker": seeker, "own": seeker.user_id == request.user.pk,
        "history": versions.history(seeker),
        "base": reverse("plans:plan", args=[seeker.pk])})


@_signed_in
def situation(request: HttpRequest, person_id: int) -> HttpResponse:
    """'Mijn situatie': what the funding rules need, seen only by the person and their coach."""
    seeker = access.plan_subject(request.user, person_id)
    query = PlanQuery.from_get(request.GET if request.method == "GET" else request.POST)
    held = service.circumstances_of(seeker)
    form = CircumstancesForm(request.POST or None, instance=held,
                             initial={"situation": seeker.situation})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            service.save_circumstances(seeker, **values)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Je situatie is opgeslagen; het plan is opnieuw "
                                        "berekend."))
            return redirect(f"{reverse('plans:plan', args=[seeker.pk])}?{query.encode()}")
    return render(request, "plans/situation.html", {
        "form": form, "seeker": seeker, "q": query, "own": seeker.user_id == request.user.pk})


def suggestions(request: HttpRequest, person_id: int) -> HttpResponse:
    """htmx: occupations matching what is being typed, as links to that person's plan. Shows
    only ESCO labels, so it needs no access check; the plan page checks access."""
    lang = current_lang()
    text = request.GET.get("naar", "").strip()[:200]
    hits = search("occupation", text, lang, 6) if len(text) >= 2 else []
    return render(request, "plans/_suggestions.html", {
        "hits": hits, "lang": lang, "base": reverse("plans:plan", args=[person_id])})


def catalogue(request: HttpRequest) -> HttpResponse:
    """The training catalogue, public: filter by text, form and region."""
    lang = current_lang()
    form = CatalogueFilter(request.GET or None)
    found = service.find_modules(*(form.cleaned_data[k] for k in ("q", "vorm", "regio"))) \
        if form.is_valid() else service.find_modules()
    page = Paginator(found.prefetch_related("skills"),
                     PER_PAGE).get_page(request.GET.get("pagina"))
    keep = request.GET.copy()
    keep.pop("pagina", None)
    return render(request, "plans/catalogue.html", {
        "form": form, "page": page, "lang": lang, "filter_query": keep.urlencode(),
        "examples": found.filter(is_example=True).exists()})


def schemes(request: HttpRequest) -> HttpResponse:
    """Every funding scheme with its rule in words, public."""
    lang = current_lang()
    rows = list(FundingScheme.objects.order_by("name", "key"))
    names = {s.key: s.name for s in rows}
    items = [{"s": s, "rule": rules.explain(rules.parse(s.eligibility), lang),
              "excludes": [names.get(k, k) for k in s.excludes or ()]} for s in rows]
    return render(request, "plans/schemes.html", {
        "items": items, "examples": any(s.is_example for s in rows)})
