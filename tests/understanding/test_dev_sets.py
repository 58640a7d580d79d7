"""The hand-made Dutch dev sets in tests/data/understanding: their shape, and (on the real data)
that every ESCO URI and label in them exists in ESCO v1.1.1."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from banenbrug.conf.paths import data_dir

DEV = Path(__file__).resolve().parents[1] / "data" / "understanding"
OCCUPATION = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
SKILL = re.compile(r"^http://data\.europa\.eu/esco/skill/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
TEXT_KEYS = {"id", "kind", "occupation_uri", "occupation_label_nl", "text", "expected",
             "forbidden_phrases", "nonsense"}


@cache
def texts() -> list[dict]:
    return json.loads((DEV / "dutch_texts.json").read_text(encoding="utf-8"))


@cache
def titles() -> list[dict[str, str]]:
    with open(DEV / "job_titles_nl.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def switches() -> list[dict[str, str]]:
    with open(DEV / "coach_switches.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_dutch_texts_have_the_documented_shape():
    items = texts()
    assert len(items) >= 16
    assert len({t["id"] for t in items}) == len(items)
    kinds = defaultdict(set)
    for t in items:
        assert set(t) == TEXT_KEYS, t["id"]
        assert t["kind"] in {"cv", "vacancy"}, t["id"]
        assert OCCUPATION.match(t["occupation_uri"]), t["id"]
        assert t["occupation_label_nl"].strip(), t["id"]
        assert t["text"].strip(), t["id"]
        assert 8 <= len(t["text"].splitlines()) <= 25, t["id"]
        kinds[t["occupation_uri"]].add(t["kind"])

        assert 5 <= len(t["expected"]) <= 12, t["id"]
        uris = [e["uri"] for e in t["expected"]]
        assert len(set(uris)) == len(uris), t["id"]
        for e in t["expected"]:
            assert set(e) == {"uri", "label_en", "phrase"}, t["id"]
            assert SKILL.match(e["uri"]), (t["id"], e)
            assert e["label_en"].strip(), (t["id"], e)
            assert e["phrase"].strip() and e["phrase"] in t["text"], (t["id"], e["phrase"])

        assert t["forbidden_phrases"], t["id"]
        for phrase in t["forbidden_phrases"]:
            assert phrase.strip() and phrase in t["text"], (t["id"], phrase)

        assert t["nonsense"], t["id"]
        expected = set(uris) | {e["label_en"] for e in t["expected"]}
        for item in t["nonsense"]:
            assert item.strip() and item not in expected, (t["id"], item)
            assert not item.startswith("http") or SKILL.match(item), (t["id"], item)

    assert len(kinds) >= 8
    assert all(k == {"cv", "vacancy"} for k in kinds.values()), kinds


def test_job_titles_have_the_documented_shape():
    rows = titles()
    assert len(rows) >= 80
    assert list(rows[0]) == ["query", "acceptable_uris", "note"]
    queries = [r["query"].strip().lower() for r in rows]
    assert all(queries) and len(set(queries)) == len(queries)
    for r in rows:
        uris = r["acceptable_uris"].split()
        assert uris and len(set(uris)) == len(uris), r["query"]
        assert all(OCCUPATION.match(u) for u in uris), r["query"]
        assert r["note"].strip(), r["query"]


def test_coach_switches_have_the_documented_shape():
    rows = switches()
    assert len(rows) >= 15
    assert list(rows[0]) == ["origin_uri", "origin_label", "target_uri", "target_label", "reason"]
    assert len({(r["origin_uri"], r["target_uri"]) for r in rows}) == len(rows)
    for r in rows:
        assert OCCUPATION.match(r["origin_uri"]) and OCCUPATION.match(r["target_uri"]), r
        assert r["origin_uri"] != r["target_uri"], r
        assert r["origin_label"].strip() and r["target_label"].strip(), r
        assert r["reason"].strip() and "\n" not in r["reason"], r


def _read_zip_csv(archive: Path, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(archive) as zf, zf.open(name) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


@pytest.mark.realdata
def test_every_uri_and_label_exists_in_the_real_esco_v111():
    esco = (data_dir() or Path("/nonexistent")) / "esco"
    archives = sorted(esco.glob("*classification - en - csv.zip"))
    if not archives:
        pytest.fail(f"ESCO English CSV zip not found in {esco}; set BANENBRUG_DATA_DIR")
    csv.field_size_limit(10**9)
    occupations = {r["conceptUri"]: r["preferredLabel"].strip()
                   for r in _read_zip_csv(archives[0], "occupations_en.csv")}
    skills = {r["conceptUri"]: r["preferredLabel"].strip()
              for r in _read_zip_csv(archives[0], "skills_en.csv")}
    skill_labels = set(skills.values())
    dutch = {}
    nl_file = esco / "nl" / "occupations_nl.csv"
    if nl_file.is_file():
        with open(nl_file, newline="", encoding="utf-8") as f:
            dutch = {r["conceptUri"]: r["preferredLabel"].strip() for r in csv.DictReader(f)}

    for t in texts():
        assert t["occupation_uri"] in occupations, t["id"]
        if dutch:
            assert dutch[t["occupation_uri"]] == t["occupation_label_nl"], t["id"]
        for e in t["expected"]:
            assert skills.get(e["uri"]) == e["label_en"], (t["id"], e)
        for item in t["nonsense"]:
            assert item in skills or item in skill_labels, (t["id"], item)

    for r in titles():
        missing = [u for u in r["acceptable_uris"].split() if u not in occupations]
        assert not missing, (r["query"], missing)

    for r in switches():
        assert occupations.get(r["origin_uri"]) == r["origin_label"], r
        assert occupations.get(r["target_uri"]) == r["target_label"], r
