"""Cohorts with a job promise: creating one, applying, the selection, pledges and outcomes.

Every change to a cohort's places happens inside one transaction that first locks the cohort
row (`select_for_update`), as a vacancy's Open Hiring queue does: two applications get
different positions, and two selections at the same moment run one after the other, so a
place is never given twice. The selection itself is the pure engine in employers/cohorts.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from banenbrug.employers import cohorts
from banenbrug.employers.cohort_forms import CohortForm
from banenbrug.employers.models import Cohort, CohortApplication
from banenbrug.employers.service import EmployerInputError
from banenbrug.people.models import Employer, JobSeeker, SeekerSkill
from banenbrug.plans.models import ModuleSkill
from banenbrug.registry.models import Pledge
from banenbrug.taxonomy.models import OccupationSkill, Skill, Term

Status = CohortApplication.Status
VERDICT_STATUS = {cohorts.Verdict.ADMITTED: Status.ADMITTED,
                  cohorts.Verdict.RESERVE: Status.RESERVE,
                  cohorts.Verdict.NOT_PASSED: Status.NOT_PASSED}
IN_SELECTION = (Status.APPLIED, Status.ADMITTED, Status.RESERVE, Status.NOT_PASSED)


def form_errors(form: CohortForm) -> str:
    """A form's messages as one sentence list, for the API and the CLI."""
    return " ".join(str(m) for messages in form.errors.values() for m in messages)


def create_cohort(organiser: Employer, data: Any, *, is_example: bool = False) -> Cohort:
    """A new cohort from form data (page, API, CLI); bad input names every problem."""
    form = CohortForm(data)
    if not form.is_valid():
        raise EmployerInputError(form_errors(form))
    with transaction.atomic():
        form.instance.organiser = organiser
        form.instance.is_example = is_example
        return form.save()


def entry_skills(cohort: Cohort) -> frozenset[int]:
    """The target occupation's essential skills that the cohort's modules do not teach."""
    if cohort.occupation_id is None:
        return frozenset()
    essential = OccupationSkill.objects.filter(
        occupation_id=cohort.occupation_id,
        relation=OccupationSkill.Relation.ESSENTIAL).values_list("skill_id", flat=True)
    taught = ModuleSkill.objects.filter(module__in=cohort.modules.all()).values_list(
        "skill_id", flat=True)
    return cohorts.entry_skills(essential, taught)


def _locked(cohort_id: int) -> Cohort:
    cohort = Cohort.objects.select_for_update().filter(pk=cohort_id).first()
    if cohort is None:
        raise EmployerInputError(_("Dit cohort bestaat niet."))
    return cohort


def apply(cohort_id: int, seeker: JobSeeker, *, consent: bool) -> CohortApplication:
    """Join the cohort's applicants at the next position. Consent first: the organiser sees
    the application (pseudonym, the entry skills held), nothing else."""
    if not consent:
        raise EmployerInputError(_("Zonder je toestemming kunnen we je aanmelding niet "
                                   "bewaren: de organisator moet zien welke "
                                   "instapvaardigheden je hebt."))
    with transaction.atomic():
        cohort = _locked(cohort_id)
        if not cohort.is_open or cohort.start_date < timezone.localdate():
            raise EmployerInputError(_("Aanmelden voor dit cohort kan niet meer."))
        if cohort.applications.filter(seeker=seeker).exists():
            raise EmployerInputError(_("Je hebt je al aangemeld voor dit cohort."))
        last = cohort.applications.aggregate(last=Max("position"))["last"] or 0
        try:
            with transaction.atomic():
                return CohortApplication.objects.create(cohort=cohort, seeker=seeker,
                                                        position=last + 1)
        except IntegrityError as exc:  # only reachable without a row lock (SQLite races)
            raise EmployerInputError(_("Je hebt je al aangemeld voor dit cohort.")) from exc


def withdraw(application: CohortApplication) -> None:
    """Give up the application or the place; the next selection gives a free place on."""
    with transaction.atomic():
        _locked(application.cohort_id)
        CohortApplication.objects.filter(pk=application.pk).update(status=Status.WITHDRAWN,
                                                                   reserve_rank=None)


