"""What changed between two versions of a switch plan, line by line, in euros.

A plan's money is the sum of its modules' list prices, of which schemes pay a part; so every
change of the total is explained by modules that came, went or were swapped, and every change
of the own contribution by those lines and by schemes that now pay more or less. The lines
add up exactly: sum(module deltas) == change of the total, and the total's change minus
sum(training schemes' deltas) == change of the own contribution (tested); income schemes
change what the person lives on during the training, not the bill. Pure: the page, the API and
the PDF put the lines into words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

Snapshot = dict[str, Any]


def snapshot(plan: dict[str, Any]) -> Snapshot:
    """The part of a plan (service.plan_for's plain data) that a version keeps: enough to say
    later what changed, even when the catalogue's prices have moved on since."""
    funding = plan["funding"]
    return {
        "destination": plan["destination"]["label"],
        "modules": [{"key": m["key"], "title": m["title"], "cost": m["cost"]}
                    for m in plan["modules"]],
        "schemes": [{"key": s["key"], "name": s["name"], "paid": s["paid"],
                     "pays_for": s["pays_for"]} for s in funding["schemes"] if s["paid"]],
        "total_cost": funding["total_cost"],
        "covered": funding["covered"],
        "own_contribution": funding["own_contribution"],
        "income_support": funding["income_support"],
        "training_end": plan["training_end"],
        "job_from": plan["job_from"],
    }


@dataclass(frozen=True)
class Line:
    """One explained change. kind: swapped | added | removed | repriced (modules; delta =
    change of the total cost) or pays_more | pays_less (schemes; delta = change of what the
    scheme pays, for `pays_for` training or income)."""

    kind: str
    name: str
    delta: float
    other: str = ""  # a swap's new module
    before: float = 0.0
    after: float = 0.0
    pays_for: str = ""


@dataclass(frozen=True)
class Changes:
    lines: tuple[Line, ...]
    total_before: float
    total_after: float
    own_before: float
    own_after: float
    training_end_before: str
    training_end_after: str
    destination_changed: bool

    @property
    def total_delta(self) -> float:
        return round(self.total_after - self.total_before, 2)

    @property
    def own_delta(self) -> float:
        return round(self.own_after - self.own_before, 2)

    @property
    def unchanged(self) -> bool:
        return (not self.lines and not self.destination_changed
                and self.training_end_before == self.training_end_after)

    def as_dict(self) -> dict[str, Any]:
        return {"lines": [asdict(line) for line in self.lines],
                "total_before": self.total_before, "total_after": self.total_after,
                "total_delta": self.total_delta, "own_before": self.own_before,
                "own_after": self.own_after, "own_delta": self.own_delta,
                "training_end_before": self.training_end_before,
                "training_end_after": self.training_end_after,
                "destination_changed": self.destination_changed, "unchanged": self.unchanged}


def compare(before: Snapshot, after: Snapshot) -> Changes:
    return Changes(
        lines=(*_module_lines(before["modules"], after["modules"]),
               *_scheme_lines(before["schemes"], after["schemes"])),
        total_before=before["total_cost"], total_after=after["total_cost"],
        own_before=before["own_contribution"], own_after=after["own_contribution"],
        training_end_before=before["training_end"], training_end_after=after["training_end"],
        destination_changed=before["destination"] != after["destination"])


def _module_lines(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Line]:
    """Modules that went and came; as many as possible paired as swaps, in plan order, since
    a swap is how a coach changes a module on the page (one out, its alternative in)."""
    old = {m["key"]: m for m in before}
    new = {m["key"]: m for m in after}
    gone = [m for m in before if m["key"] not in new]
    came = [m for m in after if m["key"] not in old]
    lines = [Line("swapped", out["title"], round(into["cost"] - out["cost"], 2),
                  other=into["title"], before=out["cost"], after=into["cost"])
             for out, into in zip(gone, came, strict=False)]
    lines += [Line("removed", m["title"], round(-m["cost"], 2), before=m["cost"])
              for m in gone[len(came):]]
    lines += [Line("added", m["title"], round(m["cost"], 2), after=m["cost"])
              for m in came[len(gone):]]
    # a module kept at a new list price (the catalogue changed between versions)
    lines += [Line("repriced", m["title"], round(new[m["key"]]["cost"] - m["cost"], 2),
                   before=m["cost"], after=new[m["key"]]["cost"])
              for m in before if m["key"] in new and new[m["key"]]["cost"] != m["cost"]]
    return lines


def _scheme_lines(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Line]:
    paid_before = {s["key"]: s for s in before}
    paid_after = {s["key"]: s for s in after}
    lines = []
    for key in [*paid_before, *(k for k in paid_after if k not in paid_before)]:
        was = paid_before.get(key, {}).get("paid", 0.0)
        now = paid_after.get(key, {}).get("paid", 0.0)
        if round(now - was, 2):
            name = (paid_after.get(key) or paid_before[key])["name"]
            pays_for = (paid_after.get(key) or paid_before[key])["pays_for"]
            lines.append(Line("pays_more" if now > was else "pays_less", name,
                              round(now - was, 2), before=was, after=now, pays_for=pays_for))
    return lines
