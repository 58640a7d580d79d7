"""Ontdek pages. They present; the service computes. Nothing about a visitor is stored: the
answers travel in the URL, only anonymous counts are kept (reach.py)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from banenbrug.language import current_lang
from banenbrug.orientation import catalogue, questionnaire, reach, service
from banenbrug.orientation.texts import CHOICES, QUESTIONS, TYPE_LIKES, TYPE_NAMES


def _unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    return render(request, "orientation/unavailable.html", {"reason": str(exc)}, status=503)


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "orientation/index.html", {
        "types": [(code, TYPE_NAMES[code], TYPE_LIKES[code]) for code in TYPE_NAMES]})


def _questions(selected: dict[str, int]) -> list[dict[str, object]]:
    return [{"id": item, "number": n, "text": QUESTIONS[item], "selected": selected.get(item),
             "choices": CHOICES} for n, item in enumerate(questionnaire.ITEMS, start=1)]


def questionnaire_page(request: HttpRequest) -> HttpResponse:
    selected: dict[str, int] = {}
    code = request.GET.get("a", "")
    if code:
        try:
            selected = questionnaire.from_code(code).as_dict()
        except questionnaire.AnswerError:
            selected = {}
    return render(request, "orientation/questionnaire.html", {
        "questions": _questions(selected), "min_answered": questionnaire.MIN_ANSWERED})


def results(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    code = request.GET.get("a")
    try:
        if code is None:
            # A submitted questionnaire: count it anonymously, then show the result at a short
            # URL that holds the answers (and only them), so it can be shared.
            answers = questionnaire.from_mapping(
                {k: v for k, v in request.GET.items() if k in questionnaire.ITEMS}, strict=False)
            result = service.for_answers(answers, lang)
            reach.questionnaire_completed(result.route, [s.uri for s in result.suggestions])
            return redirect(reverse("orientation:results") + "?" + urlencode(
                {"a": answers.code()}))
        answers = questionnaire.from_code(code)
        result = service.for_answers(answers, lang)
    except questionnaire.AnswerError as exc:
        selected = {}
        if code is None:
            selected = {k: v for k, v in request.GET.items() if k in questionnaire.ITEMS}
        return render(request, "orientation/questionnaire.html", {
            "questions": _questions({k: int(v) for k, v in selected.items() if v in "012"}),
            "min_answered": questionnaire.MIN_ANSWERED, "error": str(exc)}, status=400)
    except catalogue.CatalogueUnavailable as exc:
        return _unavailable(request, exc)
    share_url = request.build_absolute_uri(
        reverse("orientation:results") + "?" + urlencode({"a": answers.code()}))
    return render(request, "orientation/results.html", {
        "result": result, "share_url": share_url, "answers_code": answers.code(),
        "mailto": "mailto:?" + urlencode({
            "subject": _("Mijn uitslag van Ontdek (Banenbrug)"),
            "body": _("Kijk eens welke beroepen bij mij passen: %(url)s") % {"url": share_url}},
            quote_via=quote)})


def story(request: HttpRequest, uuid: str) -> HttpResponse:
    lang = current_lang()
    try:
        found = service.story(uuid, lang)
    except catalogue.CatalogueUnavailable as exc:
        return _unavailable(request, exc)
    reach.story_viewed(found.occupation.uri)
    return render(request, "orientation/story.html", {"s": found, "lang": lang})


def groups(request: HttpRequest) -> HttpResponse:
    try:
        found = service.groups(current_lang())
    except catalogue.CatalogueUnavailable as exc:
        return _unavailable(request, exc)
    return render(request, "orientation/groups.html", {"groups": found})


def group(request: HttpRequest, code: str) -> HttpResponse:
    try:
        found = service.group(code, current_lang())
    except catalogue.CatalogueUnavailable as exc:
        return _unavailable(request, exc)
    if found is None:
        raise Http404("no such occupation group")
    return render(request, "orientation/group.html", {
        "group": found, "type_names": TYPE_NAMES,
        "counts": [(TYPE_NAMES[t], n) for t, n in found.counts().items()]})


def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "orientation/guide.html")
