from __future__ import annotations

import json

from channels.inbound import MAX_MESSAGE_CHARS
from channels.webchat import parse_request


class FakeRequest:
    def __init__(self, body: object) -> None:
        self._body = body

    @property
    def json(self) -> object:
        if isinstance(self._body, bytes):
            return json.loads(self._body)  # raises like Sanic on bad JSON
        return self._body


SENDER = "a" * 32


def test_valid_message_with_browser_language() -> None:
    problem, sender, text, metadata = parse_request(
        FakeRequest({"sender": SENDER, "message": "xin chào", "metadata": {"browser_language": "vi-VN", "x": 1}}))
    assert problem is None and (sender, text, metadata) == (SENDER, "xin chào", {"browser_language": "vi-VN"})


def test_bad_inputs_get_clear_messages() -> None:
    cases = [
        (b"{not json", "JSON object"),
        ([1, 2], "JSON object"),
        ({"sender": "short", "message": "hi"}, "'sender'"),
        ({"sender": "../../etc/passwd-aaaaaaaaaa", "message": "hi"}, "'sender'"),
        ({"sender": SENDER, "message": "   "}, "'message'"),
        ({"sender": SENDER, "message": 42}, "'message'"),
        ({"sender": SENDER, "message": "x" * (MAX_MESSAGE_CHARS + 1)}, "limited"),
    ]
    for body, expected in cases:
        problem, *_ = parse_request(FakeRequest(body))
        assert problem and expected in problem, (body, problem)
