"""A python-socketio client that speaks Rasa's protocol and waits for replies (not a test module)."""

from __future__ import annotations

import asyncio
from typing import Any

import socketio


class RasaSocketClient:
    def __init__(self, url: str, origin: str | None = None) -> None:
        self.url = url
        self.origin = origin
        self.client = socketio.AsyncClient(reconnection=False)
        self.session_id: str | None = None
        self.confirmed = asyncio.Event()
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.client.on("session_confirm", self._confirm)
        self.client.on("bot_uttered", self._uttered)

    async def _confirm(self, data: Any) -> None:
        self.session_id = data["session_id"] if isinstance(data, dict) else data
        self.confirmed.set()

    async def _uttered(self, data: dict[str, Any]) -> None:
        await self.inbox.put(data)

    async def connect(self, session_id: str | None = None, transports: list[str] | None = None) -> str:
        headers = {"Origin": self.origin} if self.origin else {}
        await self.client.connect(self.url, headers=headers, transports=transports or ["websocket"],
                                  socketio_path="socket.io", wait_timeout=10)
        await self.client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(self.confirmed.wait(), 10)
        assert self.session_id
        return self.session_id

    async def say(self, text: str, session_id: str | None = None, metadata: dict[str, Any] | None = None) -> None:
        data: dict[str, Any] = {"message": text, "session_id": session_id or self.session_id}
        if metadata is not None:
            data["metadata"] = metadata
        await self.client.emit("user_uttered", data)

    async def replies(self, count: int = 1, timeout: float = 30, settle: float = 0.5) -> list[dict[str, Any]]:
        """At least ``count`` bot_uttered messages, plus any that follow within ``settle`` seconds."""
        got = [await asyncio.wait_for(self.inbox.get(), timeout) for _ in range(count)]
        while True:
            try:
                got.append(await asyncio.wait_for(self.inbox.get(), settle))
            except TimeoutError:
                return got

    async def close(self) -> None:
        # With long-polling, a clean disconnect waits for the pending poll (up to the ping interval).
        try:
            await asyncio.wait_for(self.client.disconnect(), 3)
        except TimeoutError:
            pass
