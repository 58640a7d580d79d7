"""Refresh the user guide's screenshots (docs/screenshots/<role>/) from the last browser run.

    make docs-screenshots        (after a browser run, e.g. `make test`, has filled
                                  var/test/screenshots/<journey>/)

The browser tests save every step of every journey as a full-page PNG; the guide takes a few of
them per role, cut to what one screen shows (at the test's viewport: from the page's top, or
from just above the step's focus where the test named one, Journey.step(..., focus=locator))
and reduced to a palette of 128 colours, so the repository stays small. Exits 1 naming every
missing screenshot, before it writes anything.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "var" / "test" / "screenshots"
TARGET = ROOT / "docs" / "screenshots"
WIDTH = 960  # desktop screenshots are scaled down to this; phone ones keep their size
DESKTOP = (1280, 800)  # playwright's default viewport
PHONE = (390, 844)  # test_ontdek_phone.py
MARGIN = 100  # pixels shown above a step's focus, for context

# role folder -> (journey, step) in the order the guide shows them
SELECTION: dict[str, list[tuple[str, str]]] = {
    "jongeren": [("ontdek", "01-start"), ("ontdek", "05-resultaat"),
                 ("ontdek", "06-beroepsverhaal"), ("ontdek", "07-ouders-en-leraren")],
    "werkzoekende": [("job-seeker", "02-registreren"), ("job-seeker", "05-profiel"),
                     ("job-seeker", "07-cv-voorstellen"), ("job-seeker", "09-matches"),
                     ("plumber", "03-verkenner"), ("plumber", "04-vergelijken"),
                     ("plumber", "10-plan"), ("plumber", "12-in-de-rij")],
    "coach": [("accounts", "09-coach-nodigt-uit"), ("coach", "02-aanpassing-uitgelegd"),
              ("coach", "03-caseload"), ("coach", "05-de-werkzoekende-ziet-versie-2")],
    "werkgever": [("employer", "02-vacature-plaatsen"), ("employer", "05-kandidaten-met-haar"),
                  ("matching", "03-open-hiring-rij"), ("selfscan", "03-resultaat")],
    "regionale-partner": [("registry", "02-tafels-gevonden"), ("registry", "03-zoeken"),
                          ("registry", "04-versnippering")],
    "beleidsanalist": [("analyst", "01-monitor"), ("analyst", "02-prognose"),
                       ("analyst", "03-cbs"), ("analyst", "05-rapport"),
                       ("analyst", "06-rapport-pdf")],
}


def one_screen(image: Image.Image, top: int = 0) -> Image.Image:
    """One screen of a full-page screenshot, from `top` (a little above the step's focus, or
    the page's top), desktop ones scaled down to WIDTH, as a 128-colour palette image."""
    height = PHONE[1] if image.width <= PHONE[0] else DESKTOP[1]
    top = max(0, min(top, image.height - height))
    image = image.convert("RGB").crop((0, top, image.width, min(image.height, top + height)))
    if image.width > WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)),
                             Image.Resampling.LANCZOS)
    return image.quantize(colors=128, dither=Image.Dither.NONE)


def focus_top(path: Path) -> int:
    """Where the screen starts: above the element the test named as the step's focus (its
    <step>.json beside the screenshot), else at the top."""
    where = path.with_suffix(".json")
    return max(0, json.loads(where.read_text())["top"] - MARGIN) if where.is_file() else 0


def main() -> int:
    wanted = {(role, journey, step): SOURCE / journey / f"{step}.png"
              for role, steps in SELECTION.items() for journey, step in steps}
    missing = [str(path.relative_to(ROOT)) for path in wanted.values() if not path.is_file()]
    if missing:
        print("missing screenshots (run the browser tests first, e.g. `make test`):\n  "
              + "\n  ".join(missing), file=sys.stderr)
        return 1
    for role in SELECTION:  # a step dropped from the selection leaves no stale picture
        for old in (TARGET / role).glob("*.png"):
            old.unlink()
    total = 0
    for (role, journey, step), path in wanted.items():
        out = TARGET / role / f"{journey}-{step}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(path) as image:
            one_screen(image, focus_top(path)).save(out, optimize=True)
        total += out.stat().st_size
    print(f"{len(wanted)} screenshots in {TARGET.relative_to(ROOT)}/, "
          f"{total / 1_000_000:.1f} MB together")
    return 0


if __name__ == "__main__":
    sys.exit(main())