def run_selection(cohort_id: int) -> list[cohorts.Decision]:
    """Assess every applicant who has no place yet and give the free places in order of
    application; who already has a place keeps it."""
    with transaction.atomic():
        cohort = _locked(cohort_id)
        entry = entry_skills(cohort)
        applications = list(cohort.applications.filter(status__in=IN_SELECTION))
        held: dict[int, set[int]] = defaultdict(set)
        for seeker_id, skill_id in SeekerSkill.objects.filter(
                seeker_id__in=[a.seeker_id for a in applications],
                skill_id__in=entry).values_list("seeker_id", "skill_id"):
            held[seeker_id].add(skill_id)
        decisions = cohorts.select(
            [cohorts.Applicant(a.pk, a.position, frozenset(held[a.seeker_id]),
                               admitted=a.status == Status.ADMITTED) for a in applications],
            entry, cohort.threshold, cohort.places)
        now = timezone.now()
        by_pk = {a.pk: a for a in applications}
        for d in decisions:
            a = by_pk[d.key]
            if a.status == Status.ADMITTED:
                continue  # the place and its assessment stay as given
            a.status, a.held, a.needed = VERDICT_STATUS[d.verdict], d.held, d.needed
            a.reserve_rank, a.selected_at = d.reserve_rank, now
            a.save(update_fields=["status", "held", "needed", "reserve_rank", "selected_at"])
        return decisions


