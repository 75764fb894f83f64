"""Follow-ups stay on the service under discussion, in six languages, over REST.

Each conversation opens with a service question and then asks every kind of
follow-up; each reply must be that kind of answer (its first line), in the
conversation's language, carrying the same service id.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml

from bot.replies.service_replies import (
    documents_reply,
    eligibility_reply,
    fee_reply,
    location_reply,
    online_reply,
    processing_time_reply,
)
from catalogue.loader import read_catalogue
from tests.e2e.conftest import post_json

pytestmark = pytest.mark.e2e
CONVERSATIONS = yaml.safe_load((Path(__file__).parent / "follow_ups.yml").read_text(encoding="utf-8"))["conversations"]
RECORDS = read_catalogue()
SERVICES = {s.id: s for s in RECORDS.services}


def expected_first_line(kind: str, service_id: str, lang: str, visa_status: str | None) -> str:
    service = SERVICES[service_id]
    reply = {
        "ask_documents": lambda: documents_reply(service, lang, None),
        "ask_fee": lambda: fee_reply(service, lang),
        "ask_processing_time": lambda: processing_time_reply(service, lang, None),
        "ask_online": lambda: online_reply(service, lang),
        "ask_eligibility": lambda: eligibility_reply(service, lang, visa_status, RECORDS.rules),
        "ask_location": lambda: location_reply(service, lang, [], None, None),
    }[kind]()
    return reply.text.splitlines()[0]


@pytest.mark.parametrize("lang", sorted(CONVERSATIONS))
def test_every_follow_up_is_answered_about_the_same_service(running_bot: str, lang: str) -> None:
    conversation = CONVERSATIONS[lang]
    sender, url = uuid.uuid4().hex, f"{running_bot}/webhooks/rest/webhook"
    service_id = conversation["service"]
    status, messages = post_json(url, {"sender": sender, "message": conversation["opening"]})
    assert status == 200
    ids = [m.get("custom", {}).get("service_id") for m in messages]
    assert service_id in ids, f"opening answered {ids}: {messages}"
    failures = []
    for kind, message in conversation["turns"].items():
        status, messages = post_json(url, {"sender": sender, "message": message})
        assert status == 200
        # Rasa's REST channel sends a reply's text (with buttons) and its custom part as two messages.
        text = next((m["text"] for m in messages if m.get("text")), "")
        got_id = next((m["custom"]["service_id"] for m in messages if (m.get("custom") or {}).get("service_id")), None)
        status_entity = next((code for code in ("E-9", "H-2", "D-2") if code.lower().replace("-", "")
                              in message.lower().replace("-", "")), None)
        first = text.splitlines()[0] if text else ""
        expected = expected_first_line(kind, service_id, lang, status_entity)
        if got_id != service_id or first != expected:
            failures.append(f"{kind} {message!r}: got {got_id} {first!r}, expected {service_id} {expected!r}")
    assert failures == []
