"""Written occupation content shipped with the app (pure): per occupation a working day in
plain Dutch, what the work contributes to the climate and society, and the education routes
(vmbo/mbo/hbo/wo, BBL). Stored in data/stories.toml, one table per occupation, so writers
edit text, not code. Stories an editor adds in the admin (OccupationStory) take precedence."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

STORIES = Path(__file__).parent / "data" / "stories.toml"
LEVELS = ("vmbo", "mbo", "BBL", "hbo", "wo", "zij-instroom")


class ContentError(ValueError):
    """A story file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Route:
    level: str
    text: str


@dataclass(frozen=True)
class WrittenStory:
    uri: str
    label: str  # for the writer; the page uses ESCO's label
    day: str
    contribution: str
    routes: tuple[Route, ...]
    is_example: bool

    @property
    def framing(self) -> str:
        """The contribution's first sentence: the climate and society line of a suggestion."""
        return self.contribution.split(". ")[0].rstrip(".") + "."


def parse(text: str, source: str) -> dict[str, WrittenStory]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{source}: not valid TOML ({exc})") from None
    found: dict[str, WrittenStory] = {}
    for n, entry in enumerate(data.get("story", []), start=1):
        where = f"{source}: story {n} ({entry.get('label', '?')})"
        missing = [k for k in ("uri", "label", "day", "contribution", "routes")
                   if not entry.get(k)]
        if missing:
            raise ContentError(f"{where}: missing {', '.join(missing)}")
        routes = []
        for route in entry["routes"]:
            if route.get("level") not in LEVELS or not route.get("text"):
                raise ContentError(f"{where}: a route needs a level ({', '.join(LEVELS)}) "
                                   f"and a text, got {route!r}")
            routes.append(Route(route["level"], route["text"].strip()))
        if entry["uri"] in found:
            raise ContentError(f"{where}: {entry['uri']} appears twice")
        found[entry["uri"]] = WrittenStory(
            uri=entry["uri"], label=entry["label"], day=" ".join(entry["day"].split()),
            contribution=" ".join(entry["contribution"].split()), routes=tuple(routes),
            is_example=bool(entry.get("example", True)))
    return found


@cache
def stories() -> dict[str, WrittenStory]:
    return parse(STORIES.read_text(encoding="utf-8"), str(STORIES))
