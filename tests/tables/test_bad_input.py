"""The same bad input for every importer: each refuses it with exit code 2 and a message that
says what is wrong, and the database is exactly as before (row counts and a checksum of every
table the importers write). A good file imported twice changes nothing the second time."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps

from tests.conftest import call_cli

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # A management command run in-process closes every connection when it ends
    # (BaseCommand.run_from_argv); on PostgreSQL that would end the test's transaction, and
    # with it what the test imported before.
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)

APPS = ("registry", "plans", "monitor", "evaluation", "taxonomy")


@dataclass(frozen=True)
class Importer:
    name: str
    file: str  # the file the bad variants replace
    good: str
    command: Callable[[Path], list[str]]
    duplicate: Callable[[str], str]  # the good file with one key listed twice
    folder: bool = False  # the command reads a folder (ESCO) holding `file`
    regions: bool = False  # needs the CBS regions in the database


def _again(text: str, change: Callable[[str], str] = lambda line: line) -> str:
    """The file with its first data row repeated at the end (changed by `change`)."""
    return text + change(text.splitlines(keepends=True)[1])


OUTCOME_HEADER = ("initiative,participant,start_date,age,education_level,prior_earnings,"
                  "benefit_months,region,situation,employed_12m\n")
IMPORTERS = [
    Importer("registry", "initiatives.csv",
             "key,name,organisation,kind,regions,description\n"
             "zoe-twente,Zoe Twente,ROC van Twente,side_entry,NL,Omscholing\n"
             "ict-noord,ICT Noord,Noorderpoort,technical_education,NL,Opleiding\n",
             lambda p: ["registry", "import", str(p)], _again, regions=True),
    Importer("funding-schemes", "schemes.csv",
             "key,name,provider,kind,notes,is_example\n"
             "zoe-fonds,Zoe Fonds,Gemeente,municipal,Voor iedereen,true\n"
             "stap,STAP,Rijk,national,Gestopt,true\n",
             lambda p: ["funding-schemes", "import", str(p)], _again),
    Importer("indicators", "indicators.csv",
             "period,region,occupation_group,population_group,indicator,value,unit,source,note\n"
             "2021,NL,technical_ict,all,vacancies_open,100,count,Zoe,\n"
             "2022,NL,technical_ict,all,vacancies_open,120,count,CBS,\n",
             lambda p: ["indicators", "import", str(p)],
             lambda t: _again(t, lambda line: line.replace(",100,", ",101,"))),
    Importer("import-outcomes", "outcomes.csv", OUTCOME_HEADER + "".join(
        f"Zoe,{i % 2},2024-01-0{1 + i % 9},{25 + i},laag,{20000 + 7 * i},3,Twente,werkzoekend,"
        f"{i % 3 % 2}\n" for i in range(40)),
        lambda p: ["import-outcomes", str(p)], _again),
    Importer("evaluate", "data.csv", "d,y,x,note\n" + "".join(
        f"{i % 2},{i * 1.5 + i % 2},{i % 7},Zoe\n" for i in range(60)),
        lambda p: ["evaluate", str(p), "--treatment", "d", "--outcome", "y", "--bootstrap",
                   "50"], _again),
    Importer("import-esco", "greenShareOcc_nl.csv",
             (Path(__file__).parents[1] / "fixtures/esco_small/greenShareOcc_nl.csv"
              ).read_text().replace("Elektriciens", "Zoe Elektriciens"),
             lambda p: ["import-esco", str(p), "--no-progress", "--no-vectors"],
             lambda t: _again(t, lambda line: line.rsplit(",", 1)[0] + ",0.99\n"),
             folder=True),
]
# (variant, damage to the good text or bytes, words the message must hold per importer kind)
VARIANTS: dict[str, tuple[Callable[[str], str | bytes], str]] = {
    "truncated": (lambda t: t[:-6], r"truncated|line end|line break|missing"),
    "open quote": (lambda t: t + 'x,"unfinished', r"quoted|truncated|broken|no line"),
    # the first column renamed: unknown to all, and a required one of most
    "wrong columns": (lambda t: "colour" + t[t.index(","):], r"colour|column|kolom"),
    "latin-1": (lambda t: t.replace("Zoe", "Zoë").encode("latin-1"), r"UTF-8"),
    "binary": (lambda t: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + t.encode(),
               r"binary|NUL|UTF-8"),
    "empty": (lambda t: b"", r"empty|leeg|geen rijen|no data|no rows"),
}
DUPLICATES = r"already used|same period|gelijk aan rij|same as row|listed twice"


def snapshot() -> dict[str, tuple[int, str]]:
    """Row count and checksum per table of the importers' apps."""
    found = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            fields = [f.attname for f in model._meta.concrete_fields]
            rows = model.objects.order_by("pk").values_list(*fields)
            digest = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
            found[model._meta.db_table] = (len(rows), digest)
    return found


