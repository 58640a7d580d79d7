"""Skill extraction quality and speed on ESCO's own occupation descriptions.

For each ESCO occupation, the skills extracted from its description (English; Dutch where a
Dutch description exists) are compared with the occupation's ESCO skills: recall of its
essential skills, precision against essential + optional (micro and macro averages). The nl->en
bridge is learned on two folds: occupations of one half are scored with a bridge learned from
skill texts and the *other* half's occupation texts, so no description helps score itself.

Labels: skills_en.csv (preferred, alternative, hidden) and the Dutch labels of the skill
collections in esco/nl/ (ESCO has Dutch labels only there).

    .venv/bin/python benchmarks/skill_extraction.py [--limit 30] [--min-score 0.5] [--max 0]
"""

from __future__ import annotations

import argparse
import csv
import io
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from banenbrug.conf.paths import data_dir
from banenbrug.matching.extraction import SkillExtractor, SkillLabel, learn_bridge

csv.field_size_limit(1 << 30)
COLLECTIONS_NL = ("greenSkillsCollection_nl.csv", "digitalSkillsCollection_nl.csv",
                  "transversalSkillsCollection_nl.csv", "languageSkillsCollection_nl.csv",
                  "digCompSkillsCollection_nl.csv")


@dataclass
class EscoText:
    labels: list[SkillLabel]
    skill_names: list[str]
    skill_pairs: list[tuple[str, str]]  # (nl, en) text of one skill
    occupations: list[dict[str, str]]  # uri, label, description_en, description_nl, labels
    essential: dict[str, set[int]]
    optional: dict[str, set[int]]


def _rows(zf: zipfile.ZipFile, suffix: str) -> Iterator[dict[str, str]]:
    name = next(n for n in zf.namelist() if n.endswith(suffix))
    with zf.open(name) as fh:
        yield from csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8-sig"))


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.replace(" | ", "\n").splitlines() if x.strip()]


