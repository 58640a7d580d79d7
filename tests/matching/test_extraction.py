"""Skill extraction: a tiny hand-made label list, and once on the real ESCO labels."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from banenbrug.conf.paths import data_dir
from banenbrug.matching.extraction import (
    SkillExtractor,
    SkillLabel,
    build_extractor,
    learn_bridge,
    stem,
)

WELD, WIRING, SOLAR, PYTHON, TEAM, DESIGN = range(6)
LABELS = [
    SkillLabel(WELD, "lassen", "nl", 0),
    SkillLabel(WELD, "weld metal parts", "en", 0),
    SkillLabel(WELD, "welding", "en", 1),
    SkillLabel(WIRING, "elektrische bedrading installeren", "nl", 0),
    SkillLabel(WIRING, "install electrical wiring", "en", 0),
    SkillLabel(SOLAR, "zonnepanelen monteren", "nl", 0),
    SkillLabel(SOLAR, "mount solar panels", "en", 0),
    SkillLabel(PYTHON, "Python", "en", 0),
    SkillLabel(TEAM, "in teamverband werken", "nl", 0),
    SkillLabel(TEAM, "work in a team", "en", 0),
    SkillLabel(DESIGN, "design", "en", 0),
]


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return SkillExtractor(LABELS)


def skills(found: list) -> list[int]:  # type: ignore[type-arg]
    return [s.skill for s in found]


def test_dutch_cv(extractor: SkillExtractor) -> None:
    cv = ("Vijf jaar ervaring als monteur. Ik heb staal gelast en elektrische bedrading "
          "geïnstalleerd in nieuwbouwwoningen. Ik werk graag in teamverband.")
    found = {s.skill: s for s in extractor.extract(cv)}
    assert set(found) == {WELD, WIRING, TEAM}
    assert found[WELD].evidence == ("gelast",)
    assert set(found[WIRING].evidence) == {"elektrische", "bedrading", "geïnstalleerd"}


def test_english_vacancy_word_order_and_inflection(extractor: SkillExtractor) -> None:
    text = ("Wanted: technician. You have welded metal parts; solar panels mounting is a plus. "
            "You installed the electrical wiring of houses.")
    found = {s.skill: s for s in extractor.extract(text)}
    assert {WELD, WIRING, SOLAR} <= set(found)
    assert "welded" in found[WELD].evidence
    assert PYTHON not in found


def test_typos_tolerated(extractor: SkillExtractor) -> None:
    text = "Instaleren van elektrishe bedradding; zonnepanellen monteren"
    found = skills(extractor.extract(text))
    assert WIRING in found and SOLAR in found


def test_phrase_words_far_apart_do_not_match(extractor: SkillExtractor) -> None:
    text = ("Install the new kitchen, then clean up, paint the walls and fix the door; "
            "electrical tools available; wiring by others.")
    assert WIRING not in skills(extractor.extract(text))


def test_nothing_for_empty_or_unrelated_text(extractor: SkillExtractor) -> None:
    assert extractor.extract("") == []
    assert extractor.extract("   \n ") == []
    assert extractor.extract("De kat zat op de mat en at een boterham met kaas.") == []


def test_generic_single_word_scores_lower(extractor: SkillExtractor) -> None:
    found = {s.skill: s.score for s in extractor.extract("design; mount solar panels")}
    assert found[SOLAR] > found[DESIGN]


def test_best_first_limit_and_threshold(extractor: SkillExtractor) -> None:
    text = "welding, Python, install electrical wiring, mount solar panels, work in a team"
    found = extractor.extract(text, limit=3)
    assert len(found) == 3
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert extractor.extract(text, min_score=1.01) == []


def test_stemmer_joins_inflections() -> None:
    assert stem("gelast") == stem("lassen") == "las"
    assert stem("installaties") == stem("installation") == stem("installing")
    assert stem("laser") != stem("lassen")


def test_bridge_translates_dutch_words() -> None:
    pairs = [("lassen van staal", "welding of steel"), ("lasapparatuur en lassen", "welding kit"),
             ("hij kan lassen", "he can weld"), ("staal snijden", "cutting steel")] * 2
    bridge = learn_bridge(pairs, min_count=2)
    assert bridge["las"][0][0] == "weld"
    en_only = SkillExtractor([SkillLabel(0, "welding", "en", 0)], bridge=bridge)
    found = en_only.extract("Ik kan goed lassen.")
    assert skills(found) == [0] and found[0].evidence == ("lassen",)
    assert SkillExtractor([SkillLabel(0, "welding", "en", 0)]).extract("Ik kan lassen") == []


def test_save_load_round_trip(extractor: SkillExtractor, tmp_path: Path) -> None:
    path = tmp_path / "extractor.json"
    extractor.save(path)
    again = SkillExtractor.load(path)
    text = "Ik heb gelast en zonnepanelen gemonteerd"
    assert again.extract(text) == extractor.extract(text)


def test_build_from_plain_tuples() -> None:
    ex = build_extractor([(7, "warmtepomp installeren", "nl", 0)],
                         [("warmtepomp", "heat pump")] * 3)
    assert skills(ex.extract("Ik installeer warmtepompen")) == [7]


def test_real_esco_dutch_welding_and_electrical_installations() -> None:
    folder = data_dir()
    if folder is None or not (folder / "esco").is_dir():
        pytest.skip("ESCO reference data not available")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from benchmarks.skill_extraction import load_texts, occupation_pairs

    data = load_texts(folder)
    ex = SkillExtractor(data.labels,
                        bridge=learn_bridge(data.skill_pairs + occupation_pairs(data.occupations)))
    text = ("Ervaren monteur: ik heb jarenlang staal gelast en elektrische installaties "
            "aangelegd en onderhouden.")
    found = ex.extract(text)
    names = {data.skill_names[s.skill] for s in found}
    assert {"join metals", "operate welding equipment"} & names
    assert any("electric" in n for n in names)
    weld = next(s for s in found if "weld" in data.skill_names[s.skill] or
                data.skill_names[s.skill] == "join metals")
    assert "gelast" in weld.evidence
    en = {data.skill_names[s.skill] for s in ex.extract(
        "We need a welder who reads technical drawings and installs solar panels.")}
    assert "technical drawings" in en and "mount photovoltaic panels" in en


def test_an_acronym_is_not_a_brand_written_in_mixed_case() -> None:
    extractor = SkillExtractor([SkillLabel(0, "iOS", "en", 0), SkillLabel(1, "Python", "en", 0)])
    assert {s.skill for s in extractor.extract("Ik beheer Cisco IOS en schrijf Python")} == {1}
    assert {s.skill for s in extractor.extract("Ik bouw apps voor iOS in Python")} == {0, 1}
