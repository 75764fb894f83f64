"""Rasa's socket.io protocol, served by the edge (python-socketio 5).

Event names and message shapes are Rasa's (``session_request`` ->
``session_confirm``, ``user_uttered`` -> ``bot_uttered``), so rasa-webchat
and other clients written for Rasa work unchanged. What differs from
Rasa 3.6's channel:
- replies arrive: the socket joins its conversation's room with an awaited
  ``enter_room`` (Rasa forgets the ``await``, RasaHQ/rasa#13027), and a
  reply's custom part is emitted as data (Rasa's ``emit(**custom)`` raises);
- the session id is issued by the edge and signed: a client that presents
  an id the edge did not sign, for example another user's conversation id,
  is given a new conversation, and one socket can never switch to another
  conversation mid-way;
- messages pass the same gate as every other channel (limits, masking,
  payload allow-list).
"""

from __future__ import annotations

import logging
from typing import Any

import socketio

from channels.edge.bot_port import BotPort
from channels.edge.errors import Refused
from channels.edge.limits import RateLimiter
from channels.edge.origins import OriginPolicy
from channels.edge.rasa_shapes import socketio_messages
from channels.edge.sessions import SessionTokens, sender_for
from channels.edge.settings import RateLimit

log = logging.getLogger("ieum.edge.socketio")

USER_EVENT = "user_uttered"
BOT_EVENT = "bot_uttered"
# The key Rasa's SocketIOInput reads message metadata from.
METADATA_KEY = "metadata"


def _room(conversation: str) -> str:
    return f"conversation:{conversation}"


class SocketIOChannel:
    def __init__(self, bot: BotPort, tokens: SessionTokens, origins: OriginPolicy, limiter: RateLimiter,
                 client_limit: RateLimit, max_body_bytes: int) -> None:
        self.bot = bot
        self.tokens = tokens
        self.limiter = limiter
        self.client_limit = client_limit
        self.server = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins=origins.socketio_check,
                                           cors_credentials=False, max_http_buffer_size=max_body_bytes,
                                           logger=False, engineio_logger=False)
        self.server.on("connect", self.connect)
        self.server.on("session_request", self.session_request)
        self.server.on(USER_EVENT, self.user_uttered)

    def asgi(self, other: Any) -> socketio.ASGIApp:
        return socketio.ASGIApp(self.server, other_asgi_app=other, socketio_path="socket.io")

    async def connect(self, sid: str, environ: dict[str, Any], auth: object = None) -> None:
        client = (environ.get("asgi.scope", {}).get("client") or ("unknown", 0))[0]
        if await self.limiter.hit(f"client:{client}", self.client_limit) is not None:
            raise socketio.exceptions.ConnectionRefusedError("Too many connections; please wait a moment.")
        await self.server.save_session(sid, {"client": client, "conversation": None})

    async def _bind(self, sid: str, presented: object) -> str:
        """The socket's conversation: bound once (the presented one if we signed it), then fixed."""
        session = await self.server.get_session(sid)
        if session.get("conversation") is None:
            token, conversation = self.tokens.resume_or_issue(presented)
            session["conversation"] = conversation
            await self.server.save_session(sid, session)
            await self.server.enter_room(sid, _room(conversation))
            # Rasa sends the bare session id; rasa-webchat accepts that or {"session_id": ...}.
            await self.server.emit("session_confirm", token, to=sid)
        return str(session["conversation"])

    async def session_request(self, sid: str, data: object) -> None:
        presented = data.get("session_id") if isinstance(data, dict) else None
        await self._bind(sid, presented)

    async def _say(self, sid: str, text: str) -> None:
        await self.server.emit(BOT_EVENT, {"text": text}, to=sid)

    async def user_uttered(self, sid: str, data: object) -> None:
        if isinstance(data, dict) and data.get("message") is None:
            # rasa-webchat sends its initPayload (null unless configured) when it opens: nothing to answer.
            return
        if not isinstance(data, dict) or not isinstance(data.get("message"), str):
            await self._say(sid, "Please send your message as text.")
            return
        conversation = await self._bind(sid, data.get("session_id"))
        session = await self.server.get_session(sid)
        raw_metadata = data.get(METADATA_KEY)
        metadata: dict[str, Any] = raw_metadata if isinstance(raw_metadata, dict) else {}
        try:
            if await self.limiter.hit(f"client:{session.get('client')}", self.client_limit) is not None:
                raise Refused("Too many messages from your network; please wait a moment.", status=429)
            replies = await self.bot.send(sender_for(conversation), data["message"], metadata)
        except Refused as refusal:
            await self._say(sid, refusal.message)
            return
        for message in socketio_messages(replies):
            await self.server.emit(BOT_EVENT, message, room=_room(conversation))
