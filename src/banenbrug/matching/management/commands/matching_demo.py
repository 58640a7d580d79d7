"""Synthetic employers, vacancies and job seekers so a newcomer sees a living platform.

Deterministic (fixed seed, ESCO rows in URI order) and idempotent: when the synthetic set
exists, a second run changes nothing. Every record carries is_synthetic=True and the pages say
so. Demo users get the password in BANENBRUG_DEMO_PASSWORD, or a random one printed once.
"""

from __future__ import annotations

import os
import random
import secrets
from collections import defaultdict

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from banenbrug.accounts.roles import ANALYST, COACH, EMPLOYER, JOB_SEEKER
from banenbrug.cli_support import stderr
from banenbrug.matching import queue, regions
from banenbrug.matching.models import HiringMode, Vacancy, VacancySkill
from banenbrug.people.models import (
    Employer,
    GroupStatistics,
    JobSeeker,
    SeekerSkill,
    SkillSource,
    WorkExperience,
)
from banenbrug.taxonomy.models import Occupation, OccupationSkill

SEED = 2025
N_EMPLOYERS, N_VACANCIES, N_SEEKERS = 40, 300, 500
# ISCO prefixes and weights: the shortage is in technical and ICT work.
SECTORS = {
    "techniek": (("71", "72", "74", "311", "313", "315"), 0.45),
    "ict": (("25", "35"), 0.30),
    "ingenieur": (("214", "215", "216"), 0.10),
    "overig": (("41", "42", "51", "52", "53", "83", "93"), 0.15),
}
POSTCODES = {"PV20": (9300, 9999), "PV21": (8400, 9299), "PV22": (7700, 7999),
             "PV23": (7400, 8299), "PV24": (1300, 1399), "PV25": (6500, 7399),
             "PV26": (3400, 3999), "PV27": (1000, 2199), "PV28": (2200, 3399),
             "PV29": (4300, 4699), "PV30": (4700, 5899), "PV31": (5900, 6499)}
NAMES = ["Zonnekracht", "Netwerk", "Warmtewerk", "Datahaven", "Windkracht", "Stroomlijn",
         "Bitbouw", "Klimaatwerk", "Installatiehuis", "Codefabriek", "Energieplein",
         "Techniekhuis", "Cloudpoort", "Laadpaal", "Isolatie", "Robotica", "Waterstof",
         "Meetwerk", "Kabelnet", "Slimme Meters"]
DEMO_USERS = {"demo-werkzoekende": JOB_SEEKER, "demo-werkgever": EMPLOYER,
              "demo-coach": COACH, "demo-analist": ANALYST}


