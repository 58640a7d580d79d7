"""ESCO concepts and their relations. The concept URI is the stable key; labels per language."""

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from django.utils.translation import gettext_lazy as _


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


class Term(str):
    """A label that knows the language it is in: English where ESCO has none in the language
    asked for. Behaves as the plain string everywhere; `|term` in templates marks the fallback."""

    lang: str

    def __new__(cls, text: str, lang: str) -> "Term":
        term = super().__new__(cls, text)
        term.lang = lang
        return term

    def __reduce__(self) -> tuple[type["Term"], tuple[str, str]]:
        return Term, (str(self), self.lang)


class Concept(models.Model):
    """Fields every ESCO concept has. Dutch fields stay empty where ESCO has no Dutch label."""

    uri = models.CharField(max_length=200, unique=True)
    label_en = models.CharField(max_length=400)
    label_nl = models.CharField(max_length=400, blank=True)
    alt_labels_en = models.TextField(blank=True, help_text="one label per line")
    alt_labels_nl = models.TextField(blank=True, help_text="one label per line")
    hidden_labels_en = models.TextField(blank=True, help_text="one label per line")
    hidden_labels_nl = models.TextField(blank=True, help_text="one label per line")
    description_en = models.TextField(blank=True)
    description_nl = models.TextField(blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label_en

    @property
    def uuid(self) -> str:
        return self.uri.rsplit("/", 1)[-1]

    def label(self, lang: str) -> Term:
        """The label in `lang`, English where ESCO has none in that language."""
        return Term((self.label_nl if lang == "nl" else "") or self.label_en,
                    self.label_lang(lang))

    def label_lang(self, lang: str) -> str:
        """The language `label(lang)` is really in."""
        return "nl" if lang == "nl" and self.label_nl else "en"

    def description(self, lang: str) -> str:
        return (self.description_nl if lang == "nl" else "") or self.description_en

    def alt_labels(self, lang: str) -> list[str]:
        return _lines(self.alt_labels_nl if lang == "nl" else self.alt_labels_en)

    def has_label_in(self, lang: str) -> bool:
        return lang != "nl" or bool(self.label_nl)


class IscoGroup(Concept):
    code = models.CharField(max_length=4, db_index=True)
    green_share = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("ISCO-groep")
        verbose_name_plural = _("ISCO-groepen")
        ordering = ["code"]


class SkillGroup(Concept):
    code = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("vaardigheidsgroep")
        verbose_name_plural = _("vaardigheidsgroepen")


class Occupation(Concept):
    code = models.CharField(max_length=40, blank=True, help_text="ESCO code, e.g. 7411.1")
    isco_code = models.CharField(max_length=4, db_index=True, help_text="ISCO-08 unit group")
    status = models.CharField(max_length=20, blank=True)
    green_share = models.FloatField(null=True, blank=True, help_text="ESCO green share, 0-1")
    skills: "models.ManyToManyField[Skill, OccupationSkill]" = models.ManyToManyField(
        "Skill", through="OccupationSkill", related_name="+")

    class Meta:
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")
        ordering = ["label_en"]


class Skill(Concept):
    class Type(models.TextChoices):
        SKILL = "skill/competence", _("vaardigheid")
        KNOWLEDGE = "knowledge", _("kennis")

    class LabelSource(models.TextChoices):
        SKILLS_FILE = "skills", "skills_nl.csv"
        COLLECTION = "collection", _("collectiebestand")

    skill_type = models.CharField(max_length=20, blank=True, choices=Type.choices)
    reuse_level = models.CharField(max_length=30, blank=True)
    status = models.CharField(max_length=20, blank=True)
    labels_nl_source = models.CharField(
        max_length=10, blank=True, choices=LabelSource.choices,
        help_text="where the Dutch labels came from; a skills file is never overwritten by a "
                  "collection file")

    class Meta:
        verbose_name = _("vaardigheid")
        verbose_name_plural = _("vaardigheden")
        ordering = ["label_en"]


class OccupationSkill(models.Model):
    class Relation(models.TextChoices):
        ESSENTIAL = "essential", _("essentieel")
        OPTIONAL = "optional", _("optioneel")

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="occupation_links")
    relation = models.CharField(max_length=10, choices=Relation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="unique_occupation_skill")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} {self.relation} {self.skill_id}"


class SkillRelation(models.Model):
    """ESCO's skill-skill relations (a skill that is essential/optional to another)."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(max_length=10)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["skill", "related"], name="unique_skill_relation")
        ]

    def __str__(self) -> str:
        return f"{self.skill_id} {self.relation} {self.related_id}"


class Broader(models.Model):
    """Hierarchy edges of a pillar; ends may be skills, skill groups, occupations or ISCO groups."""

    class Pillar(models.TextChoices):
        SKILL = "skill"
        OCCUPATION = "occupation"

    pillar = models.CharField(max_length=10, choices=Pillar.choices)
    narrower_uri = models.CharField(max_length=200)
    broader_uri = models.CharField(max_length=200, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pillar", "narrower_uri", "broader_uri"], name="unique_broader"
            )
        ]
        indexes = [models.Index(fields=["narrower_uri"])]

    def __str__(self) -> str:
        return f"{self.narrower_uri} < {self.broader_uri}"


class CollectionMembership(models.Model):
    class Collection(models.TextChoices):
        GREEN = "green", _("groen")
        DIGITAL = "digital", _("digitaal")
        DIGCOMP = "digcomp", _("DigComp")
        TRANSVERSAL = "transversal", _("transversaal")
        LANGUAGE = "language", _("taal")
        RESEARCH = "research", _("onderzoek")

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="memberships")
    collection = models.CharField(max_length=20, choices=Collection.choices, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["skill", "collection"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.skill_id} in {self.collection}"


def _new_token() -> str:
    return uuid.uuid4().hex


class ImportRun(models.Model):
    """One import that changed the database; its id is the data version engines cache against."""

    token = models.CharField(max_length=32, default=_new_token, unique=True)
    finished_at = models.DateTimeField(auto_now_add=True)
    files = models.JSONField(default=list)
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"import {self.id} ({self.finished_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        _pinned.version = None  # a request that imports reads the new version from here on

    @classmethod
    def data_version(cls) -> str:
        """The latest import's token ("empty" before any); read once per request inside
        `one_data_version` (every engine and cache of a request asks for it)."""
        version: str | None = getattr(_pinned, "version", None)
        if version is None:
            latest = cls.objects.order_by("-id").values_list("token", flat=True).first()
            version = latest or "empty"
            if getattr(_pinned, "active", False):
                _pinned.version = version
        return version


# One data version per request: a search asked for it five times, a query each (web middleware).
_pinned = threading.local()


@contextmanager
def one_data_version() -> Iterator[None]:
    """Inside, `ImportRun.data_version()` asks the database once (per thread)."""
    _pinned.active, _pinned.version = True, None
    try:
        yield
    finally:
        _pinned.active, _pinned.version = False, None
