"""Pages for job seekers, employers, coaches and analysts. Access checks live in access.py."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from banenbrug.accounts import invitations
from banenbrug.accounts.decorators import permission_required
from banenbrug.accounts.next_page import next_page
from banenbrug.language import current_lang
from banenbrug.matching import access, profiles, queue, reports, service, vacancies
from banenbrug.matching.cv_files import in_memory_uploads
from banenbrug.matching.forms import (
    DeclarationForm,
    GroupStatisticsForm,
    LearnWorkForm,
    ProfileForm,
    TextForm,
    VacancyForm,
)
from banenbrug.matching.models import HiringMode, LearnWorkRoute, QueueEntry
from banenbrug.people import access as people_access
from banenbrug.people.models import GroupStatistics, JobSeeker
from banenbrug.taxonomy.models import Skill
from banenbrug.taxonomy.search_service import search
from banenbrug.transitions.service import TransitionInputError, resolve_occupation


def index(request: HttpRequest) -> HttpResponse:
    """Landing page: a short explanation, and each role's way in."""
    user = request.user
    context = {"roles": set()}
    if user.is_authenticated:
        for perm, role in ((people_access.PROFILE, "seeker"),
                           (people_access.VACANCIES, "employer"),
                           (people_access.CASELOAD, "coach"),
                           (people_access.AGGREGATES, "analyst")):
            if user.has_perm(perm):
                context["roles"].add(role)
        if "seeker" in context["roles"]:
            context["seeker"] = JobSeeker.objects.filter(user=user).first()
    context["counts"] = reports.platform_counts()
    return render(request, "matching/index.html", context)


# ------------------------------------------------------------------ job seeker

def _own(request: HttpRequest) -> JobSeeker:
    seeker = people_access.own_profile(request.user)
    if seeker is None:  # a person who came by a coach's invitation joins that caseload
        seeker = JobSeeker(user=request.user, coach=invitations.coach_of(request.user))
    return seeker


@permission_required("manage_own_profile")
def profile(request: HttpRequest) -> HttpResponse:
    seeker = _own(request)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=seeker)
        if form.is_valid():
            profiles.save_profile(seeker, **form.cleaned_data)
            messages.success(request, _("Je profiel is opgeslagen."))
            return _to_profile(request)
    else:
        form = ProfileForm(instance=seeker)
    return _profile_page(request, seeker, form)


def _profile_page(request: HttpRequest, seeker: JobSeeker, form: ProfileForm,
                  experience_entry: dict | None = None) -> HttpResponse:
    """The profile page; `experience_entry` keeps what was typed under work experience (the
    occupation text, the years, the message and the occupations to choose from)."""
    lang = current_lang()
    context = {"form": form, "seeker": seeker, "lang": lang,
               "entry": experience_entry or {}, "next": next_page(request)}
    if seeker.pk:
        context["experience"] = [
            {"uri": e.occupation.uri, "label": e.occupation.label(lang), "years": e.years}
            for e in seeker.experience.select_related("occupation")]
        context["skills"] = [
            {"uri": s.skill.uri, "label": s.skill.label(lang), "source": s.get_source_display(),
             "evidence": s.evidence, "skill": s.skill}
            for s in seeker.skills.select_related("skill")]
    return render(request, "matching/profile.html", context)


def _to_profile(request: HttpRequest) -> HttpResponse:
    """Back to the profile page, keeping `next`: the page someone came from to fill it in
    (e.g. the switch plan they wanted), offered as the way on once the profile is saved."""
    then = next_page(request)
    return redirect(reverse("matching:profile") + (f"?{urlencode({'next': then})}" if then
                                                   else ""))


def _saved_seeker(request: HttpRequest) -> JobSeeker:
    seeker = people_access.own_profile(request.user)
    if seeker is None:
        messages.error(request, _("Sla eerst je profiel op."))
        raise _Redirect("matching:profile")
    return seeker


class _Redirect(Exception):
    def __init__(self, to: str):
        self.to = to


