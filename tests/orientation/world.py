"""A small hand-made world for Ontdek tests: a few ESCO occupations in the database and tiny
O*NET files (interests, job zones, crosswalk) in a temporary folder."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from banenbrug.orientation import catalogue
from banenbrug.taxonomy.models import (
    CollectionMembership,
    ImportRun,
    Occupation,
    OccupationSkill,
    Skill,
)

P = "http://data.europa.eu/esco/occupation/"
# key: (ESCO code, ISCO, green share, digital?, O*NET code or None, Dutch label)
OCCUPATIONS = {
    "heatpump": ("7127.1", "7127", 0.3, False, "49-9021.00", "warmtepompmonteur"),
    "electrician": ("7411.1", "7411", 0.2, False, "47-2111.00", "elektricien"),
    "electrician2": ("7411.2", "7411", 0.25, False, None, "installateur laadpalen"),
    "software": ("2512.1", "2512", None, True, "15-1252.00", "softwareontwikkelaar"),
    "data": ("2511.1", "2511", None, True, "15-2051.00", "data-analist"),
    "designer": ("2513.1", "2513", None, True, "15-1255.00", "interactieontwerper"),
    "teacher": ("2320.1", "2320", 0.15, False, "25-1194.00", "docent duurzame techniek"),
    "sales": ("2433.1", "2433", 0.2, False, "41-4011.00", "adviseur zonne-energie"),
    "accountant": ("2411.1", "2411", None, False, "13-2011.00", "accountant"),
    "orphan": ("9999.1", "9999", 0.5, False, None, "wees"),
}
# R, I, A, S, E, C and job zone per O*NET code
ONET = {
    "49-9021.00": ((6.5, 3.0, 1.2, 1.9, 1.8, 4.5), 3),
    "47-2111.00": ((7.0, 3.0, 1.1, 1.4, 1.4, 4.7), 3),
    "15-1252.00": ((2.2, 6.5, 3.0, 1.8, 2.5, 5.0), 4),
    "15-2051.00": ((1.8, 7.0, 2.5, 1.5, 2.5, 6.0), 5),
    "15-1255.00": ((2.0, 4.5, 6.5, 2.0, 3.0, 3.5), 4),
    "25-1194.00": ((3.0, 3.0, 2.0, 6.5, 3.0, 2.0), 5),
    "41-4011.00": ((2.0, 2.5, 2.0, 3.5, 6.8, 4.0), 4),
    "13-2011.00": ((1.5, 4.0, 1.5, 2.0, 3.5, 7.0), 4),
}
ELEMENTS = ("1.B.1.a", "1.B.1.b", "1.B.1.c", "1.B.1.d", "1.B.1.e", "1.B.1.f")
NAMES = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")


def uri(key: str) -> str:
    return P + key


def write_onet(folder: Path, extra_crosswalk: tuple[tuple[str, str], ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tDate\tDomain Source"]
    for code, (scores, _zone) in ONET.items():
        for element, name, value in zip(ELEMENTS, NAMES, scores, strict=True):
            lines.append(f"{code}\t{element}\t{name}\tOI\t{value:.2f}\t11/2023\tMachine Learning")
        lines.append(f"{code}\t1.B.1.g\tFirst Interest High-Point\tIH\t1.00\t11/2023\tML")
    (folder / "Interests.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    zones = ["O*NET-SOC Code\tJob Zone\tDate\tDomain Source"]
    zones += [f"{code}\t{zone}\t08/2023\tAnalyst" for code, (_s, zone) in ONET.items()]
    (folder / "Job Zones.txt").write_text("\n".join(zones) + "\n", encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.append(["O*NET-SOC 2019 Crosswalks"])
    sheet.append(["ESCO to O*NET-SOC 2019"])
    sheet.append([])
    sheet.append(["ESCO/ISCO Code", "ESCO/ISCO Title", "O*NET-SOC 2019 Code",
                  "O*NET-SOC 2019 Title"])
    for key, (code, _isco, _g, _d, onet_code, _nl) in OCCUPATIONS.items():
        if onet_code:
            sheet.append([code, key, onet_code, "title"])
    for row in extra_crosswalk:
        sheet.append([row[0], "extra", row[1], "title"])
    sheet.append([])
    sheet.append([None, "This publication uses the ESCO classification."])
    book.save(folder / "ESCO_to_ONET-SOC.xlsx")
    return folder


def build_world(tmp_path: Path, monkeypatch) -> Path:
    """Occupations and skills in the test database, O*NET files under tmp_path/onet."""
    digital_skill = Skill.objects.create(uri="skill/digital", label_en="programming",
                                         skill_type="skill/competence")
    plain_skill = Skill.objects.create(uri="skill/plain", label_en="use hand tools",
                                       label_nl="handgereedschap gebruiken",
                                       skill_type="skill/competence")
    CollectionMembership.objects.create(skill=digital_skill, collection="digital")
    for key, (code, isco, green, digital, _onet, label_nl) in OCCUPATIONS.items():
        occupation = Occupation.objects.create(
            uri=uri(key), label_en=key, label_nl=label_nl, code=code, isco_code=isco,
            green_share=green)
        OccupationSkill.objects.create(occupation=occupation,
                                       skill=digital_skill if digital else plain_skill,
                                       relation="essential")
    ImportRun.objects.create()
    write_onet(tmp_path / "onet")
    monkeypatch.setenv("BANENBRUG_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BANENBRUG_VAR_DIR", str(tmp_path / "var"))
    catalogue._memo.clear()
    return tmp_path
