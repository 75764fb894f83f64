"""The web chat page and the counter card in a real headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "tests" / ".cache" / "screenshots"


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


# The chat page is served by the public edge now and is tested there, in Chromium, embedded on
# another origin and against this same bot: tests/channels/edge/test_browser_*.py (issue 15).


def test_counter_card_prints_korean_next_to_thai(running_bot: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{running_bot}/webhooks/webchat/card/IMM-PTJOB?lang=th")
    columns = page.query_selector_all("section")
    assert len(columns) == 2
    assert columns[0].get_attribute("lang") == "ko" and columns[1].get_attribute("lang") == "th"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "counter-card.png"), full_page=True)
