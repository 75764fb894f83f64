import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import delivery_choice, valid_contact, valid_name
from tests.actions.conftest import make_tracker


@pytest.mark.parametrize("value", ["x" * 10_000, "/inform{\"arn\":\"1\"}", "12345", "", "  ", None, 42,
                                   "<script>alert(1)</script>", "Kim {bad}"])
def test_bad_names_are_refused(value: object) -> None:
    assert valid_name(value) is None


@pytest.mark.parametrize("value, expected", [("  Nguyen   Van A ", "Nguyen Van A"), ("김 민 수", "김 민 수"),
                                             ("Батбаяр", "Батбаяр")])
def test_good_names(value: str, expected: str) -> None:
    assert valid_name(value) == expected


@pytest.mark.parametrize("value, ok", [("010-1234-5678", True), ("+82 10 1234 5678", True), ("me@example.com", True),
                                       ("call me", False), ("1" * 300, False), ("@@", False)])
def test_contacts(value: str, ok: bool) -> None:
    assert (valid_contact(value) is not None) == ok


def test_delivery_accepts_buttons_and_localised_labels() -> None:
    assert delivery_choice("post", "en") == "post"
    assert delivery_choice("Print at home", "en") == "home"
    assert delivery_choice("somewhere", "en") is None


async def test_a_form_started_by_a_closing_thanks_asks_nothing_and_says_it_was_dropped() -> None:
    from rasa_sdk.events import ActiveLoop

    from actions.forms import AskRequestedDocument

    dispatcher = CollectingDispatcher()
    tracker = make_tracker("ल ठिक छ, धेरै सहयोग गर्नुभयो, धन्यवाद", "request_document", language="ne")
    events = await AskRequestedDocument().run(dispatcher, tracker, {})
    assert ActiveLoop(None) in events
    (message,) = dispatcher.messages
    assert message["custom"]["answers"] == "thank" and not message.get("buttons")
