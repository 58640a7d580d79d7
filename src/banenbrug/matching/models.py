"""Vacancies and Open Hiring queues; the people and employers they concern live in people."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from banenbrug.people.models import MAX_HOURS, Employer, JobSeeker, Place
from banenbrug.taxonomy.models import Occupation, Skill


class HiringMode(models.TextChoices):
    SKILLS = "skills", _("op vaardigheden (rangorde)")
    OPEN_HIRING = "open_hiring", _("Open Hiring (wie zich eerst meldt)")
    LEARN_WORK = "learn_work", _("leerwerkbaan (opleiding op de werkvloer)")


class Vacancy(Place):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField(_("functietitel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, max_length=20000)
    occupation = models.ForeignKey(Occupation, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("ESCO-beroep"))
    part_time_possible = models.BooleanField(_("deeltijd mogelijk"), default=False)
    salary_min = models.PositiveIntegerField(_("salaris vanaf (bruto per maand)"), null=True,
                                             blank=True)
    salary_max = models.PositiveIntegerField(_("salaris tot (bruto per maand)"), null=True,
                                             blank=True)
    hiring_mode = models.CharField(_("manier van werven"), max_length=12,
                                   choices=HiringMode.choices, default=HiringMode.SKILLS)
    openings = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)])
    # The legal minimum for Open Hiring: the only things checked, by self-declaration.
    min_age = models.PositiveSmallIntegerField(
        _("minimumleeftijd"), default=18, validators=[MinValueValidator(15), MaxValueValidator(21)])
    work_permit_required = models.BooleanField(
        _("wettelijk toegestaan om in Nederland te werken"), default=True)
    other_requirements = models.CharField(
        _("andere wettelijke eisen"), max_length=300, blank=True,
        help_text=_("Bijvoorbeeld: VCA-diploma binnen 3 maanden, rijbewijs B. Alleen wat de wet "
                    "of de veiligheid eist."))
    is_open = models.BooleanField(_("open"), default=True)
    # the registry initiative this vacancy is part of: its placements count towards its outcomes
    initiative = models.ForeignKey("registry.Initiative", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="vacancies",
                                   verbose_name=_("initiatief (register)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        constraints = [
            models.CheckConstraint(condition=Q(hours_min__lte=F("hours_max")),
                                   name="vacancy_hours_ordered"),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True) | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")), name="vacancy_salary_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.salary_min and self.salary_max and self.salary_min > self.salary_max:
            raise ValidationError({"salary_max": _("Het maximumsalaris is lager dan het "
                                                   "minimum.")})

    @property
    def is_open_hiring(self) -> bool:
        return self.hiring_mode == HiringMode.OPEN_HIRING

    @property
    def is_learn_work(self) -> bool:
        return self.hiring_mode == HiringMode.LEARN_WORK


class LearnWorkRoute(models.Model):
    """What a learn-work vacancy offers: the training (modules from the plans catalogue and/or a
    BBL route), the wage while learning, the hours for work and school, and the diploma."""

    class BblLevel(models.IntegerChoices):
        ONE = 1, _("mbo niveau 1 (entree)")
        TWO = 2, _("mbo niveau 2")
        THREE = 3, _("mbo niveau 3")
        FOUR = 4, _("mbo niveau 4")

    vacancy = models.OneToOneField(Vacancy, on_delete=models.CASCADE, related_name="learn_work")
    modules = models.ManyToManyField("plans.TrainingModule", blank=True, related_name="+",
                                     verbose_name=_("modules uit de catalogus"))
    bbl_level = models.PositiveSmallIntegerField(_("BBL-niveau"), null=True, blank=True,
                                                 choices=BblLevel.choices)
    bbl_name = models.CharField(_("BBL-opleiding"), max_length=200, blank=True,
                                help_text=_("Bijvoorbeeld: Eerste Monteur Elektrotechnische "
                                            "Installaties."))
    # skills of the vacancy that the BBL route teaches (modules name their own)
    bbl_skills = models.ManyToManyField(Skill, blank=True, related_name="+")
    wage_eur = models.PositiveIntegerField(
        _("loon tijdens het leren (bruto per maand, hele euro's)"),
        validators=[MaxValueValidator(20000)])
    work_hours = models.PositiveSmallIntegerField(
        _("uren werk per week"), validators=[MaxValueValidator(MAX_HOURS)])
    school_hours = models.PositiveSmallIntegerField(
        _("uren school per week"), validators=[MaxValueValidator(MAX_HOURS)])
    diploma = models.CharField(_("diploma of certificaat aan het eind"), max_length=200)

    class Meta:
        constraints = [models.CheckConstraint(
            condition=Q(work_hours__lte=MAX_HOURS - F("school_hours")),
            name="learn_work_hours_at_most_48")]

    def __str__(self) -> str:
        return f"learn-work route of {self.vacancy_id}"

    def clean(self) -> None:
        super().clean()
        if (self.work_hours or 0) + (self.school_hours or 0) > MAX_HOURS:
            raise ValidationError({"school_hours": _(
                "Werk en school samen zijn %(n)s uur per week; dat mag hooguit %(max)s zijn.")
                % {"n": self.work_hours + self.school_hours, "max": MAX_HOURS}})
        if self.bbl_name and not self.bbl_level:
            raise ValidationError({"bbl_level": _("Kies het niveau van de BBL-opleiding.")})
        if self.bbl_level and not self.bbl_name:
            raise ValidationError({"bbl_name": _("Geef de naam van de BBL-opleiding.")})

    @property
    def has_bbl(self) -> bool:
        return bool(self.bbl_name)


class VacancySkill(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    essential = models.BooleanField(default=True)

    class Meta:
        ordering = ["-essential", "id"]
        constraints = [models.UniqueConstraint(fields=["vacancy", "skill"],
                                               name="unique_vacancy_skill")]

    def __str__(self) -> str:
        return f"{self.vacancy_id}: {self.skill_id}"


class QueueEntry(models.Model):
    """A place in an Open Hiring queue. Positions are handed out under a lock on the vacancy."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("wacht op de beurt")
        OFFERED = "offered", _("aanbod gedaan")
        ACCEPTED = "accepted", _("aangenomen")
        DECLINED = "declined", _("aanbod afgeslagen")
        WITHDRAWN = "withdrawn", _("afgemeld")
        NOT_ELIGIBLE = "not_eligible", _("voldoet niet aan de wettelijke eisen")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="queue")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="queue_places")
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WAITING)
    signed_up_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vacancy", "position"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "position"], name="unique_queue_position"),
            models.UniqueConstraint(fields=["vacancy", "seeker"], name="unique_queue_seeker"),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy_id} #{self.position} ({self.status})"