def _redirecting(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _Redirect as exc:
            return redirect(exc.to)
    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@permission_required("manage_own_profile")
@require_POST
@_redirecting
def experience(request: HttpRequest) -> HttpResponse:
    """Add or remove work experience. Text that names no single occupation comes back on the
    page as typed, with the years, and the occupations it could mean to choose from (a
    choice posts the occupation's URI as `choice`)."""
    seeker = _saved_seeker(request)
    lang = current_lang()
    if request.POST.get("remove"):
        profiles.remove_experience(seeker, request.POST["remove"])
        return _to_profile(request)
    text = request.POST.get("occupation", "").strip()[:200]
    years = request.POST.get("years", "").strip()
    entry = {"occupation": text, "years": years, "candidates": []}
    try:
        if not years.isdigit():
            raise profiles.ProfileInputError(_("Vul het aantal jaren in als heel getal."))
        occupation = resolve_occupation(request.POST.get("choice") or text, lang)
        profiles.add_experience(seeker, occupation.uri, int(years))
    except TransitionInputError as exc:
        entry["candidates"] = exc.candidates
        entry["error"] = (_("Dat beroep vonden we niet precies. Kies hieronder wat je bedoelt, "
                            "of typ het anders.") if exc.candidates
                          else _("Dat beroep vonden we niet. Typ het anders."))
    except profiles.ProfileInputError as exc:
        entry["error"] = str(exc)
    else:
        messages.success(request, _("Werkervaring als %(o)s toegevoegd, met de "
                                    "vaardigheden van dat beroep.")
                         % {"o": occupation.label(lang)})
        return _to_profile(request)
    return _profile_page(request, seeker, ProfileForm(instance=seeker), entry)


@permission_required("manage_own_profile")
@require_POST
@_redirecting
def skills(request: HttpRequest) -> HttpResponse:
    seeker = _saved_seeker(request)
    lang = current_lang()
    if request.POST.get("remove"):
        profiles.remove_skill(seeker, request.POST["remove"])
        return _to_profile(request)
    text = request.POST.get("skill", "").strip()[:200]
    uri = request.POST.get("uri", "").strip()
    try:
        if not uri:
            hits = search("skill", text, lang, 1) if text else []
            if not hits or hits[0].score < 0.6:
                raise profiles.ProfileInputError(
                    _("Geen vaardigheid gevonden voor '%(t)s'. Probeer andere woorden.")
                    % {"t": text})
            uri = hits[0].concept.uri
        profiles.add_skills(seeker, [uri], "declared")
        messages.success(request, _("Vaardigheid toegevoegd."))
    except profiles.ProfileInputError as exc:
        messages.error(request, str(exc))
    return _to_profile(request)


@in_memory_uploads
@permission_required("manage_own_profile")
@_redirecting
def cv(request: HttpRequest) -> HttpResponse:
    """Paste a CV or upload one (PDF, DOCX, text): suggested skills with the words that
    triggered them. The file is read in memory and forgotten; nothing is saved here."""
    seeker = _saved_seeker(request)
    lang = current_lang()
    suggestions = None
    form = TextForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            suggestions = service.suggest_skills(form.cleaned_data["cv_text"], lang)
        except service.MatchInputError as exc:
            form.add_error(None, str(exc))
        if suggestions is not None:
            held = set(seeker.skills.values_list("skill__uri", flat=True))
            for s in suggestions:
                s["held"] = s["uri"] in held
    error = " ".join(e for errs in form.errors.values() for e in errs) if form.errors else ""
    upload = form.cleaned_data.get("upload") if suggestions is not None else None
    return render(request, "matching/cv.html", {"form": form, "suggestions": suggestions,
                                                "error": error, "lang": lang,
                                                "file_name": upload.name if upload else ""})


@permission_required("manage_own_profile")
@require_POST
@_redirecting
def cv_confirm(request: HttpRequest) -> HttpResponse:
    seeker = _saved_seeker(request)
    uris = request.POST.getlist("skill")[:60]
    evidence = {u: request.POST.get(f"evidence-{u}", "") for u in uris}
    if not uris:
        messages.error(request, _("Je hebt geen vaardigheden aangevinkt; er is niets "
                                  "opgeslagen."))
        return redirect("matching:cv")
    try:
        added = profiles.add_skills(seeker, uris, "extracted", evidence)
    except profiles.ProfileInputError as exc:
        messages.error(request, str(exc))
        return redirect("matching:cv")
    messages.success(request, _("%(n)s vaardigheden bevestigd en opgeslagen.") % {"n": added})
    return redirect("matching:profile")


@permission_required("manage_own_profile")
def export(request: HttpRequest) -> HttpResponse:
    seeker = people_access.own_profile(request.user)
    data = profiles.export(seeker) if seeker else {}
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="banenbrug-profiel.json"'
    return response


@permission_required("manage_own_profile")
def delete(request: HttpRequest) -> HttpResponse:
    seeker = people_access.own_profile(request.user)
    if request.method == "POST" and seeker is not None:
        profiles.delete(seeker)
        messages.success(request, _("Je profiel en alles wat erbij hoort is verwijderd."))
        return redirect("matching:index")
    return render(request, "matching/delete.html", {"seeker": seeker})


@permission_required("manage_own_profile")
@_redirecting
def statistics(request: HttpRequest) -> HttpResponse:
    seeker = _saved_seeker(request)
    record = GroupStatistics.objects.filter(seeker=seeker).first()
    form = GroupStatisticsForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        profiles.save_group_statistics(seeker, **form.cleaned_data)
        messages.success(request, _("Dank je. Deze gegevens gebruiken we alleen voor "
                                    "statistiek."))
        return redirect("matching:profile")
    return render(request, "matching/statistics.html", {"form": form})


@permission_required("manage_own_profile")
@_redirecting
def matches(request: HttpRequest) -> HttpResponse:
    seeker = _saved_seeker(request)
    found = service.vacancies_for(seeker, top=20, lang=current_lang())
    return render(request, "matching/matches.html", {
        "matches": found, "seeker": seeker, "has_skills": seeker.skills.exists(),
        "synthetic": any(m["is_synthetic"] for m in found)})


@permission_required("manage_own_profile")
def places(request: HttpRequest) -> HttpResponse:
    seeker = people_access.own_profile(request.user)
    entries = (seeker.queue_places.select_related("vacancy", "vacancy__employer")
               .order_by("-signed_up_at") if seeker else [])
    return render(request, "matching/places.html", {"entries": entries})


@permission_required("manage_own_profile")
@require_POST
def place_action(request: HttpRequest, entry_id: int, action: str) -> HttpResponse:
    seeker = people_access.own_profile(request.user)
    entry = QueueEntry.objects.filter(pk=entry_id, seeker=seeker).first() if seeker else None
    if entry is None:
        raise Http404
    step = {"aannemen": queue.accept, "afslaan": queue.decline, "afmelden": queue.withdraw}
    try:
        step[action](entry.pk)
        messages.success(request, _("Gelukt."))
    except queue.QueueError as exc:
        messages.error(request, str(exc))
    return redirect("matching:places")


@login_required
def vacancy(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    item = access.published_vacancy(vacancy_id)
    lang = current_lang()
    seeker = (JobSeeker.objects.filter(user=request.user).first()
              if request.user.has_perm(people_access.PROFILE) else None)
    entry = item.queue.filter(seeker=seeker).first() if seeker else None
    route = vacancies.route_summary(item, lang)
    taught = (vacancies.taught_skill_ids(item.learn_work) if route else set())
    skill_rows = [{"label": s.skill.label(lang), "essential": s.essential,
                   "taught": s.skill_id in taught}
                  for s in item.skills.select_related("skill")]
    return render(request, "matching/vacancy.html", {
        "vacancy": item, "skills": skill_rows, "seeker": seeker, "entry": entry,
        "route": route,
        "occupation": item.occupation.label(lang) if item.occupation else "",
        "waiting": item.queue.filter(status=QueueEntry.Status.WAITING).count()})


@permission_required("manage_own_profile")
@require_POST
@_redirecting
def sign_up(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    seeker = _saved_seeker(request)
    form = DeclarationForm(request.POST)
    form.is_valid()
    declaration = queue.Declaration(**{k: bool(form.cleaned_data.get(k))
                                       for k in DeclarationForm.base_fields})
    try:
        entry = queue.sign_up(vacancy_id, seeker, declaration)
    except queue.QueueError as exc:
        messages.error(request, str(exc))
        return redirect("matching:vacancy", vacancy_id)
    messages.success(request, _("Je staat op plaats %(p)s in de rij.") % {"p": entry.position})
    return redirect("matching:places")


# ------------------------------------------------------------------ employer

@permission_required("manage_vacancies")
def employer(request: HttpRequest) -> HttpResponse:
    items = access.own_vacancies(request.user).select_related("employer", "occupation")
    return render(request, "matching/employer.html", {
        "vacancies": items, "employers": people_access.own_employers(request.user),
        "synthetic": any(v.is_synthetic for v in items)})


def _skill_choices(uris: list[str], lang: str) -> list[dict]:
    skills = {s.uri: s for s in Skill.objects.filter(uri__in=uris)}
    rows = [{"uri": u, "label": skills[u].label(lang)} for u in uris if u in skills]
    return sorted(rows, key=lambda r: r["label"].casefold())


@permission_required("manage_vacancies")
def vacancy_form(request: HttpRequest, vacancy_id: int | None = None) -> HttpResponse:
    """Pick an occupation, get its ESCO skills prefilled, edit, choose the hiring mode."""
    lang = current_lang()
    employers = people_access.own_employers(request.user)
    if not employers.exists():
        raise PermissionDenied
    item = access.own_vacancy(request.user, vacancy_id) if vacancy_id else None
    source = request.POST if request.method == "POST" else request.GET
    occupation, candidates, error = None, [], ""
    text = source.get("beroep", "").strip()[:200]
    if text:
        try:
            occupation = resolve_occupation(text, lang)
        except TransitionInputError as exc:
            candidates, error = exc.candidates, str(exc)
    elif item and item.occupation:
        occupation = item.occupation
    essential, optional = vacancies.occupation_skills(occupation) if occupation else ([], [])
    if item:
        chosen_ess = list(item.skills.filter(essential=True).values_list("skill__uri", flat=True))
        chosen_opt = list(item.skills.filter(essential=False).values_list("skill__uri",
                                                                          flat=True))
    else:
        chosen_ess, chosen_opt = essential, optional
    route = LearnWorkRoute.objects.filter(vacancy=item).first() if item else None
    chosen_bbl = list(route.bbl_skills.values_list("uri", flat=True)) if route else []
    if request.method == "POST" and "opslaan" in request.POST:
        form = VacancyForm(request.POST, instance=item)
        route_form = LearnWorkForm(request.POST, instance=route, prefix="leerwerk",
                                   skill_uris=[*essential, *chosen_ess])
        chosen_ess = request.POST.getlist("essentieel")
        chosen_opt = request.POST.getlist("optioneel")
        chosen_bbl = request.POST.getlist("bbl")
        extra = request.POST.get("extra", "").strip()[:200]
        if extra:
            hits = search("skill", extra, lang, 1)
            if hits and hits[0].score >= 0.6:
                chosen_ess.append(hits[0].concept.uri)
            else:
                form.add_error(None, _("Geen vaardigheid gevonden voor '%(t)s'.") % {"t": extra})
        employer_id = request.POST.get("employer", "")
        owner = employers.filter(pk=employer_id).first() if employer_id.isdigit() else None
        owner = owner or (item.employer if item else employers.first())
        learn_work = request.POST.get("hiring_mode") == HiringMode.LEARN_WORK
        # the route counts only for a learn-work vacancy: both forms must be valid then
        if form.is_valid() and (not learn_work or route_form.is_valid()):
            values = {k: form.cleaned_data[k] for k in VacancyForm.Meta.fields}
            bbl = [u for u in chosen_bbl if u in {*chosen_ess, *chosen_opt}]
            try:
                saved = vacancies.save_vacancy(
                    owner, values, occupation.uri if occupation else None, chosen_ess,
                    chosen_opt, vacancy=item,
                    learn_work=route_form.route(bbl) if learn_work else None)
            except vacancies.VacancyInputError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Vacature opgeslagen."))
                return redirect("matching:employer_vacancy", saved.pk)
    else:
        initial = {}
        if occupation and not item:
            initial = {"title": occupation.label(lang)}
        form = VacancyForm(instance=item, initial=initial)
        route_form = LearnWorkForm(instance=route, prefix="leerwerk",
                                   skill_uris=[*essential, *chosen_ess])
    all_uris = list(dict.fromkeys([*essential, *optional, *chosen_ess, *chosen_opt]))
    rows = [{**r, "essential": r["uri"] in chosen_ess, "optional": r["uri"] in chosen_opt,
             "bbl": r["uri"] in chosen_bbl, "esco_essential": r["uri"] in essential}
            for r in _skill_choices(all_uris, lang)]
    rows.sort(key=lambda r: (not r["esco_essential"], r["label"].casefold()))
    return render(request, "matching/vacancy_form.html", {
        "form": form, "route_form": route_form, "item": item, "occupation": occupation,
        "candidates": candidates,
        "learn_work": form["hiring_mode"].value() == HiringMode.LEARN_WORK,
        "error": error, "text": text, "rows": rows, "employers": employers, "lang": lang})


@permission_required("manage_vacancies")
def employer_vacancy(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The candidates (skills, learn-work) or the queue (Open Hiring) of an own vacancy."""
    item = access.own_vacancy(request.user, vacancy_id)
    context = {"vacancy": item, "lang": current_lang()}
    if item.is_open_hiring:
        context["entries"] = item.queue.order_by("position")
        context["events"] = item.queue_events.order_by("-id")[:50]
    else:
        access.visible_candidates(request.user, item)
        context["candidates"] = service.candidates_for(item, top=20, lang=current_lang())
    return render(request, "matching/employer_vacancy.html", context)


@permission_required("manage_vacancies")
@require_POST
def queue_action(request: HttpRequest, vacancy_id: int, entry_id: int) -> HttpResponse:
    item = access.own_vacancy(request.user, vacancy_id)
    entry = item.queue.filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    try:
        queue.mark_not_eligible(entry.pk)
        messages.success(request, _("Het aanbod gaat naar de volgende in de rij."))
    except queue.QueueError as exc:
        messages.error(request, str(exc))
    return redirect("matching:employer_vacancy", item.pk)


# ------------------------------------------------------------------ coach and analyst

@permission_required("view_caseload")
def caseload(request: HttpRequest) -> HttpResponse:
    people = people_access.caseload(request.user).prefetch_related("skills", "plan_versions")
    return render(request, "matching/caseload.html", {"people": people})


@permission_required("view_caseload")
def caseload_person(request: HttpRequest, seeker_id: int) -> HttpResponse:
    seeker = people_access.caseload_member(request.user, seeker_id)
    lang = current_lang()
    return render(request, "matching/caseload_person.html", {
        "seeker": seeker, "matches": service.vacancies_for(seeker, top=10, lang=lang),
        "skills": [{"label": s.skill.label(lang), "source": s.get_source_display()}
                   for s in seeker.skills.select_related("skill")],
        "experience": [{"label": e.occupation.label(lang), "years": e.years}
                       for e in seeker.experience.select_related("occupation")]})


@permission_required("view_aggregates")
def fairness(request: HttpRequest) -> HttpResponse:
    top = request.GET.get("top", "10")
    top = min(max(int(top), 1), 50) if top.isdigit() else 10
    report = reports.fairness_report(top=top)
    return render(request, "matching/fairness.html", {"report": report, "top": top})