def _place(importer: Importer, tmp_path: Path, esco_small: Path, content: str | bytes) -> Path:
    target = (esco_small if importer.folder else tmp_path) / importer.file
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return esco_small if importer.folder else target


CASES = [(i, v) for i in IMPORTERS for v in (*VARIANTS, "duplicates")
         if not (v == "duplicates" and i.name == "evaluate")]  # evaluate has no keys


@pytest.mark.parametrize("importer, variant", CASES,
                         ids=[f"{i.name}-{v}" for i, v in CASES])
def test_bad_input_is_refused_and_leaves_the_database_as_it_was(importer, variant, tmp_path,
                                                                 esco_small):
    if importer.regions:
        from banenbrug.registry.regions import load_regions

        load_regions()
    good = _place(importer, tmp_path, esco_small, importer.good)
    first = call_cli(*importer.command(good))
    assert first.returncode == 0, first.stderr
    before = snapshot()
    assert call_cli(*importer.command(good)).returncode == 0  # idempotent
    assert snapshot() == before
    if variant == "duplicates":
        damaged, words = importer.duplicate(importer.good), DUPLICATES
    else:
        damage, words = VARIANTS[variant]
        damaged = damage(importer.good)
    done = call_cli(*importer.command(_place(importer, tmp_path, esco_small, damaged)))
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert not done.stdout.strip()  # nothing reported as done
    assert re.search(words, done.stderr, re.IGNORECASE), done.stderr
    assert snapshot() == before


LARGE = textwrap.dedent("""
    import resource, sys, time
    from pathlib import Path
    from banenbrug.monitor.indicators import IndicatorFileError, parse_indicator_csv
    from banenbrug.monitor.regions import Region, RegionCatalogue
    path, megabytes = Path(sys.argv[1]), int(sys.argv[2])
    row = "2021,NL,technical_ict,all,vacancies_open,veel,count,S,\\n"  # every row wrong
    with path.open("w") as out:
        out.write("period,region,occupation_group,population_group,indicator,value,unit,"
                  "source,note\\n")
        for _ in range(megabytes):  # in 1 MB pieces, so the peak below is the reader's
            out.write(row * (2**20 // len(row)))
    regions = RegionCatalogue({"NL": Region("NL", "NL", "national")}, from_files=True)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        parse_indicator_csv(path, regions, source=path.name)
    except IndicatorFileError as exc:
        message = str(exc)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((peak - base) // 1024, round(time.perf_counter() - start, 1), message.count("\\n"),
          message.splitlines()[-1])
""")


@pytest.mark.parametrize("megabytes", [8, 120])
def test_a_large_bad_file_is_read_in_bounded_memory(tmp_path, megabytes):
    # 8 MB of wrong rows are all read (errors kept to 200, the rest counted); 120 MB is over
    # the 100 MB limit and refused before it is read. The old reader held the whole text,
    # its rows and one error per row: about 9x the file's size.
    done = subprocess.run([sys.executable, "-c", LARGE, str(tmp_path / "big.csv"),
                           str(megabytes)], capture_output=True, text=True, check=True,
                          timeout=60)
    grown_mb, _seconds, lines, last = done.stdout.split(maxsplit=3)
    assert int(grown_mb) < 40
    if megabytes == 8:
        assert int(lines) == 20 and last.startswith("… and ") and "more errors" in last
    else:
        assert "larger than the limit of 100 MB" in last


FORMULA = "=cmd|' /C calc'!A0"
EXPORTS = [  # (importer, the cell that becomes a formula, export command; None: to stdout)
    (IMPORTERS[0], "Omscholing", lambda p: ["registry", "export", str(p)]),
    (IMPORTERS[1], "Voor iedereen", lambda p: ["funding-schemes", "export", str(p)]),
    (IMPORTERS[2], "Zoe", None),
]


@pytest.mark.parametrize("importer, cell, export", EXPORTS, ids=[e[0].name for e in EXPORTS])
def test_exports_write_formulas_as_text_and_import_back_unchanged(importer, cell, export,
                                                                  tmp_path, esco_small):
    if importer.regions:
        from banenbrug.registry.regions import load_regions

        load_regions()
    source = _place(importer, tmp_path, esco_small, importer.good.replace(cell, FORMULA))
    assert call_cli(*importer.command(source)).returncode == 0
    stored = snapshot()
    out = tmp_path / "export.csv"
    if export is None:
        out.write_text(call_cli("indicators", "export").stdout)
    else:
        assert call_cli(*export(out)).returncode == 0
    text = out.read_text()
    assert "'" + FORMULA in text
    assert not any(line.startswith("=") or ",=" in line for line in text.splitlines())
    assert call_cli(*importer.command(out)).returncode == 0  # the export imports unchanged
    assert snapshot() == stored
