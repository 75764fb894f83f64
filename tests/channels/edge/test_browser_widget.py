"""Ieum's own widget in Chromium, embedded with one script tag on another origin.

Protocol-level behaviour against the fake bot (fast, every reply type, hostile
content); the real bot answering Korean and Vietnamese is in
test_browser_real_bot.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from channels.edge.app import create_app
from channels.edge.limits import MemoryRateLimiter
from tests.channels.edge.conftest import FakeBot, edge_settings, free_port, screenshot, serve
from tests.channels.edge.other_site import site

pytestmark = pytest.mark.browser

WIDGET = "#ieum-chat"


@pytest.fixture
def embedded(fake_bot: FakeBot) -> Iterator[tuple[str, str]]:
    """(edge URL, the partner page URL) with the partner's origin allowed."""
    site_port = free_port()
    partner = f"http://127.0.0.1:{site_port}"
    app = create_app(edge_settings(allowed_origins=(partner,)), bot=fake_bot, limiter=MemoryRateLimiter())
    with serve(app) as edge, serve(site(edge), port=site_port):
        yield edge, f"{partner}/ieum.html"


def open_page(browser: Any, url: str, **context: Any) -> tuple[Any, list[str], list[str]]:
    page = browser.new_context(**context).new_page()
    dialogs: list[str] = []
    problems: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # Console errors, except the browser's own favicon probe (its 404 is a console error too).
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "Failed to load" not in m.text
            else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    page.wait_for_selector(f"{WIDGET} .ieum-input")
    return page, dialogs, problems


def ask(page: Any, text: str, expect_bot_messages: int) -> None:
    page.fill(f"{WIDGET} .ieum-input", text)
    page.press(f"{WIDGET} .ieum-input", "Enter")
    # A locator wait, not wait_for_function: the edge's own page forbids eval by its CSP.
    page.locator(f"{WIDGET} li.ieum-bot").nth(expect_bot_messages - 1).wait_for(timeout=30_000)


def test_service_card_with_link_buttons_and_counter_card_on_another_origin(browser: Any, embedded: tuple[str, str],
                                                                         fake_bot: FakeBot) -> None:
    edge, partner_page = embedded
    page, dialogs, problems = open_page(browser, partner_page, locale="vi-VN")
    ask(page, "gia hạn visa", 1)
    card = page.locator(f"{WIDGET} li.ieum-bot.ieum-card").first
    assert card.get_attribute("data-service-id") == "IMM-EXT"
    links = {a.inner_text(): a.get_attribute("href") for a in card.locator("a").all()}
    assert links["HiKorea"] == "https://www.hikorea.go.kr/"
    # The bot's http://localhost:5005 card link is not this edge's: the widget links the edge's own card instead.
    counter = [href for href in links.values() if "/webhooks/webchat/card/IMM-EXT" in href]
    assert counter == [f"{edge}/webhooks/webchat/card/IMM-EXT?lang=vi"]
    assert "http" not in card.locator(".ieum-text").inner_text()  # links are buttons, never raw URLs
    assert [b.inner_text() for b in card.locator("button.ieum-choice").all()] == ["📄 Giấy tờ cần có"]
    card.locator("button.ieum-choice").click()
    page.wait_for_function(f"document.querySelectorAll('{WIDGET} li.ieum-bot').length >= 2")
    assert fake_bot.calls[-1][1] == '/ask_documents{"service_id":"IMM-EXT"}'  # the payload, not the title
    assert dialogs == [] and problems == []
    screenshot(page, "ieum-widget-embedded-service-card")


def test_hostile_text_and_links_stay_inert(browser: Any, embedded: tuple[str, str]) -> None:
    page, dialogs, _ = open_page(browser, embedded[1])
    for payload in ('<img src=x onerror="alert(11)">', "<svg onload=alert(12)>", "<script>alert(13)</script>",
                    '"><iframe src="javascript:alert(14)">'):
        count = page.locator(f"{WIDGET} li.ieum-bot").count()
        ask(page, payload, count + 1)
    ask(page, "xss", page.locator(f"{WIDGET} li.ieum-bot").count() + 1)
    page.wait_for_timeout(500)
    log = page.locator(f"{WIDGET} .ieum-log")
    assert log.locator("img, svg, script, iframe, b").count() == 0
    assert "<script>alert(2)</script>" in log.inner_text()  # shown as text, exactly as sent
    hrefs = [a.get_attribute("href") or "" for a in log.locator("a").all()]
    assert not any(h.startswith(("javascript:", "data:")) for h in hrefs)
    assert dialogs == []
    screenshot(page, "ieum-widget-xss-inert")


