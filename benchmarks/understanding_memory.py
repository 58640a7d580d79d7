"""Memory of the whole text-understanding layer in one process, against the 600 MB budget.

A fresh child process per source tree loads, through the project's services and on the real
imported database, what a web process holds once every page has been used: the text model,
occupation and skill search (lexical indexes + vectors), skills from text (extractor, skill and
occupation vectors, the occupation context) and the transitions engine with its meaning terms.
After each step it reads the resident set (VmRSS) and its peak (VmHWM) from /proc, then lists
the biggest arrays the services hold (numpy and scipy.sparse, found by walking their memos), so
duplicated or over-wide arrays show.

``--src`` adds another checkout's ``src`` (e.g. main's, for a before/after in the same run);
every tree uses the same database, vector cache and engine caches (``BANENBRUG_VAR_DIR``,
``BANENBRUG_VECTOR_CACHE``). Rounds are interleaved and the medians reported.

    .venv/bin/python benchmarks/understanding_memory.py [--src ../main/src] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MB = 600
CV = ROOT / "tests" / "data" / "understanding" / "dutch_texts.json"


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _arrays(value: Any, path: str, seen: set[int], out: dict[str, int], depth: int = 0) -> None:
    """nbytes of every numpy / scipy.sparse array reachable from `value`, by attribute path
    (each array counted once, at the first path that reaches it)."""
    import numpy as np

    if id(value) in seen or depth > 6:
        return
    seen.add(id(value))
    if isinstance(value, np.ndarray):
        out[f"{path} {value.dtype}{list(value.shape)}"] = value.nbytes
        return
    if hasattr(value, "tocsr") and hasattr(value, "data"):  # scipy.sparse
        out[f"{path} sparse{list(value.shape)}"] = sum(
            getattr(value, a).nbytes for a in ("data", "indices", "indptr") if hasattr(value, a))
        return
    if isinstance(value, dict):
        for k, v in list(value.items())[:50]:
            _arrays(v, f"{path}[{k!r}]", seen, out, depth + 1)
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value[:20]):
            _arrays(v, f"{path}[{i}]", seen, out, depth + 1)
    elif hasattr(value, "__dict__") or hasattr(value, "__slots__"):
        names = list(getattr(value, "__dict__", {})) + list(getattr(value, "__slots__", ()))
        for name in names:
            if hasattr(value, name):
                _arrays(getattr(value, name), f"{path}.{name}", seen, out, depth + 1)


def child() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")
    steps: list[dict[str, Any]] = []

    def step(name: str, started: float) -> None:
        steps.append({"step": name, "seconds": time.perf_counter() - started,
                      "rss_mb": _status_mb("VmRSS"), "peak_mb": _status_mb("VmHWM")})

    t = time.perf_counter()
    import django

    django.setup()
    import numpy as np  # noqa: F401  (counted in the start-up step)

    from banenbrug.understanding.model import get_model

    model = get_model()
    step(f"Django + text model ({model.name if model else 'none'})", t)

    from banenbrug.taxonomy import search_service, semantic_service

    t = time.perf_counter()
    search_service.search("occupation", "warmtepompmonteur", "nl", 10)
    search_service.search("skill", "lassen", "nl", 10)
    step("search: occupations + skills", t)

    from banenbrug.matching import service as matching

    text = json.loads(CV.read_text(encoding="utf-8"))[0]["text"]
    t = time.perf_counter()
    matching.text_skills().extract(text)
    step("skills from text", t)

    from banenbrug.taxonomy.models import Occupation
    from banenbrug.transitions import service as transitions

    t = time.perf_counter()
    origin = Occupation.objects.order_by("id").first()
    assert origin is not None
    transitions.transitions(transitions.Profile([origin], []), top=20)
    step("transitions with meaning", t)

    arrays: dict[str, int] = {}
    seen: set[int] = set()
    for name, memo in (("search", search_service._memo), ("semantic", semantic_service._memo),
                       ("matching", matching.memo), ("transitions", transitions.engines)):
        for key, (_, value) in memo._held.items():
            _arrays(value, f"{name}:{key}", seen, arrays)
    biggest = sorted(arrays.items(), key=lambda kv: -kv[1])[:12]
    print(json.dumps({"steps": steps, "arrays": biggest,
                      "arrays_total_mb": sum(arrays.values()) / 1e6}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", action="append", default=[], type=Path,
                        help="another checkout's src folder, measured alongside this one")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return 0

    trees = [ROOT / "src", *(p.resolve() for p in args.src)]
    runs: dict[Path, list[dict[str, Any]]] = {tree: [] for tree in trees}
    for _ in range(args.rounds):
        for tree in trees:  # interleaved: a busy spell hits every tree alike
            env = {**os.environ, "PYTHONPATH": str(tree)}
            done = subprocess.run([sys.executable, __file__, "--child"], env=env, check=True,
                                  capture_output=True, text=True)
            runs[tree].append(json.loads(done.stdout.strip().splitlines()[-1]))

    print(f"# Understanding layer memory (medians of {args.rounds} fresh processes; "
          f"budget {BUDGET_MB} MB; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores)\n")
    over = False
    for tree, results in runs.items():
        print(f"## {tree}\n")
        print("| after | seconds | RSS MB | peak RSS MB |")
        print("|---|---|---|---|")
        for i, first in enumerate(results[0]["steps"]):
            cells = [statistics.median(r["steps"][i][k] for r in results)
                     for k in ("seconds", "rss_mb", "peak_mb")]
            print(f"| {first['step']} | {cells[0]:.1f} | {cells[1]:.0f} | {cells[2]:.0f} |")
        peak = statistics.median(r["steps"][-1]["peak_mb"] for r in results)
        over |= peak > BUDGET_MB
        print(f"\npeak {peak:.0f} MB ({'over' if peak > BUDGET_MB else 'within'} the budget); "
              f"arrays held by the services {results[0]['arrays_total_mb']:.0f} MB, biggest:\n")
        for name, size in results[0]["arrays"]:
            print(f"- {size / 1e6:.1f} MB `{name}`")
        print()
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