def load_texts(folder: Path) -> EscoText:
    esco = folder / "esco"
    zips = sorted(esco.glob("ESCO dataset*classification*csv.zip"))
    en_zip = next(z for z in zips if " - en - " in z.name)
    rel_zip = next(z for z in zips if z != en_zip)
    with zipfile.ZipFile(en_zip) as zl, zipfile.ZipFile(rel_zip) as zn:
        skills = list(_rows(zl, "skills_en.csv"))
        occs = list(_rows(zl, "occupations_en.csv"))
        relations = list(_rows(zn, "occupationSkillRelations.csv"))
    index = {r["conceptUri"]: i for i, r in enumerate(skills)}
    labels: list[SkillLabel] = []
    for i, r in enumerate(skills):
        labels.append(SkillLabel(i, r["preferredLabel"], "en", 0))
        labels.extend(SkillLabel(i, t, "en", 1) for t in _split(r["altLabels"]))
        labels.extend(SkillLabel(i, t, "en", 2) for t in _split(r["hiddenLabels"]))
    pairs: list[tuple[str, str]] = []
    done: set[int] = set()
    for name in COLLECTIONS_NL:
        with (esco / "nl" / name).open(encoding="utf-8-sig") as fh:
            for r in csv.DictReader(fh):
                i = index.get(r["conceptUri"])
                if i is None or i in done:
                    continue
                done.add(i)
                labels.append(SkillLabel(i, r["preferredLabel"], "nl", 0))
                labels.extend(SkillLabel(i, t, "nl", 1) for t in _split(r["altLabels"]))
                en = skills[i]
                pairs.append((r["preferredLabel"], en["preferredLabel"]))
                pairs.append((r["description"], en["description"]))
    nl_occ: dict[str, dict[str, str]] = {}
    with (esco / "nl" / "occupations_nl.csv").open(encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            nl_occ[r["conceptUri"]] = r
    occupations = []
    for r in occs:
        nl = nl_occ.get(r["conceptUri"], {})
        occupations.append({"uri": r["conceptUri"], "label": r["preferredLabel"],
                            "description_en": r["description"],
                            "description_nl": nl.get("description", ""),
                            "label_nl": nl.get("preferredLabel", ""),
                            "alt_en": r["altLabels"], "alt_nl": nl.get("altLabels", "")})
    essential: dict[str, set[int]] = {}
    optional: dict[str, set[int]] = {}
    for r in relations:
        i = index.get(r["skillUri"])
        if i is not None:
            target = essential if r["relationType"] == "essential" else optional
            target.setdefault(r["occupationUri"], set()).add(i)
    return EscoText(labels, [r["preferredLabel"] for r in skills], pairs, occupations,
                    essential, optional)


def occupation_pairs(occupations: list[dict[str, str]]) -> list[tuple[str, str]]:
    pairs = []
    for o in occupations:
        if o["label_nl"]:
            pairs.append((o["label_nl"], o["label"]))
            pairs.append((o["alt_nl"], o["alt_en"]))
        if o["description_nl"]:
            pairs.append((o["description_nl"], o["description_en"]))
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=30)
    ap.add_argument("--min-score", type=float, default=0.5)
    ap.add_argument("--max", type=int, default=0, help="occupations to score (0 = all)")
    args = ap.parse_args()
    folder = args.data_dir or data_dir()
    assert folder is not None, "no data dir"
    t = time.perf_counter()
    data = load_texts(folder)
    print(f"labels loaded: {len(data.labels):,} ({time.perf_counter() - t:.1f} s)")
    t = time.perf_counter()
    plain = SkillExtractor(data.labels)
    print(f"index build, no bridge: {time.perf_counter() - t:.2f} s "
          f"({len(plain):,} distinct labels, {len(plain.vocab):,} stems)")

    occs = [o for o in data.occupations if o["uri"] in data.essential]
    if args.max:
        occs = occs[: args.max]
    folds = [occs[0::2], occs[1::2]]
    stats: dict[str, list[tuple[int, int, int, int]]] = {"en": [], "nl": [], "nl (no bridge)": []}
    times: list[float] = []
    examples: list[str] = []
    for f in range(2):
        t = time.perf_counter()
        bridge = learn_bridge(data.skill_pairs + occupation_pairs(folds[1 - f]))
        extractor = SkillExtractor(data.labels, bridge=bridge)
        build = time.perf_counter() - t
        print(f"fold {f}: bridge of {len(bridge):,} Dutch stems + index in {build:.1f} s")
        for o in folds[f]:
            ess, opt = data.essential[o["uri"]], data.optional.get(o["uri"], set())
            for lang, ex in (("en", extractor), ("nl", extractor), ("nl (no bridge)", plain)):
                text = o["description_en" if lang == "en" else "description_nl"]
                if not text:
                    continue
                t = time.perf_counter()
                found = ex.extract(text, limit=args.limit, min_score=args.min_score)
                times.append(time.perf_counter() - t)
                got = {s.skill for s in found}
                stats[lang].append((len(got & ess), len(ess), len(got & (ess | opt)), len(got)))
                if lang != "nl (no bridge)" and len(examples) < 6 and o["label"] in (
                        "welder", "electrician", "solar energy engineer", "software developer",
                        "heat pump installer", "ICT network technician", "data scientist"):
                    shown = ", ".join(f"{data.skill_names[s.skill]} [{' '.join(s.evidence)}]"
                                      for s in found[:6])
                    examples.append(f"- {o['label']} ({lang}): {shown}")
    print()
    print("| text | occupations | recall essential (micro / macro) | "
          "precision ess+opt (micro / macro) | suggestions per text |")
    print("|---|---|---|---|---|")
    for lang, rows in stats.items():
        a = np.array(rows, dtype=float)
        rec_micro = a[:, 0].sum() / a[:, 1].sum()
        rec_macro = np.mean(a[:, 0] / np.maximum(a[:, 1], 1))
        prec_micro = a[:, 2].sum() / max(a[:, 3].sum(), 1)
        with_any = a[:, 3] > 0
        prec_macro = np.mean(a[with_any, 2] / a[with_any, 3]) if with_any.any() else 0.0
        print(f"| {lang} | {len(rows):,} | {rec_micro:.3f} / {rec_macro:.3f} | "
              f"{prec_micro:.3f} / {prec_macro:.3f} | {a[:, 3].mean():.1f} |")
    ms = np.array(times) * 1000
    print(f"\nextraction latency per description: p50 {np.percentile(ms, 50):.1f} ms, "
          f"p95 {np.percentile(ms, 95):.1f} ms, max {ms.max():.1f} ms ({len(ms):,} texts)")
    print("\nexamples (ESCO skill [evidence words]):")
    print("\n".join(examples))


if __name__ == "__main__":
    main()
