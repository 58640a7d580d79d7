"""The everyday-name rule: a curated name is shown only where ESCO's own alternative labels back
it (apart from case, spaces and hyphens) and it differs from the preferred label; bad rows in
the list are named by file, row and field."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from banenbrug.conf.paths import data_dir
from banenbrug.taxonomy import everyday

HEAT_PUMP = "http://data.europa.eu/esco/occupation/8234eee9-1647-460d-8d62-7fe02cb884b0"
HEADER = "uri,everyday_name,esco_label_nl,why\n"


@dataclass
class Occ:
    uri: str
    label_nl: str
    alts: list[str] = field(default_factory=list)

    def alt_labels(self, lang: str) -> list[str]:
        assert lang == "nl"  # the names are Dutch; English labels never back them
        return self.alts


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "names.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_respelled_alternative_label_is_the_everyday_name():
    heat_pump = Occ(HEAT_PUMP, "technicus koel-, lucht- en verwarmingstechniek",
                    ["koeltechnieker", "warmtepomp monteur"])
    assert everyday.everyday_name(heat_pump) == "warmtepompmonteur"  # the shipped list


def test_a_name_esco_does_not_back_is_not_shown():
    names = {HEAT_PUMP: "warmtepompmonteur"}
    unbacked = Occ(HEAT_PUMP, "technicus koel-, lucht- en verwarmingstechniek",
                   ["koeltechnieker", "airco service monteur"])
    assert everyday.everyday_name(unbacked, names) is None


def test_no_name_when_it_is_the_preferred_label_or_not_listed():
    names = {HEAT_PUMP: "Warmtepomp-monteur"}
    same = Occ(HEAT_PUMP, "warmtepompmonteur", ["warmtepomp monteur"])
    assert everyday.everyday_name(same, names) is None
    other = Occ("http://data.europa.eu/esco/occupation/x", "loodgieter", ["onderhoudsloodgieter"])
    assert everyday.everyday_name(other, names) is None


def test_spelling_key_ignores_case_spaces_and_hyphens():
    assert everyday.spelling_key("HVAC-monteur") == everyday.spelling_key("hvac monteur")
    assert everyday.spelling_key("warmtepompmonteur") != everyday.spelling_key("warmtepompen")


@pytest.mark.parametrize(("body", "message"), [
    ("not-a-uri,x,y,why\n", r"names\.csv row 2, field uri: not an ESCO occupation URI"),
    (f"{HEAT_PUMP},,y,why\n", r"names\.csv row 2, field everyday_name: empty"),
    (f"{HEAT_PUMP},x,y,\n", r"names\.csv row 2, field why"),
    (f"{HEAT_PUMP},x,y,why\n{HEAT_PUMP},z,y,why\n", r"names\.csv row 3, field uri: .* twice"),
])
def test_bad_rows_are_named_by_file_row_and_field(tmp_path, body, message):
    with pytest.raises(everyday.EverydayNamesError, match=message):
        everyday.load(write(tmp_path, body))


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("uri,name\n", encoding="utf-8")
    with pytest.raises(everyday.EverydayNamesError, match=r"names\.csv: header must be"):
        everyday.load(path)


def test_every_curated_name_is_backed_by_the_real_esco_labels():
    """Each row of the shipped list shows on ESCO v1.1.1: its URI exists, its Dutch label is
    the one written next to it, and an alternative label backs the name."""
    folder = data_dir()
    source = (folder / "esco" / "nl" / "occupations_nl.csv") if folder else None
    if source is None or not source.is_file():
        pytest.skip("ESCO reference data not available")
    with source.open(encoding="utf-8", newline="") as handle:
        occupations = {r["conceptUri"]: r for r in csv.DictReader(handle)}
    with everyday.NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(everyday.NAMES) >= 8
    for row in rows:
        esco = occupations[row["uri"]]
        assert esco["preferredLabel"] == row["esco_label_nl"]
        occ = Occ(row["uri"], esco["preferredLabel"],
                  [a for a in esco["altLabels"].splitlines() if a.strip()])
        assert everyday.everyday_name(occ) == row["everyday_name"], row["uri"]
