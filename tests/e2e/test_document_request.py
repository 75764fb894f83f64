"""A document request from start to reference number, then its status, over REST."""

from __future__ import annotations

import re
import urllib.request
import uuid

import pytest

from tests.e2e.conftest import post_json

pytestmark = pytest.mark.e2e


def say(bot: str, sender: str, message: str) -> str:
    status, replies = post_json(f"{bot}/webhooks/rest/webhook", {"sender": sender, "message": message})
    assert status == 200, replies
    return "\n".join(r.get("text") or "" for r in replies)


def test_english_document_request_and_status_check(running_bot: str) -> None:
    sender = uuid.uuid4().hex
    assert "Which document" in say(running_bot, sender, "I want to request a document to be issued")
    reply = say(running_bot, sender, '/request_document{"document":"CERT-ENTRYEXIT"}')
    assert "gov.kr" in reply  # printable at home: the free path first
    assert "full name" in say(running_bot, sender, "/affirm")
    assert "registration number" in say(running_bot, sender, "John Smith")
    assert "doesn't look like" in say(running_bot, sender, "12345")  # garbage is re-asked
    assert "reach you" in say(running_bot, sender, "my number is 950101-5123456")
    assert "receive it" in say(running_bot, sender, "010-1234-5678")
    assert "Privacy notice" in say(running_bot, sender, "post")
    done = say(running_bot, sender, "/affirm")
    reference = re.search(r"IEUM-[0-9A-Z]{4}-[0-9A-Z]{4}", done).group()
    assert "950101-5******" in done

    # The conversation store never saw the number in clear.
    with urllib.request.urlopen(f"{running_bot}/conversations/{sender}/tracker") as response:
        tracker = response.read().decode()
    assert "5123456" not in tracker and "9501015123456" not in tracker

    other = uuid.uuid4().hex
    assert "reference number" in say(running_bot, other, "what is the status of my request?")
    assert "last 4 digits" in say(running_bot, other, reference)
    assert "received" in say(running_bot, other, "3456")


def test_status_check_rejects_wrong_digits(running_bot: str) -> None:
    sender = uuid.uuid4().hex
    say(running_bot, sender, "check my request IEUM-7K3M-9QX2")
    assert "couldn't find" in say(running_bot, sender, "0000")
