from bot.storage import database
from bot.storage.handoffs import (
    add_message,
    claim,
    create_handoff,
    list_handoffs,
    open_handoff,
    queue_position,
    release,
    take_agent_replies,
)


def test_handoff_lifecycle_is_masked(database_url: str) -> None:
    engine = database.make_engine(database_url)
    database.migrate(engine)
    handoff = create_handoff(engine, "c1", "mn", "request_human", {"arn_token": "arn_x", "applicant_name": "Bat"},
                             [{"sender": "user", "text": "my ARN 950101-5123456"}])
    assert handoff.status == "waiting" and "arn_token" not in handoff.slots
    assert handoff.transcript == [{"sender": "user", "text": "my ARN 950101-5******"}]
    assert create_handoff(engine, "c1", "mn", None, {}, []).id == handoff.id  # one open per conversation
    assert claim(engine, handoff.id, "agent-kim") and not claim(engine, handoff.id, "agent-lee")
    add_message(engine, handoff.id, "agent", "Сайн байна уу, би туслах болно")
    assert take_agent_replies(engine, handoff.id) == ["Сайн байна уу, би туслах болно"]
    assert take_agent_replies(engine, handoff.id) == []
    assert release(engine, handoff.id) and open_handoff(engine, "c1") is None
    assert [h.status for h in list_handoffs(engine)] == ["released"]
    engine.dispose()


def test_queue_position_counts_only_those_still_waiting_ahead(database_url: str) -> None:
    engine = database.make_engine(database_url)
    database.migrate(engine)
    first, second, third = (create_handoff(engine, f"q{i}", "vi", None, {}, []) for i in range(3))
    assert [queue_position(engine, h) for h in (first, second, third)] == [1, 2, 3]
    claim(engine, first.id, "agent-kim")
    assert queue_position(engine, third) == 2
    engine.dispose()
