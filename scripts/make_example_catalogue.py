"""Generate the EXAMPLE training catalogue (src/banenbrug/plans/data/example_catalogue.csv).

This invents data. Every module it writes is fictional: the providers are called "Voorbeeld ...",
titles end in "(voorbeeld)", descriptions say so, `is_example` is true and `source_url` empty.
It exists so that a fresh installation can show plans; it is no account of real courses.

What it does: for about 25 green and digital ESCO occupations, group their essential skills (by
the ESCO skill hierarchy) into modules of 2-8 skills, and offer many groups more than once by
different invented providers (other form, cost, hours, region) so the plan optimiser has real
choices. About one essential skill in 25 is left untaught on purpose, so plans must name gaps.
Deterministic (fixed seed): run again on the same ESCO version, get the same file.

    .venv/bin/python scripts/make_example_catalogue.py          # needs the ESCO import
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import sys
from collections import defaultdict
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")
django.setup()

from banenbrug.matching.regions import regions  # noqa: E402
from banenbrug.plans import plan_rows  # noqa: E402
from banenbrug.taxonomy.models import Broader, Occupation, Skill, SkillGroup  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src/banenbrug/plans/data/example_catalogue.csv"
OCC = "http://data.europa.eu/esco/occupation/"
# (key, Dutch theme, kind, occupations)
DOMAINS = [
    ("warmte", "Warmtepompen en klimaattechniek", "green", [
        "8234eee9-1647-460d-8d62-7fe02cb884b0", "7259dc48-004a-4ceb-aa4e-5bbd548c2397",
        "79f435d0-9bc6-4d25-a26a-acbe16569ebb"]),
    ("elektro", "Elektrotechnische installaties", "green", [
        "4910419f-b4af-4f59-b544-9dbebc8a74f0", "33960bab-4423-4808-af6c-ec2b485dba41",
        "5dbb9cf0-b226-402c-a295-2f42ef05ff8b"]),
    ("domotica", "Slimme installaties in huis", "green", ["15a7e87c-f7d5-4a60-bab7-9636b76143fe"]),
    ("zon", "Zonnepanelen", "green", ["75b63949-1b93-4bf2-a777-ccf978dc3e8a"]),
    ("wind", "Windenergie", "green", [
        "a32187fa-bc37-4fc2-8e89-296632bfc271", "1a165cb5-99ff-4a4e-9e08-97a0fb7ed6f8"]),
    ("net", "Energienetten", "green", [
        "c89afd9a-7dad-4bae-9315-5fcadd9ad8b6", "0c328e98-6e4e-4e96-b99c-56851e666ad0"]),
    ("isolatie", "Isoleren van gebouwen", "green", ["b2dab4fb-b7f7-4f57-94b2-9c0f0848564a"]),
    ("advies", "Energie- en duurzaamheidsadvies", "green", [
        "09e070ce-0afe-40bb-be90-530e5d42cdbd", "23a61ff1-c954-4867-b982-a018b535f98b",
        "2cf2b905-3308-4b5d-8e8d-633fc7a3f3ce"]),
    ("software", "Softwareontwikkeling", "digital", [
        "f2b15a0e-e65a-438a-affb-29b9d50b77d1", "c40a2919-48a9-40ea-b506-1f34f693496d",
        "106f79e4-6264-45f1-9e7a-297435cd684b"]),
    ("data", "Data-analyse en databases", "digital", [
        "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2", "8c57af09-719c-42b3-be40-6ed4946236cc"]),
    ("beheer", "Netwerk- en systeembeheer", "digital", [
        "81480b40-a318-47f3-9b2c-56b69ed67d95", "9e2e6e1e-363b-4e1b-a673-7bc0f7343300",
        "64c7d461-152c-477f-a8e2-c2c537e9d617"]),
    ("cloud", "Cloud engineering", "digital", ["349ee6f6-c295-4c38-9b98-48765b55280e"]),
    ("security", "Cybersecurity", "digital", [
        "0464b062-cea6-4164-b10d-956c61956ae7", "a44a1dc5-be08-4840-8bd5-770c4ac1ca6d"]),
]
# Invented providers: (code, name, form, deliveries, award, euro per hour, study hours per week,
# hours factor, regional?)
PROVIDERS = {
    "green": [
        ("acad", "Voorbeeld-Installatie Academie", "modular", ("in_person", "blended"),
         "certificate", 28, 8, 1.0, 0.6),
        ("roc", "Voorbeeld ROC Techniek", "part_time", ("in_person",), "mbo_module", 9, 10,
         1.5, 1.0),
        ("boot", "Voorbeeld Energietransitie Bootcamp", "bootcamp", ("in_person",),
         "certificate", 22, 36, 1.2, 1.0),
        ("lw", "Voorbeeld Installatiebedrijf (leerwerkbaan)", "learn_work", ("in_person",),
         "mbo_module", 0, 16, 2.0, 1.0),
        ("pp", "Voorbeeld Techniekpact (publiek-privaat)", "public_private", ("blended",),
         "certificate", 0, 12, 1.0, 1.0),
        ("online", "Voorbeeld Online Techniekschool", "modular", ("online",),
         "microcredential", 9, 6, 0.7, 0.0),
        ("hbo", "Voorbeeld Hogeschool Duurzaamheid", "part_time", ("blended",), "hbo_module",
         14, 8, 1.3, 1.0),
    ],
    "digital": [
        ("boot", "Voorbeeld Code Bootcamp", "bootcamp", ("in_person", "blended"),
         "certificate", 25, 36, 1.2, 0.8),
        ("roc", "Voorbeeld ROC ICT-College", "part_time", ("in_person",), "mbo_module", 9, 10,
         1.5, 1.0),
        ("hbo", "Voorbeeld Hogeschool ICT", "part_time", ("blended",), "hbo_module", 14, 8,
         1.3, 1.0),
        ("online", "Voorbeeld Online IT-Academie", "modular", ("online",), "microcredential",
         10, 6, 0.7, 0.0),
        ("lw", "Voorbeeld IT-Leerwerkbedrijf", "learn_work", ("blended",), "certificate", 0,
         16, 2.0, 1.0),
        ("pp", "Voorbeeld Digitaal Talent Programma (publiek-privaat)", "public_private",
         ("blended",), "none", 0, 12, 1.0, 1.0),
        ("cyber", "Voorbeeld Cyber Security Academie", "modular", ("blended", "online"),
         "certificate", 35, 8, 1.0, 0.5),
    ],
}
MONDAYS_2027 = ["2027-01-11", "2027-02-01", "2027-03-08", "2027-04-12", "2027-05-10",
                "2027-06-07", "2027-09-06", "2027-10-04", "2027-11-01"]
UNTAUGHT_ONE_IN = 25
MIN_SKILLS, MAX_SKILLS = 3, 8  # merge up the hierarchy below 3; split above 8


def stable(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)


def group_paths(skills: set[str]) -> dict[str, list[str]]:
    """Per skill, its ESCO skill groups from nearest to broadest (via broader skills)."""
    groups = set(SkillGroup.objects.values_list("uri", flat=True))
    up: dict[str, list[str]] = defaultdict(list)
    for narrower, broader in Broader.objects.filter(pillar="skill").values_list(
            "narrower_uri", "broader_uri"):
        up[narrower].append(broader)
    paths = {}
    for uri in skills:
        path, current, seen = [], uri, set()
        while up.get(current) and current not in seen:
            seen.add(current)
            current = sorted(up[current])[0]
            if current in groups:
                path.append(current)
        paths[uri] = path
    return paths


# ESCO's top levels say too little to title a module.
GENERIC_TOPICS = {"vaardigheden": "praktijkvaardigheden", "kennis": "vakkennis",
                  "transversale vaardigheden en competenties": "werkhouding en samenwerking"}


def topic_for(group: str, labels: dict[str, str]) -> str:
    label = labels.get(group) or "praktijkvaardigheden"
    return GENERIC_TOPICS.get(label, label)


def buckets_for(skills: list[str], paths: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Skills grouped under the nearest skill group that holds at least three of them."""
    depth = dict.fromkeys(skills, 0)

    def key(uri: str) -> str:
        path = paths[uri]
        return path[depth[uri]] if depth[uri] < len(path) else "misc"

    for _ in range(6):
        counts: dict[str, int] = defaultdict(int)
        for uri in skills:
            counts[key(uri)] += 1
        lonely = [u for u in skills if counts[key(u)] < MIN_SKILLS and key(u) != "misc"]
        if not lonely:
            break
        for uri in lonely:
            depth[uri] += 1
    grouped: dict[str, list[str]] = defaultdict(list)
    for uri in skills:
        grouped[key(uri)].append(uri)
    out = []
    for group, members in grouped.items():
        if len(members) < 2:
            continue  # left untaught
        parts = math.ceil(len(members) / MAX_SKILLS)
        members = sorted(members)
        size = math.ceil(len(members) / parts)
        for i in range(parts):
            chunk = members[i * size:(i + 1) * size]
            if len(chunk) >= 2:
                out.append((group, chunk))
    return sorted(out, key=lambda b: (b[0], b[1]))