class Command(BaseCommand):
    help = "Load the synthetic matching demo set (idempotent)."

    def handle(self, *args, **options):
        users = self._users()
        if Employer.objects.filter(is_synthetic=True).exists():
            placed = self._towns_for_older_sets()
            stderr.print(f"Matching demo data already present; {placed} synthetic records got "
                         "a municipality." if placed else
                         "Matching demo data already present; nothing changed.")
            return
        occupations = self._occupations()
        if not occupations["techniek"]:
            stderr.print("[yellow]No ESCO occupations yet: matching demo data skipped.[/]")
            return
        with transaction.atomic():
            self._create(random.Random(SEED), occupations, users)
        stderr.print(f"[green]Matching demo data[/]: {N_EMPLOYERS} employers, {N_VACANCIES} "
                     f"vacancies, {N_SEEKERS} job seekers (synthetic).")

    # ---------------------------------------------------------------- users

    def _users(self) -> dict[str, User]:
        password = os.environ.get("BANENBRUG_DEMO_PASSWORD", "")
        if password:  # the same rules as every other password, before anything is written
            try:
                for name in DEMO_USERS:
                    validate_password(password, User(username=name))
            except ValidationError as exc:
                raise CommandError("BANENBRUG_DEMO_PASSWORD is refused: "
                                   + " ".join(exc.messages)) from None
        users = {}
        for name, role in DEMO_USERS.items():
            user = User.objects.filter(username=name).first()
            if user is None:
                chosen = password or secrets.token_urlsafe(12)
                user = User.objects.create_user(name, password=chosen)
                user.groups.add(Group.objects.get(name=role))
                if not password:
                    stderr.print(f"Demo user [bold]{name}[/] created; password: {chosen}")
            elif password and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
            users[role] = user
        return users

    @staticmethod
    def _towns_for_older_sets() -> int:
        """A set made before places had municipalities: give each synthetic record one in its
        region (by id, so a re-run gives the same), for distance in matching."""
        placed = 0
        with transaction.atomic():
            for model in (JobSeeker, Vacancy):
                rows = list(model.objects.filter(is_synthetic=True, municipality=""))
                for row in rows:
                    towns = regions.municipalities_in(row.region)
                    if towns:
                        row.municipality = towns[row.pk % len(towns)]
                model.objects.bulk_update([r for r in rows if r.municipality], ["municipality"])
                placed += sum(1 for r in rows if r.municipality)
        return placed

    # ---------------------------------------------------------------- occupations

    def _occupations(self) -> dict[str, list[tuple[int, list[int], list[int]]]]:
        """Per sector: (occupation id, essential skill ids, optional skill ids), URI order."""
        skills: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for occ, skill, relation in OccupationSkill.objects.order_by("skill__uri").values_list(
                "occupation_id", "skill_id", "relation"):
            skills[occ][relation != "essential"].append(skill)
        out: dict[str, list] = {sector: [] for sector in SECTORS}
        for pk, isco in Occupation.objects.order_by("uri").values_list("id", "isco_code"):
            essential, optional = skills.get(pk, ([], []))
            if len(essential) < 5:
                continue
            for sector, (prefixes, _w) in SECTORS.items():
                if isco.startswith(prefixes):
                    out[sector].append((pk, essential, optional))
                    break
        return out

    @staticmethod
    def _pick(rng: random.Random, occupations: dict) -> tuple[int, list[int], list[int]]:
        sectors = [s for s in SECTORS if occupations[s]]
        sector = rng.choices(sectors, [SECTORS[s][1] for s in sectors])[0]
        return rng.choice(occupations[sector])

    # ---------------------------------------------------------------- records

    def _create(self, rng: random.Random, occupations: dict, users: dict[str, User]) -> None:
        all_regions = regions.regions()
        # Municipalities from a generator of their own: the rest of the set stays as it was.
        towns = random.Random(SEED + 1)

        def place(i: int) -> dict:
            region = all_regions[i % len(all_regions)] if i >= 0 else rng.choice(all_regions)
            lo, hi = POSTCODES.get(region.province_code, (1000, 9999))
            return {"region": region.code, "postcode": str(rng.randint(lo, hi)),
                    "municipality": towns.choice(regions.municipalities_in(region.code)),
                    "is_synthetic": True}

        employers = Employer.objects.bulk_create([
            Employer(name=f"{NAMES[i % len(NAMES)]} {all_regions[i % 35].name} (voorbeeld)",
                     is_synthetic=True) for i in range(N_EMPLOYERS)])
        employers[0].members.add(users[EMPLOYER])

        vacancies, vacancy_skills = [], []
        for i in range(N_VACANCIES):
            occ, essential, optional = self._pick(rng, occupations)
            part_time = rng.random() < 0.35
            full = rng.choice([32, 36, 38, 40])
            mode = rng.choices([HiringMode.SKILLS, HiringMode.OPEN_HIRING, HiringMode.LEARN_WORK],
                               [0.7, 0.15, 0.15])[0]
            salary = rng.randrange(2600, 5200, 100)
            vacancies.append(Vacancy(
                employer=employers[i % N_EMPLOYERS], occupation_id=occ, title="",
                hours_min=rng.choice([16, 20, 24]) if part_time else full, hours_max=full,
                part_time_possible=part_time, salary_min=salary, salary_max=salary + 800,
                hiring_mode=mode, openings=rng.choice([1, 1, 2, 3]),
                other_requirements="VCA-basis binnen 3 maanden" if mode == "open_hiring"
                and rng.random() < 0.4 else "", **place(i % N_EMPLOYERS)))
            vacancy_skills.append((essential, rng.sample(optional, min(len(optional), 6))))
        labels = dict(Occupation.objects.filter(
            pk__in={v.occupation_id for v in vacancies}).values_list("id", "label_nl"))
        english = dict(Occupation.objects.filter(
            pk__in={v.occupation_id for v in vacancies}).values_list("id", "label_en"))
        for v in vacancies:
            title = labels.get(v.occupation_id) or english[v.occupation_id]
            v.title = (title[:1].upper() + title[1:])[:200]
        vacancies = Vacancy.objects.bulk_create(vacancies)
        VacancySkill.objects.bulk_create([
            VacancySkill(vacancy=v, skill_id=s, essential=e)
            for v, (ess, opt) in zip(vacancies, vacancy_skills, strict=True)
            for e, ids in ((True, ess), (False, [o for o in opt if o not in ess])) for s in ids])

        seekers, histories = [], []
        for _ in range(N_SEEKERS):
            part_time = rng.random() < 0.3
            hours = (rng.choice([12, 16, 20]), rng.choice([24, 28])) if part_time else (
                rng.choice([32, 36]), 40)
            seekers.append(JobSeeker(
                hours_min=hours[0], hours_max=hours[1], consent_employers=rng.random() < 0.8,
                situation=rng.choices(["employed", "ww", "bijstand", "other"],
                                      [0.4, 0.25, 0.2, 0.15])[0], **place(-1)))
            histories.append([self._pick(rng, occupations) for _ in range(rng.choice([1, 1, 2]))])
        demo = JobSeeker(user=users[JOB_SEEKER], coach=users[COACH], hours_min=24, hours_max=32,
                         consent_employers=True, situation="ww", **place(0))
        seekers = JobSeeker.objects.bulk_create([demo, *seekers])
        demo, seekers = seekers[0], seekers[1:]
        JobSeeker.objects.filter(pk__in=[s.pk for s in seekers[:12]]).update(
            coach=users[COACH])
        experience, skills = [], []
        for seeker, history in zip(seekers, histories, strict=True):
            held: set[int] = set()
            seen: set[int] = set()
            for occ, essential, _optional in history:
                if occ in seen:
                    continue
                seen.add(occ)
                experience.append(WorkExperience(seeker=seeker, occupation_id=occ,
                                                 years=rng.randint(1, 20)))
                for s in rng.sample(essential, max(1, int(len(essential) * 0.7))):
                    if s not in held:
                        held.add(s)
                        skills.append(SeekerSkill(seeker=seeker, skill_id=s,
                                                  source=SkillSource.OCCUPATION))
        WorkExperience.objects.bulk_create(experience)
        SeekerSkill.objects.bulk_create(skills)
        GroupStatistics.objects.bulk_create([
            GroupStatistics(seeker=s, gender=rng.choices(["woman", "man", "other"],
                                                         [0.45, 0.5, 0.05])[0],
                            age_band=rng.choice(["<27", "27-49", "50+"]),
                            background=rng.choices(["none", "migration"], [0.7, 0.3])[0])
            for s in seekers if rng.random() < 0.7])
        # A few people already queue for the first Open Hiring vacancies.
        yes = queue.Declaration(True, True, True)
        consenting = [s for s in seekers if s.consent_employers]
        for v in [v for v in vacancies if v.hiring_mode == HiringMode.OPEN_HIRING][:5]:
            for s in rng.sample(consenting, 4):
                queue.sign_up(v.pk, s, yes)
        # The demo employer owns at least one Open Hiring vacancy.
        first = employers[0].vacancies.order_by("id").first()
        if first is not None and not employers[0].vacancies.filter(
                hiring_mode=HiringMode.OPEN_HIRING).exists():
            first.hiring_mode = HiringMode.OPEN_HIRING
            first.save(update_fields=["hiring_mode"])
