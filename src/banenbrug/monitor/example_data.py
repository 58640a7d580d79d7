"""Generates the ILLUSTRATIVE regional example set shipped as data/regional_example.csv: vacancies
and short-term job seekers per labour-market region and quarter, so the regional views can be
tried. Not real figures: every row says so (`example` = true, source and note).

    python -m banenbrug.monitor.example_data > src/banenbrug/monitor/data/regional_example.csv
"""

from __future__ import annotations

import csv
import sys

import numpy as np

from banenbrug.conf.paths import data_dir
from banenbrug.monitor.indicators import OPTIONAL, REQUIRED
from banenbrug.monitor.regions import load_regions

SOURCE = "Voorbeelddata Banenbrug (illustratief, geen echte cijfers)"
NOTE = "verzonnen voorbeeld om de regionale weergave te laten zien"
QUARTERS = [f"{year}-Q{q}" for year in (2022, 2023, 2024) for q in (1, 2, 3, 4)]
GROUPS = {"technical_ict": 100_000, "ict": 22_000}  # national vacancy level to aim at


def rows(seed: int = 35) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    regions = [r.code for r in load_regions(data_dir()).of_kind("labour_market")]
    if len(regions) != 35:
        raise SystemExit("the 35 labour-market regions were not found: set BANENBRUG_DATA_DIR")
    size = rng.lognormal(0.0, 0.6, len(regions))
    size /= size.sum()
    out = []
    for group, national in GROUPS.items():
        # regional tension level, a slow trend and a seasonal wave: spread over all UWV bands
        level = rng.lognormal(np.log(1.8 if group == "technical_ict" else 2.5), 0.7, len(regions))
        trend = rng.normal(-0.04, 0.03, len(regions))
        if group == "ict":  # two small regions with under 10 job seekers: shows suppression
            level[np.argsort(size)[:2]] = 16.0
        totals = {q: [0.0, 0.0] for q in QUARTERS}
        for i, region in enumerate(regions):
            for t, quarter in enumerate(QUARTERS):
                season = 1 + 0.08 * np.sin(2 * np.pi * t / 4)
                vacancies = round(national * size[i] * season * (1 + trend[i]) ** t
                                  * rng.normal(1, 0.04))
                tension = level[i] * (1 + trend[i]) ** t
                seekers = max(round(vacancies / tension), 0)
                totals[quarter][0] += vacancies
                totals[quarter][1] += seekers
                out += [[quarter, region, group, "all", "vacancies_open", str(vacancies), "count"],
                        [quarter, region, group, "all", "job_seekers_short", str(seekers),
                         "count"]]
        for quarter, (vacancies, seekers) in totals.items():
            out += [[quarter, "NL", group, "all", "vacancies_open", f"{vacancies:.0f}", "count"],
                    [quarter, "NL", group, "all", "job_seekers_short", f"{seekers:.0f}", "count"]]
    return [[*r, SOURCE, NOTE, "", "", "", "true"] for r in out]


def main() -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([*REQUIRED, *OPTIONAL])
    writer.writerows(rows())


if __name__ == "__main__":
    main()
