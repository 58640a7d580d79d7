"""Browser fixtures: Debian's chromium driven by playwright, and axe-core for accessibility."""

import shutil
from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

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