class QueueEvent(models.Model):
    """Append-only log of every step of a queue. Survives the person's deletion, anonymised."""

    class Kind(models.TextChoices):
        SIGNED_UP = "signed_up", _("aangemeld")
        OFFERED = "offered", _("aanbod gedaan")
        ACCEPTED = "accepted", _("aanbod aangenomen")
        DECLINED = "declined", _("aanbod afgeslagen")
        WITHDRAWN = "withdrawn", _("afgemeld")
        NOT_ELIGIBLE = "not_eligible", _("voldoet niet aan de wettelijke eisen")
        CLOSED = "closed", _("vacature gesloten")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="queue_events")
    entry = models.ForeignKey(QueueEntry, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="events")
    position = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.vacancy_id} #{self.position} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("queue events are append-only")
        super().save(*args, **kwargs)


class StoredMatch(models.Model):
    """A match computed by the national batch (`banenbrug match-all`): one of a person's k best
    open vacancies, or one of a vacancy's k best consenting candidates. A part of the batch
    replaces its rows in one transaction, so a part is stored whole or not at all."""

    class Direction(models.TextChoices):
        VACANCY = "vacancy", _("vacature voor een werkzoekende")
        CANDIDATE = "candidate", _("kandidaat voor een vacature")

    direction = models.CharField(max_length=9, choices=Direction.choices)
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()  # 1 = best
    score = models.FloatField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["direction", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "rank"], name="unique_stored_vacancy_rank",
                                    condition=Q(direction="vacancy")),
            models.UniqueConstraint(fields=["vacancy", "rank"],
                                    name="unique_stored_candidate_rank",
                                    condition=Q(direction="candidate")),
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.seeker_id}-{self.vacancy_id} #{self.rank}"