def main() -> int:
    if not Skill.objects.exists():
        print("import ESCO first", file=sys.stderr)
        return 2
    rng = random.Random(2027)
    codes = [r.code for r in regions()]
    occupations = {o.uri: o for o in Occupation.objects.filter(
        uri__in=[OCC + u for _, _, _, occ in DOMAINS for u in occ])}
    essential: dict[str, list[str]] = {}
    for uri, occupation in occupations.items():
        essential[uri] = sorted(occupation.skill_links.filter(relation="essential")
                                .values_list("skill__uri", flat=True))
    all_skills = {s for v in essential.values() for s in v}
    untaught = {s for s in all_skills if stable(s) % UNTAUGHT_ONE_IN == 0}
    skill_by_uri = {s.uri: s for s in Skill.objects.filter(uri__in=all_skills)}
    group_labels = dict(SkillGroup.objects.values_list("uri", "label_nl"))
    paths = group_paths(all_skills)
    rows = []
    for domain, theme, kind, occupation_ids in DOMAINS:
        skills = sorted({s for o in occupation_ids for s in essential[OCC + o]} - untaught)
        names = ", ".join(occupations[OCC + o].label("nl") for o in occupation_ids)
        buckets = buckets_for(skills, paths)
        topics = [topic_for(group, group_labels) for group, _ in buckets]
        seen: dict[str, int] = defaultdict(int)
        for index, ((_, members), topic) in enumerate(zip(buckets, topics, strict=True), 1):
            seen[topic] += 1
            part = f", deel {seen[topic]}" if topics.count(topic) > 1 else ""
            providers = [p for p in PROVIDERS[kind]
                         if p[0] != "hbo" or kind == "digital" or domain == "advies"]
            rng.shuffle(providers)
            offers = 1 + (rng.random() < 0.55) + (rng.random() < 0.2)
            for letter, provider in zip("abc", providers[:offers], strict=False):
                rows.append(module(rng, codes, f"vb-{domain}-{index:02d}{letter}", provider,
                                   f"{theme}: {topic}{part} (voorbeeld)", members, names,
                                   skill_by_uri))
    rows.sort(key=lambda r: r["key"])
    OUT.write_text(plan_rows.write_csv(rows, plan_rows.MODULE_COLUMNS), encoding="utf-8")
    report(rows, essential, occupations, untaught)
    return 0


