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


def test_chat_page_answers_in_vietnamese_and_renders_payloads_inert(running_bot: str, browser) -> None:
    page = browser.new_page(locale="vi-VN")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{running_bot}/webhooks/webchat/")
    page.fill("#input", "xin chào, tôi muốn gia hạn visa")
    page.press("#input", "Enter")
    page.wait_for_selector("li.bot", timeout=30_000)
    page.wait_for_function("document.querySelectorAll('li.bot').length >= 1")
    page.wait_for_selector("li.bot .links a", timeout=30_000)
    hrefs = [a.get_attribute("href") for a in page.query_selector_all("li.bot .links a")]
    assert any("hikorea.go.kr" in h for h in hrefs) and any("/webhooks/webchat/card/IMM-EXT" in h for h in hrefs)
    assert "http" not in page.inner_text("#log")  # links are buttons, not raw URLs
    buttons = [b.inner_text() for b in page.query_selector_all("li.bot .buttons button")]
    assert "📄 Giấy tờ cần có" in buttons
    page.fill("#input", "<img src=x onerror=alert(1)><script>alert(2)</script>")
    page.press("#input", "Enter")
    page.wait_for_timeout(2000)
    assert page.query_selector("#log img") is None and page.query_selector("#log script") is None
    assert dialogs == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat.png"), full_page=True)


def test_counter_card_prints_korean_next_to_thai(running_bot: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{running_bot}/webhooks/webchat/card/IMM-PTJOB?lang=th")
    columns = page.query_selector_all("section")
    assert len(columns) == 2
    assert columns[0].get_attribute("lang") == "ko" and columns[1].get_attribute("lang") == "th"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "counter-card.png"), full_page=True)
