"""The two widgets in Chromium on a second origin, answered by the real bot:
rasa-webchat 1.0.1 (pinned, from npm) over socket.io, and Ieum's own widget.
A Vietnamese and a Korean question get their answers with buttons; a reload
keeps the conversation. Screenshots go to tests/artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.channels.edge.conftest import RealBot, screenshot, serve
from tests.channels.edge.other_site import WEBCHAT_BUNDLE, site

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

VIETNAMESE = "xin chào, tôi muốn gia hạn visa"
KOREAN = "외국인등록증을 잃어버렸어요"


@pytest.fixture(scope="module")
def partner(real_edge: str, real_bot: RealBot, other_site_port: int) -> Iterator[str]:
    """The partner website, on the origin real_edge allows (IEUM_ALLOWED_ORIGINS)."""
    with serve(site(real_edge), port=other_site_port) as url:
        yield url


def new_page(browser: Any, url: str) -> tuple[Any, list[str]]:
    page = browser.new_context(viewport={"width": 900, "height": 900}).new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    return page, dialogs


# --- rasa-webchat -------------------------------------------------------------

def webchat_say(page: Any, text: str, answers_before: int) -> None:
    page.fill(".rw-new-message", text)
    page.press(".rw-new-message", "Enter")
    # rasa-webchat shows a typing bubble first, then a turn's messages one by one.
    page.wait_for_function("n => [...document.querySelectorAll('.rw-response')]"
                           ".filter(e => e.innerText.trim()).length > n", arg=answers_before, timeout=60_000)
    page.wait_for_timeout(2500)


def answered(page: Any) -> int:
    return len([t for t in page.locator(".rw-response").all_inner_texts() if t.strip()])


def test_rasa_webchat_on_another_origin(browser: Any, partner: str, real_edge: str) -> None:
    if not WEBCHAT_BUNDLE.exists():
        from tests.conftest import _skipped_services

        _skipped_services.add("rasa-webchat (npm ci in tests/channels/edge/webchat; `make install` does it)")
        pytest.skip("rasa-webchat is not installed: run `make install` (npm ci)")
    page, dialogs = new_page(browser, f"{partner}/rasa-webchat.html")
    page.wait_for_selector(".rw-new-message", timeout=30_000)

    webchat_say(page, VIETNAMESE, 0)
    vietnamese = [t for t in page.locator(".rw-response").all_inner_texts() if t.strip()]
    assert any("gia hạn" in t.lower() for t in vietnamese), vietnamese
    buttons_vi = page.locator(".rw-replies .rw-reply").all_inner_texts()
    assert buttons_vi, "the answer's buttons were not rendered"
    screenshot(page, "rasa-webchat-vietnamese")

    before = answered(page)
    webchat_say(page, KOREAN, before)
    korean = [t for t in page.locator(".rw-response").all_inner_texts() if t.strip()][before:]
    assert any(any("\uac00" <= ch <= "\ud7a3" for ch in t) for t in korean), korean  # answered in Korean
    assert page.locator(".rw-replies .rw-reply").count() >= 1
    screenshot(page, "rasa-webchat-korean")

    # Reload: the widget presents its stored session id; the edge confirms the same one, the history stays
    # and the next question continues the same conversation on the bot's side.
    shown = page.locator(".rw-message").count()
    session = page.evaluate("() => JSON.parse(sessionStorage.getItem('chat_session')).session_id")
    page.reload()
    page.wait_for_selector(".rw-new-message", timeout=30_000)
    page.wait_for_timeout(1500)
    assert page.locator(".rw-message").count() == shown
    assert page.evaluate("() => JSON.parse(sessionStorage.getItem('chat_session')).session_id") == session
    before = answered(page)
    webchat_say(page, "cảm ơn", before)
    assert answered(page) > before  # "cảm ơn" gets an answer (it never did on Rasa's channel)
    screenshot(page, "rasa-webchat-after-reload")
    assert dialogs == []


# --- Ieum's own widget ----------------------------------------------------------

def widget_say(page: Any, text: str, answers_before: int) -> None:
    page.fill("#ieum-chat .ieum-input", text)
    page.press("#ieum-chat .ieum-input", "Enter")
    page.locator("#ieum-chat li.ieum-bot").nth(answers_before).wait_for(timeout=60_000)
    page.wait_for_timeout(300)


def test_ieum_widget_on_another_origin(browser: Any, partner: str) -> None:
    page, dialogs = new_page(browser, f"{partner}/ieum.html")
    page.wait_for_selector("#ieum-chat .ieum-input")
    widget_say(page, VIETNAMESE, 0)
    card = page.locator("#ieum-chat li.ieum-card").first
    assert card.get_attribute("data-service-id") == "IMM-EXT"
    hrefs = [a.get_attribute("href") or "" for a in card.locator("a").all()]
    assert any((urlsplit(h).hostname or "").endswith((".go.kr", "gov.kr")) for h in hrefs)  # the official page, as a link
    assert any("/webhooks/webchat/card/IMM-EXT" in h for h in hrefs)
    assert card.locator("button.ieum-choice").count() >= 1
    before = page.locator("#ieum-chat li.ieum-bot").count()
    widget_say(page, KOREAN, before)
    korean = page.locator("#ieum-chat li.ieum-bot").all_inner_texts()[before:]
    assert any(any("\uac00" <= ch <= "\ud7a3" for ch in t) for t in korean)
    assert page.locator("#ieum-chat li.ieum-bot").nth(before).locator("button, a").count() >= 1
    screenshot(page, "ieum-widget-real-bot-vi-ko")

    shown = page.locator("#ieum-chat li.ieum-msg").count()
    page.reload()
    page.wait_for_selector("#ieum-chat li.ieum-bot")
    assert page.locator("#ieum-chat li.ieum-msg").count() == shown
    # A follow-up typed after the reload is answered about the service under discussion: same conversation.
    before = page.locator("#ieum-chat li.ieum-bot").count()
    widget_say(page, "bao nhiêu tiền?", before)
    screenshot(page, "ieum-widget-real-bot-after-reload")
    assert dialogs == []
