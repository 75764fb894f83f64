from catalogue import db
from catalogue.handoffs import (
    add_message,
    claim,
    create_handoff,
    list_handoffs,
    open_handoff,
    release,
    take_agent_replies,
)


def test_handoff_lifecycle_is_masked(database_url: str) -> None:
    engine = db.make_engine(database_url)
    db.migrate(engine)
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
