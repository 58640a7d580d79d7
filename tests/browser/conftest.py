"""Browser fixtures and helpers: Debian's chromium driven by playwright, axe-core for
accessibility, journeys whose steps are checked and photographed, logging in and registering."""

import json
import re
import shutil
import time
from contextlib import contextmanager
from email import message_from_string
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from banenbrug.conf.paths import PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def new_page():
    """A page that fails its test if the Content-Security-Policy blocked anything (an inline
    script, a style or a file from elsewhere): what it blocks does not work."""
    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(locale="nl-NL")
        tab = context.new_page()
        tab.on("console", lambda message: blocked.append(f"{tab.url}: {message.text}")
               if "Content Security Policy" in message.text else None)
        yield tab
        browser.close()
    assert blocked == []


@pytest.fixture(scope="module")
def page():
    with new_page() as opened:
        yield opened


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG violations on the current page."""
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


SCREENSHOTS = PROJECT_ROOT / "var" / "test" / "screenshots"


class Journey:
    """The steps of one person's journey. Each step is checked with axe and saved as a
    screenshot in var/test/screenshots/<name>/ for people to look at; `make docs-screenshots`
    picks the user guide's from there (scripts/docs_screenshots.py)."""

    def __init__(self, name: str) -> None:
        self.folder = SCREENSHOTS / name

    def step(self, page, name: str, focus=None) -> None:
        """`focus`: the element the step is about, where it is not at the top of the page;
        its height on the page goes beside the screenshot (<name>.json), for the guide's cut."""
        assert serious_violations(page) == [], f"{self.folder.name}/{name}"
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)
        where = self.folder / f"{name}.json"
        if focus is None:
            where.unlink(missing_ok=True)
        else:
            top = focus.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
            where.write_text(json.dumps({"top": round(top)}))


def log_in(page, url: str, username: str, password: str) -> None:
    page.goto(url + "/account/inloggen/")
    page.get_by_label("E-mailadres of gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def fill_registration(page, email: str, password: str) -> None:
    """The registration form filled in as a job seeker does (the button is the test's step)."""
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_label("Herhaal het wachtwoord").fill(password)
    page.get_by_label("Ik ga akkoord met de privacyvoorwaarden").check()


def confirmation_link(log: Path, email: str) -> str:
    """The link in the e-mail a real server sent to `email`. The demo prints e-mail on the
    server's console (Django's console backend) as a whole message: quoted-printable, so it is
    parsed, not grepped."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        to = text.rfind(f"To: {email}")
        end = text.find("-" * 79, to)
        if to >= 0 and end >= 0:
            start = text.rfind("Content-Type:", 0, to)
            body = message_from_string(text[start:end]).get_payload(decode=True).decode()
            return re.search(r"https?://\S+/account/bevestigen/\S+", body).group(0)
        time.sleep(0.5)
    raise AssertionError(f"no confirmation e-mail for {email} in {log}")


def start_vacancy(page, url: str, occupation: str) -> None:
    """An employer's new vacancy for an ESCO occupation, its skills filled in from it (the
    first of several occupations of that name, if the form asks)."""
    page.goto(url + "/werk/werkgever/nieuw/")
    page.get_by_label("1. Kies het beroep (ESCO)").fill(occupation)
    page.get_by_role("button", name="Vaardigheden invullen").click()
    choices = page.get_by_role("alert").get_by_role("link")
    if choices.count():
        choices.first.click()


def fill_vacancy(page, title: str, region: str, postcode: str, hours: tuple[int, int],
                 mode: str | None = None, part_time: bool = True) -> None:
    """Part 2 of the vacancy form ("De baan"); `mode` is the hiring mode's label."""
    page.get_by_label("Functietitel").fill(title)
    page.get_by_label("Arbeidsmarktregio").select_option(region)
    page.get_by_label("postcode (4 cijfers)").fill(postcode)
    page.get_by_label("minimaal uren per week").fill(str(hours[0]))
    page.get_by_label("maximaal uren per week").fill(str(hours[1]))
    if part_time:
        page.get_by_label("Deeltijd mogelijk").check()
    if mode:
        page.get_by_label(mode).check()


def fill_profile(page, region: str, postcode: str, hours: tuple[int, int],
                 available: str = "", consent: bool = False) -> None:
    """"Mijn profiel" filled in and saved, as the page confirms."""
    page.get_by_label("Arbeidsmarktregio").select_option(region)
    page.get_by_label("postcode (4 cijfers)").fill(postcode)
    page.get_by_label("minimaal uren per week").fill(str(hours[0]))
    page.get_by_label("maximaal uren per week").fill(str(hours[1]))
    if available:
        page.get_by_label("beschikbaar vanaf").fill(available)
    if consent:
        page.get_by_label("werkgevers mogen mijn profiel zien").check()
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("opgeslagen")


def register_and_confirm(page, step, log: Path, email: str, password: str, first: int) -> None:
    """From the registration form to the confirmed account's first profile page on a real
    server, as steps `first`-registreren, -kijk-in-je-mail and -bevestigen of a journey."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Registreren")
    expect(page.get_by_label("werkzoekende (of iemand die wil overstappen)")).to_be_checked()
    fill_registration(page, email, password)
    step(page, f"{first:02d}-registreren")
    page.get_by_role("button", name="Account aanmaken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")
    expect(page.get_by_role("status")).to_contain_text("We hebben je een e-mail gestuurd")
    step(page, f"{first + 1:02d}-kijk-in-je-mail")

    page.goto(confirmation_link(log, email))
    expect(page.get_by_role("button", name="Account bevestigen")).to_be_visible()
    step(page, f"{first + 2:02d}-bevestigen")
    page.get_by_role("button", name="Account bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")


def user_code(username: str, role: str, password: str) -> str:
    """Python for `banenbrug shell -c`: this user, made or reset, with this role and
    password, as `user`."""
    return (f"from django.contrib.auth.models import Group, User\n"
            f"user, _ = User.objects.get_or_create(username={username!r})\n"
            f"user.set_password({password!r}); user.save()\n"
            f"user.groups.add(Group.objects.get(name={role!r}))\n")