def module(rng: random.Random, codes: list[str], key: str, provider: tuple, title: str,
           skills: list[str], names: str, skill_by_uri: dict[str, Skill]) -> dict:
    code, name, form, deliveries, award, rate, per_week, factor, regional = provider
    base = sum(rng.randint(10, 20) if skill_by_uri[s].skill_type == "knowledge"
               else rng.randint(14, 32) for s in skills)
    hours = max(8, min(400, 4 * round(base * factor / 4)))
    weeks = max(1, min(52, math.ceil(hours / per_week)))
    if form == "learn_work":
        weeks = max(weeks, 12)
    cost = 0 if rate == 0 else max(150, min(7500, 5 * round(hours * rate / 5)))
    delivery = rng.choice(deliveries)
    region = rng.choice(codes) if delivery != "online" and rng.random() < regional else ""
    starts: list[str] = []
    if form == "part_time":
        starts = ["2027-02-01", "2027-09-06"]
    elif form in ("modular", "bootcamp") and delivery != "online":
        starts = rng.sample(MONDAYS_2027, 2 + (rng.random() < 0.4))
    elif form == "public_private" or (form == "learn_work" and rng.random() < 0.5):
        starts = rng.sample(MONDAYS_2027, 1 + (rng.random() < 0.3))
    if code == "pp" and rng.random() < 0.3:
        award = "none"
    topics = "; ".join(skill_by_uri[s].label("nl") for s in skills)
    return {
        "key": key, "provider": name, "title": title[:200],
        "description": (f"Voorbeeldmodule: fictief aanbod, geen echte opleiding. Voor wie "
                        f"wil overstappen naar: {names}. Onderwerpen (ESCO): {topics}.")[:4000],
        "skills": sorted(skills), "hours": hours, "weeks": weeks, "cost_eur": f"{cost}.00",
        "form": form, "delivery": delivery, "region": region, "start_dates": sorted(starts),
        "award": award,
        "learn_work_wage_eur": f"{rng.randrange(2100, 2801, 50)}.00"
        if form == "learn_work" else None,
        "source_url": "", "is_example": True}


def report(rows: list[dict], essential: dict[str, list[str]], occupations: dict,
           untaught: set[str]) -> None:
    teaching: dict[str, int] = defaultdict(int)
    for row in rows:
        for uri in row["skills"]:
            teaching[uri] += 1
    pairs = [(o, s) for o, skills in essential.items() for s in skills]
    unique = {s for _, s in pairs}
    print(f"{len(rows)} modules for {len(occupations)} occupations; "
          f"{len(unique)} distinct essential skills: "
          f"{sum(teaching[s] >= 1 for s in unique)} taught, "
          f"{sum(teaching[s] >= 2 for s in unique)} by two or more modules, "
          f"{sum(teaching[s] == 0 for s in unique)} untaught "
          f"({len(untaught)} on purpose)")
    for uri, skills in sorted(essential.items(), key=lambda kv: occupations[kv[0]].label_en):
        taught = sum(teaching[s] >= 1 for s in skills)
        print(f"  {occupations[uri].label_en:<55} {taught:>3}/{len(skills):<3} taught")


if __name__ == "__main__":
    sys.exit(main())
