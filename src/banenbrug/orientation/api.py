"""Orientation for young people, parents and teachers (Ontdek): questionnaire and suggestions."""

from typing import Any, Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from banenbrug.orientation import catalogue, questionnaire, service
from banenbrug.orientation.texts import CHOICES, QUESTIONS, TYPE_NAMES

router = Router(tags=["orientation"])
Lang = Literal["nl", "en"]


class Question(Schema):
    id: str
    interest: str
    text: str


class Questionnaire(Schema):
    questions: list[Question]
    choices: dict[str, int]
    interests: dict[str, str]
    min_answered: int


class SuggestionOut(Schema):
    uri: str
    label: str
    score: float
    green: bool
    digital: bool
    technical: bool
    why: str
    framing: str  # what the work contributes to the climate and society
    interests: list[str]
    profile_borrowed_from_isco_group: bool


class SuggestionsOut(Schema):
    profile: dict[str, float]
    route: str
    suggestions: list[SuggestionOut]
    answers_code: str | None = None


class SuggestionsIn(Schema):
    answers: dict[str, Any] | None = None
    profile: list[float] | None = None
    top: int = service.DEFAULT_TOP
    lang: Lang = "nl"


@router.get("/questionnaire", response=Questionnaire)
def get_questionnaire(request: HttpRequest, lang: Lang = "nl"):
    """The 30 activities (answer 2 = leuk, 1 = weet ik niet, 0 = niet leuk)."""
    with translation.override(lang):
        return {"questions": [{"id": i, "interest": questionnaire.item_type(i),
                               "text": str(QUESTIONS[i])} for i in questionnaire.ITEMS],
                "choices": {str(label): value for value, label in CHOICES},
                "interests": {k: str(v) for k, v in TYPE_NAMES.items()},
                "min_answered": questionnaire.MIN_ANSWERED}


def _suggest(answers: dict[str, Any] | None, profile: list[float] | None, top: int, lang: str):
    if (answers is None) == (profile is None):
        raise HttpError(422, "give either answers or profile")
    if not 1 <= top <= service.MAX_TOP:
        raise HttpError(422, f"top must be between 1 and {service.MAX_TOP}")
    try:
        with translation.override(lang):
            if answers is not None:
                result = service.for_answers(questionnaire.from_mapping(answers), lang, top)
            else:
                result = service.for_profile(profile or [], lang, top)
    except (questionnaire.AnswerError, ValueError) as exc:
        raise HttpError(422, str(exc)) from None
    except catalogue.CatalogueUnavailable as exc:
        raise HttpError(503, str(exc)) from None
    return result.as_json()


@router.post("/suggestions", response=SuggestionsOut)
def post_suggestions(request: HttpRequest, body: SuggestionsIn):
    """Suggestions from questionnaire answers ({item: 0|1|2}) or a RIASEC profile (six 1-7).
    Nothing is stored."""
    return _suggest(body.answers, body.profile, body.top, body.lang)


class ProfileQuery(Schema):
    profile: str
    top: int = service.DEFAULT_TOP
    lang: Lang = "nl"


@router.get("/suggestions", response=SuggestionsOut)
def get_suggestions(request: HttpRequest, query: Query[ProfileQuery]):
    """Suggestions from an interest profile given as `R,I,A,S,E,C` (O*NET's 1-7 scale)."""
    try:
        values = service.parse_profile(query.profile)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from None
    return _suggest(None, values, query.top, query.lang)


@router.get("/occupations/{uuid}", response=dict[str, Any])
def get_story(request: HttpRequest, uuid: str, lang: Lang = "nl"):
    """The occupation story: day, contribution, skills, interests, routes, role models."""
    try:
        with translation.override(lang):
            return service.story(uuid, lang).as_json()
    except catalogue.CatalogueUnavailable as exc:
        raise HttpError(503, str(exc)) from None
