"""Importing into the database: counts, labels, idempotence and all-or-nothing behaviour."""

import pytest

from banenbrug.taxonomy.esco_files import EscoInputError
from banenbrug.taxonomy.esco_import import import_esco
from banenbrug.taxonomy.models import (
    Broader,
    CollectionMembership,
    ImportRun,
    IscoGroup,
    Occupation,
    OccupationSkill,
    Skill,
    SkillRelation,
)

pytestmark = pytest.mark.django_db
ELECTRICIAN = "http://data.europa.eu/esco/occupation/o-electrician"


def _snapshot():
    return {
        "occupations": sorted(Occupation.objects.values_list("uri", "label_en", "label_nl")),
        "skills": sorted(Skill.objects.values_list("uri", "label_en", "label_nl")),
        "relations": sorted(OccupationSkill.objects.values_list(
            "occupation__uri", "skill__uri", "relation")),
        "runs": ImportRun.objects.count(),
    }


def test_import_fills_every_table_with_both_languages(esco_small):
    report = import_esco([esco_small])
    assert report.changed
    assert Occupation.objects.count() == 3 and Skill.objects.count() == 4
    electrician = Occupation.objects.get(uri=ELECTRICIAN)
    assert (electrician.label_en, electrician.label_nl) == ("electrician", "elektricien")
    assert electrician.alt_labels("nl") == ["installatiemonteur", "bouwelektricien"]
    assert electrician.hidden_labels_en == "electricain"
    assert electrician.green_share == pytest.approx(0.1)
    assert IscoGroup.objects.get(code="7411").green_share == pytest.approx(0.2)
    assert OccupationSkill.objects.filter(occupation=electrician, relation="essential").count() == 2
    assert SkillRelation.objects.count() == 1
    assert Broader.objects.filter(pillar="skill").count() == 2
    solar = Skill.objects.get(uri="http://data.europa.eu/esco/skill/s-solar")
    assert solar.label_nl == "zonne-energie"  # Dutch label from the Dutch collection file
    assert Skill.objects.get(uri="http://data.europa.eu/esco/skill/s-dough").label("nl") == (
        "knead dough")  # no Dutch label: English fallback
    assert list(CollectionMembership.objects.values_list("collection", flat=True)) == ["green"]
    # the Dutch file knows an occupation the English base does not: reported, not created
    assert report.unknown["occupation labels (nl) for URIs not in the base files"] == 1


def test_second_import_changes_nothing_and_says_so(esco_small):
    import_esco([esco_small])
    before = _snapshot()
    report = import_esco([esco_small])
    assert not report.changed
    assert sum(report.created.values()) == sum(report.updated.values()) == 0
    assert _snapshot() == before


def test_file_order_does_not_matter(esco_small):
    files = sorted(esco_small.iterdir())
    import_esco(list(reversed(files)))
    first = _snapshot()
    assert not import_esco(files).changed
    assert _snapshot() == first


def test_a_malformed_file_leaves_the_database_exactly_as_it_was(esco_small):
    import_esco([esco_small])
    before = _snapshot()
    (esco_small / "occupations_en.csv").write_text(
        (esco_small / "occupations_en.csv").read_text().replace("baker", "master baker"))
    skills = esco_small / "skills_en.csv"
    skills.write_text(skills.read_text() + "KnowledgeSkillCompetence,not-a-uri,knowledge\n")
    with pytest.raises(EscoInputError) as caught:
        import_esco([esco_small])
    assert caught.value.file.endswith("skills_en.csv") and caught.value.row == 6
    assert _snapshot() == before


def test_strict_mode_rejects_a_relation_to_an_unknown_uri_with_its_row(esco_small):
    rel = esco_small / "occupationSkillRelations.csv"
    rel.write_text(rel.read_text() + "http://data.europa.eu/esco/occupation/o-baker,optional,"
                   "knowledge,http://data.europa.eu/esco/skill/s-unknown\n")
    with pytest.raises(EscoInputError) as caught:
        import_esco([esco_small], strict=True)
    assert caught.value.row == 9 and "s-unknown" in str(caught.value)
    assert Occupation.objects.count() == 0  # the concepts written before the error rolled back
    report = import_esco([esco_small])
    assert report.unknown["occupation_skill with an unknown URI (skipped)"] == 1
    assert OccupationSkill.objects.count() == 7


def test_a_changed_relation_file_updates_and_deletes_exactly_the_difference(esco_small):
    import_esco([esco_small])
    rel = esco_small / "occupationSkillRelations.csv"
    lines = rel.read_text().splitlines()
    changed = [line.replace("optional", "essential") if "o-baker" in line else line
               for line in lines if "s-solar" not in line or "o-solar" in line]
    rel.write_text("\n".join(changed) + "\n")
    report = import_esco([esco_small])
    assert report.updated["occupation_skill"] == 1
    assert report.deleted["occupation_skill"] == 1
    assert report.created["occupation_skill"] == 0
    assert ImportRun.objects.count() == 2
