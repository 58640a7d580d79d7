"""The evaluation pages in English, in a real browser, with axe-core. (The Dutch overview, a
report with its charts and its PDF are the analyst's journey, test_analyst.py.)"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey
from tests.conftest import run_cli

step = Journey("evaluation").step


@pytest.fixture(scope="module")
def examples_url(real_env, live_url):
    done = run_cli(real_env, "load_evaluation_examples")
    assert done.returncode == 0, done.stderr
    return live_url + "/evaluatie/"


def test_report_in_english(page, examples_url):
    page.goto(examples_url)
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Which initiatives work?")
    page.get_by_role("link", name="Voorbeeld: ICT-traineeship voor zij-instromers").click()
    expect(page.get_by_text("What the estimate cannot show")).to_be_visible()
    step(page, "01-report-english")
    page.get_by_role("button", name="Nederlands").click()