def test_reload_keeps_the_conversation(browser: Any, embedded: tuple[str, str], fake_bot: FakeBot) -> None:
    page, _, _ = open_page(browser, embedded[1])
    ask(page, "hello", 1)
    page.reload()
    page.wait_for_selector(f"{WIDGET} li.ieum-bot")
    assert page.locator(f"{WIDGET} li.ieum-user").all_inner_texts() == ["hello"]
    assert page.locator(f"{WIDGET} li.ieum-bot").all_inner_texts() == ["echo: hello"]
    ask(page, "after reload", 2)
    assert fake_bot.calls[0][0] == fake_bot.calls[1][0]  # the same conversation on the bot's side


def test_language_picker_asks_the_bot_to_switch(browser: Any, embedded: tuple[str, str], fake_bot: FakeBot) -> None:
    page, _, _ = open_page(browser, embedded[1])
    page.select_option(f"{WIDGET} select.ieum-language", "vi")
    page.wait_for_function(f"document.querySelectorAll('{WIDGET} li.ieum-bot').length >= 1")
    assert fake_bot.calls[-1][1] == '/choose_language{"language_choice":"vi"}'
    assert page.locator(f"{WIDGET} li.ieum-user").inner_text() == "Tiếng Việt"
    assert page.locator(WIDGET).get_attribute("lang") == "vi"


def test_keyboard_only_use_and_screen_reader_labels(browser: Any, embedded: tuple[str, str],
                                                    fake_bot: FakeBot) -> None:
    page, _, _ = open_page(browser, embedded[1])
    for _ in range(8):  # from the top of the page to the message box by Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ieum-input')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('ieum-input')")
    page.keyboard.type("I want a document")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{WIDGET} li.ieum-bot button.ieum-choice")
    for _ in range(6):  # back into the conversation to the answer button
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('ieum-choice')"):
            break
    assert page.evaluate("document.activeElement.textContent") == "Certificate of entry and exit"
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('{WIDGET} li.ieum-bot').length >= 2")
    assert fake_bot.calls[-1][1] == '/request_document{"document":"CERT-ENTRYEXIT"}'
    # Every control has a name a screen reader can say; the log announces new messages.
    assert page.get_by_role("textbox", name="Message").count() == 1
    assert page.get_by_role("combobox", name="Conversation language").count() == 1
    assert page.get_by_role("button", name="Send message").count() == 1
    log = page.get_by_role("log", name="Conversation")
    assert log.get_attribute("aria-live") == "polite"
    assert page.get_by_role("group", name="Suggested replies").count() >= 1


def test_phone_layout(browser: Any, embedded: tuple[str, str]) -> None:
    page, _, _ = open_page(browser, embedded[1], viewport={"width": 375, "height": 740}, device_scale_factor=2,
                           is_mobile=True, has_touch=True, locale="vi-VN")
    ask(page, "gia hạn visa", 1)
    widths = page.evaluate("""() => ({page: document.documentElement.scrollWidth, view: window.innerWidth,
        widget: document.querySelector('#ieum-chat').getBoundingClientRect().width,
        send: document.querySelector('#ieum-chat .ieum-send').getBoundingClientRect().right,
        tap: Math.min(...[...document.querySelectorAll('#ieum-chat .ieum-choice, #ieum-chat .ieum-link')]
                        .map(e => e.getBoundingClientRect().height))})""")
    assert widths["page"] <= widths["view"] and widths["widget"] <= 375 and widths["send"] <= 375
    assert widths["tap"] >= 44  # touch targets
    screenshot(page, "ieum-widget-phone")


def test_own_page_works_under_its_csp(browser: Any, embedded: tuple[str, str]) -> None:
    edge, _ = embedded
    page, dialogs, problems = open_page(browser, f"{edge}/webhooks/webchat/")
    ask(page, "gia hạn visa", 1)
    assert page.locator("li.ieum-card a").count() >= 2
    assert not [p for p in problems if "Content Security Policy" in p], problems
    screenshot(page, "ieum-own-page")