def explanation(application: CohortApplication) -> str:
    """Why the applicant was or was not admitted, in the page's language (Dutch first)."""
    a, cohort = application, application.cohort
    if a.status == Status.WITHDRAWN:
        return _("Je hebt je aanmelding teruggetrokken.")
    if a.status == Status.APPLIED:
        return _("Je aanmelding is binnen: je bent nummer %(position)s. De selectie is nog niet "
                 "gedaan.") % {"position": a.position}
    score = (_("Dit cohort vraagt geen instapvaardigheden, dus iedereen haalt de toets.")
             if not a.needed else
             _("Je hebt %(held)s van de %(needed)s instapvaardigheden (%(percent)s%%); de "
               "drempel is %(threshold)s%%.") % {
                 "held": a.held, "needed": a.needed,
                 "percent": (a.held or 0) * 100 // a.needed, "threshold": cohort.threshold})
    if a.status == Status.NOT_PASSED:
        return score + " " + _("Daarom ben je niet toegelaten. Leer je de ontbrekende "
                               "vaardigheden, dan telt dat bij de volgende selectie mee.")
    order = _("Wie de toets haalt, krijgt een plaats in volgorde van aanmelding (Open Hiring); "
              "jij was nummer %(position)s.") % {"position": a.position}
    if a.status == Status.ADMITTED:
        return f"{score} {order} " + _("Je bent toegelaten.")
    return f"{score} {order} " + _(
        "Alle %(places)s plaatsen zijn vergeven aan wie zich eerder aanmeldde. Je staat "
        "%(rank)se op de wachtlijst: komt er een plaats vrij, dan is die voor jou als eerste."
    ) % {"places": cohort.places, "rank": a.reserve_rank}


def _labels(skill_ids: Iterable[int], lang: str) -> list[Term]:
    return sorted((s.label(lang) for s in Skill.objects.filter(pk__in=skill_ids)), key=str)


def missing_skills(application: CohortApplication, lang: str) -> list[Term]:
    """The entry skills the applicant does not hold (labels), so they know what to learn."""
    entry = entry_skills(application.cohort)
    held = set(SeekerSkill.objects.filter(seeker_id=application.seeker_id,
                                          skill_id__in=entry).values_list("skill_id", flat=True))
    return _labels(entry - held, lang)


def set_open(cohort: Cohort, is_open: bool) -> Cohort:
    """The organiser closes applications (the places are full, or the intake is over) or opens
    them again; who applied keeps their place in the order."""
    Cohort.objects.filter(pk=cohort.pk).update(is_open=is_open)
    cohort.is_open = is_open
    return cohort


def link_pledge(cohort: Cohort, pledge_key: str, *, linked: bool = True) -> Pledge:
    """Link a registry pledge of the cohort's initiative to the cohort (or undo it)."""
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().filter(key=pledge_key).first()
        if pledge is None:
            raise EmployerInputError(_("Deze banengarantie staat niet in het register: "
                                       "%(key)s.") % {"key": pledge_key})
        if pledge.initiative_id != cohort.initiative_id:
            raise EmployerInputError(_("Deze banengarantie hoort bij een ander initiatief dan "
                                       "het cohort."))
        if linked and pledge.cohort_id not in (None, cohort.pk):
            raise EmployerInputError(_("Deze banengarantie hoort al bij een ander cohort."))
        if not linked and pledge.cohort_id != cohort.pk:
            raise EmployerInputError(_("Deze banengarantie hoort niet bij dit cohort."))
        pledge.cohort = cohort if linked else None
        pledge.save(update_fields=["cohort"])
        return pledge


OUTCOME_FIELDS = ("completed", "hired", "employed_6m", "employed_12m")


def record_outcomes(application: CohortApplication, values: dict[str, bool | None],
                    pledge_key: str = "") -> CohortApplication:
    """A participant's outcomes (None: not known yet), only with their consent to evaluation."""
    if application.status != Status.ADMITTED:
        raise EmployerInputError(_("Uitkomsten horen bij deelnemers: %(p)s is niet "
                                   "toegelaten.") % {"p": application.seeker.pseudonym})
    if not application.seeker.consent_evaluation:
        raise EmployerInputError(_("%(p)s heeft geen toestemming gegeven om mee te tellen in "
                                   "evaluaties; we bewaren geen uitkomsten.")
                                 % {"p": application.seeker.pseudonym})
    unknown = set(values) - set(OUTCOME_FIELDS)
    if unknown:
        raise EmployerInputError(_("Onbekende uitkomst: %(names)s.")
                                 % {"names": ", ".join(sorted(unknown))})
    merged = {name: values.get(name, getattr(application, name)) for name in OUTCOME_FIELDS}
    if merged["hired"] is not True and (merged["employed_6m"] or merged["employed_12m"]
                                        or pledge_key):
        raise EmployerInputError(_("Alleen wie is aangenomen kan een werkgever hebben of na 6 "
                                   "of 12 maanden nog in dienst zijn."))
    pledge = None
    if pledge_key:
        pledge = application.cohort.pledges.filter(key=pledge_key).first()
        if pledge is None:
            raise EmployerInputError(_("Deze banengarantie hoort niet bij dit cohort: "
                                       "%(key)s.") % {"key": pledge_key})
    with transaction.atomic():
        before = application.hired_pledge_id
        for name, value in merged.items():
            setattr(application, name, value)
        application.hired_pledge = pledge if merged["hired"] else None
        application.save(update_fields=[*OUTCOME_FIELDS, "hired_pledge"])
        if before != application.hired_pledge_id:
            # a hire through a pledge is a job the pledge delivered: the registry's figure
            # and the cohort page's stay the same number
            if before is not None:
                Pledge.objects.filter(pk=before, jobs_delivered__gt=0).update(
                    jobs_delivered=F("jobs_delivered") - 1)
            if application.hired_pledge_id is not None:
                Pledge.objects.filter(pk=application.hired_pledge_id).update(
                    jobs_delivered=F("jobs_delivered") + 1)
    return application


def _participants(cohort: Cohort) -> list[cohorts.Participant]:
    rows = (cohort.applications.filter(status=Status.ADMITTED).select_related("seeker")
            .order_by("position"))
    return [cohorts.Participant(
        a.seeker_id, a.seeker.pseudonym, a.seeker.consent_evaluation, a.completed, a.hired,
        None if a.hired is not True else a.hired_pledge_id is not None,
        a.employed_6m, a.employed_12m) for a in rows]


def cohort_outcome_facts(cohort_id: int) -> list[cohorts.OutcomeFact]:
    """THE outcome facts of a cohort's participants for the outcome loop (evaluation turns them
    into OutcomeRecords): pseudonym, cohort start, completed, hired (and by a pledging
    employer), employed after 6 and 12 months; only people who consent to evaluation. Reads,
    never writes."""
    cohort = Cohort.objects.filter(pk=cohort_id).first()
    if cohort is None:
        raise EmployerInputError(_("Dit cohort bestaat niet."))
    return cohorts.outcome_facts(_participants(cohort), cohort.start_date)


@dataclass(frozen=True)
class Summary:
    """What the public cohort page shows: numbers only, nobody's data."""

    places: int
    applications: int
    admitted: int
    jobs_pledged: int
    jobs_delivered: int
    pledges: list[Pledge]
    outcomes: dict[str, int | None]
    entry_skills: list[Term]  # labels that know their language


def summary(cohort: Cohort, lang: str) -> Summary:
    pledges = list(cohort.pledges.order_by("employer"))
    totals = cohort.pledges.aggregate(p=Sum("jobs_pledged"), d=Sum("jobs_delivered"))
    active = cohort.applications.exclude(status=Status.WITHDRAWN)
    return Summary(
        places=cohort.places, applications=active.count(),
        admitted=active.filter(status=Status.ADMITTED).count(),
        jobs_pledged=totals["p"] or 0, jobs_delivered=totals["d"] or 0, pledges=pledges,
        outcomes=dict(cohorts.outcome_counts(cohorts.outcome_facts(_participants(cohort),
                                                                   cohort.start_date))),
        entry_skills=_labels(entry_skills(cohort), lang))
