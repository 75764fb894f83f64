from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.core.settings import reload as reload_settings
from channels.socketio import protect


async def test_socketio_messages_are_redacted_before_rasa(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IEUM_DATABASE_URL", f"sqlite:///{tmp_path / 's.db'}")
    monkeypatch.setenv("IEUM_ARN_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
    reload_settings()
    seen: list[UserMessage] = []

    async def rasa(message: UserMessage) -> None:
        seen.append(message)

    await protect(rasa)(UserMessage("내 번호 950101-5123456", CollectingOutputChannel(), "sid-1"))
    await protect(rasa)(UserMessage("/restart", CollectingOutputChannel(), "sid-1"))
    assert seen[0].text == "내 번호 950101-5******" and seen[0].metadata["arn_token"].startswith("arn_")
    assert seen[1].text == "restart"
