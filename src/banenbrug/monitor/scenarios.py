"""Scenario files (TOML): policy levers and parameter changes for the forecast. Pure: no Django.

    name = "Meer vrouwen kiezen techniek"
    description = "…"
    name_en = "…"                # optional English name and description
    start_year = 2025            # levers begin to work (default 2025)
    full_effect_year = 2030      # and reach full effect, linearly (default 2030)

    [levers]
    women_tech_share = { mbo = 0.20, hbo = 0.25 }   # target share choosing technical education
    women_outflow_factor = 0.5                      # 0.5 halves women's outflow
    side_entry_programme = 10000                    # extra participants per year
    open_hiring = 3000                              # Open Hiring hires per year
    productivity_growth = 0.005                     # extra labour saved per year
    migration_background_mbo_share = 0.30           # target technical mbo share

    [parameters]                 # any forecast parameter: a value, [low, high] or [low, c, high]
    climate_policy_jobs_2030 = 33000
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from banenbrug.monitor.forecast import BASE_YEAR, LEVELS, PARAMETERS, Levers, Scenario

SCENARIO_DIR = Path(__file__).resolve().parent / "data" / "scenarios"
TOP_LEVEL = {"name", "description", "name_en", "description_en", "start_year",
             "full_effect_year", "levers", "parameters"}
LAST_YEAR = 2050
SHARE_UNITS = {"aandeel", "per jaar"}


class ScenarioError(ValueError):
    pass


def _number(value: Any, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(f"{where}: {value!r} is not a number")
    if not low <= value <= high:
        raise ScenarioError(f"{where}: {value} is outside {low:g}–{high:g}")
    return float(value)


def _levers(table: Any, where: str, start: int, full: int) -> Levers:
    if not isinstance(table, dict):
        raise ScenarioError(f"{where}: [levers] must be a table")
    unknown = set(table) - set(Levers.LEVER_FIELDS)
    if unknown:
        raise ScenarioError(f"{where}: unknown lever(s) {', '.join(sorted(unknown))} (known: "
                            f"{', '.join(Levers.LEVER_FIELDS)})")
    values: dict[str, Any] = {"start_year": start, "full_effect_year": full}
    if "women_tech_share" in table:
        shares = table["women_tech_share"]
        if not isinstance(shares, dict) or not shares or set(shares) - set(LEVELS):
            raise ScenarioError(f"{where}: levers.women_tech_share must be a table of levels "
                                f"({', '.join(LEVELS)}) with target shares")
        values["women_tech_share"] = tuple(
            (level, _number(share, f"{where}: levers.women_tech_share.{level}", 0.0, 1.0))
            for level, share in sorted(shares.items()))
    limits = {"women_outflow_factor": (0.0, 1.0), "side_entry_programme": (0.0, 1_000_000.0),
              "open_hiring": (0.0, 1_000_000.0), "productivity_growth": (0.0, 0.05),
              "migration_background_mbo_share": (0.0, 1.0)}
    for name, (low, high) in limits.items():
        if name in table:
            values[name] = _number(table[name], f"{where}: levers.{name}", low, high)
    return Levers(**values)


def _overrides(table: Any, where: str) -> tuple[tuple[str, float, float, float], ...]:
    if not isinstance(table, dict):
        raise ScenarioError(f"{where}: [parameters] must be a table")
    out = []
    for name, value in table.items():
        key = f"{where}: parameters.{name}"
        if name not in PARAMETERS:
            raise ScenarioError(f"{key}: unknown parameter (known: {', '.join(PARAMETERS)})")
        high_limit = 1.0 if PARAMETERS[name].unit in SHARE_UNITS else 1e8
        items = value if isinstance(value, list) else [value]
        if len(items) not in (1, 2, 3):
            raise ScenarioError(f"{key}: give a value, [low, high] or [low, central, high]")
        numbers = [_number(v, key, 0.0, high_limit) for v in items]
        if numbers != sorted(numbers):
            raise ScenarioError(f"{key}: the values must go from low to high")
        if len(numbers) == 1:
            numbers *= 3
        elif len(numbers) == 2:
            numbers = [numbers[0], (numbers[0] + numbers[1]) / 2, numbers[1]]
        out.append((name, numbers[0], numbers[1], numbers[2]))
    return tuple(out)


def parse_scenario(text: str, key: str, where: str | None = None) -> Scenario:
    where = where or key
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{where}: not valid TOML ({exc})") from exc
    unknown = set(data) - TOP_LEVEL
    if unknown:
        raise ScenarioError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ScenarioError(f"{where}: a scenario needs a name")
    start = int(_number(data.get("start_year", 2025), f"{where}: start_year", BASE_YEAR + 1,
                        LAST_YEAR))
    full = int(_number(data.get("full_effect_year", max(start, 2030)),
                       f"{where}: full_effect_year", start, LAST_YEAR))
    return Scenario(key=key, name=name.strip(), description=str(data.get("description", "")),
                    name_en=str(data.get("name_en", "")),
                    description_en=str(data.get("description_en", "")),
                    levers=_levers(data.get("levers", {}), where, start, full),
                    overrides=_overrides(data.get("parameters", {}), where))


def load_scenario(path: Path) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise ScenarioError(f"{path}: scenario file not found") from exc
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{path}: not UTF-8 text") from exc
    return parse_scenario(text, path.stem, str(path))


def shipped_scenarios() -> dict[str, Scenario]:
    """The example scenarios shipped with the app, by file stem, in file-name order."""
    return {p.stem: load_scenario(p) for p in sorted(SCENARIO_DIR.glob("*.toml"))}
