"""The action server must start: every Action subclass it finds needs a name."""

from rasa_sdk.executor import ActionExecutor


def test_the_action_server_registers_every_action() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    names = set(executor.actions)
    assert {"validate_document_form", "validate_status_form", "action_answer_service", "action_ask_status_reference",
            "action_answer_follow_up", "action_emergency"} <= names
