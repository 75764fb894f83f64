"""Telegram: a Bot API webhook that answers with sendMessage.

Telegram does not sign updates; ``setWebhook`` is called with a
``secret_token`` and Telegram sends it back in
``X-Telegram-Bot-Api-Secret-Token`` on every update. It is compared in
constant time before the body is read: missing 401, wrong 403.

A valid update is answered 200 at once and handled in the background
(Telegram waits for the acknowledgement before sending that chat's next
update, and repeats updates that fail). ``message.text`` goes to the bot as
"telegram:<from.id>"; a ``callback_query`` is acknowledged with
answerCallbackQuery (which stops the button's spinner) and its data goes to
the bot as the user's message. Answers are plain text (no parse_mode, so
nothing in a reply is ever interpreted as markup) with an inline keyboard:
``url`` buttons for links, callback buttons for choices and follow-ups.

callback_data holds at most 64 bytes, and a payload such as
'/ask_processing_time{"service_id":"IMM-REISSUE"}' can be longer. See
``CallbackCodec``: a compact, reversible form for our own "/intent{...}"
payloads, the payload itself when short, and a short key into a
server-side table only for what fits neither.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.core.replies import Reply
from channels.edge.bot_port import BotPort
from channels.edge.messaging.common import (
    SORRY_TEXT,
    Background,
    Mode,
    Outbound,
    chunks,
    clip,
    dig,
    not_configured,
    parse_payload,
    problem,
    read_json_object,
    resolve_mode,
    split_links,
    user_text,
)

log = logging.getLogger("ieum.edge.messaging.telegram")

MAX_CALLBACK_DATA = 64      # bytes, not characters
MAX_TEXT = 4096
MAX_BUTTON_TEXT = 64
DEFAULT_PATH = "/webhooks/telegram/webhook"
DEFAULT_API = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")   # what setWebhook accepts
EXPIRED_BUTTON = "This button has expired. Please ask again. / 버튼이 만료되었어요. 다시 질문해 주세요."


class CallbackCodec:
    """Button payloads <-> callback_data of at most 64 bytes.

    - "c:<intent>:<k>=<v>,..." for our own '/intent{"key":"value"}' payloads,
      with the entity names shortened (service_id -> s); decoding rebuilds
      the exact payload, so nothing is stored. '/ask_processing_time{"service_id":
      "IMM-REISSUE"}' (49 bytes) becomes 'c:ask_processing_time:s=IMM-REISSUE' (35).
    - "t:<payload>" for any other payload that fits as it is ("home", "/affirm").
    - "m:<16 characters>" otherwise: a hash of the payload, looked up in a
      bounded in-process table. Such a button stops working after a restart
      (or on another replica); the user is told to ask again.
    """

    SHORT = {"service_id": "s", "document": "d", "visa_status": "v", "language_choice": "l"}
    LONG = {v: k for k, v in SHORT.items()}
    _VALUE = re.compile(r"^[A-Za-z0-9_.\-]+$")

    def __init__(self, capacity: int = 50_000) -> None:
        self.capacity = capacity
        self._table: OrderedDict[str, str] = OrderedDict()

    def encode(self, payload: str) -> str:
        for data in (self._compact(payload), f"t:{payload}"):
            if data and len(data.encode()) <= MAX_CALLBACK_DATA:
                return data
        key = base64.urlsafe_b64encode(hashlib.sha256(payload.encode()).digest())[:16].decode()
        self._table[key] = payload
        self._table.move_to_end(key)
        while len(self._table) > self.capacity:
            self._table.popitem(last=False)
        return f"m:{key}"

    def decode(self, data: str) -> str | None:
        """The payload a button carried, or None for data we never made (or a forgotten table entry)."""
        kind, _, rest = data.partition(":")
        if kind == "t" and rest:
            return rest
        if kind == "m":
            return self._table.get(rest)
        if kind == "c":
            return self._expand(rest)
        return None

    def _compact(self, payload: str) -> str | None:
        parsed = parse_payload(payload)
        if parsed is None:
            return None
        intent, entities = parsed
        if not all(self._VALUE.match(v) and re.match(r"^\w+$", k) for k, v in entities.items()):
            return None
        if self._rebuild(intent, entities) != payload:
            return None   # spaced or reordered JSON would not come back byte for byte
        pairs = ",".join(f"{self.SHORT.get(k, k)}={v}" for k, v in entities.items())
        return f"c:{intent}:{pairs}" if pairs else f"c:{intent}"

    def _expand(self, rest: str) -> str | None:
        intent, _, pairs = rest.partition(":")
        if not re.match(r"^\w+$", intent):
            return None
        entities: dict[str, str] = {}
        for pair in filter(None, pairs.split(",")):
            key, sep, value = pair.partition("=")
            if not sep or not re.match(r"^\w+$", key) or not self._VALUE.match(value):
                return None
            entities[self.LONG.get(key, key)] = value
        return self._rebuild(intent, entities)

    @staticmethod
    def _rebuild(intent: str, entities: dict[str, str]) -> str:
        return f"/{intent}" + (json.dumps(entities, separators=(",", ":"), ensure_ascii=False) if entities else "")


# -- rendering ------------------------------------------------------------------------


def render(replies: list[Reply], chat_id: int, codec: CallbackCodec) -> list[dict[str, Any]]:
    """The sendMessage requests for one turn: one message per reply (long texts split), in order."""
    requests: list[dict[str, Any]] = []
    for reply in replies:
        links, extra_lines = split_links(reply.links)
        pieces = chunks("\n".join([reply.text, *extra_lines]), MAX_TEXT) or ["…"]
        rows = [[{"text": clip(link["title"], MAX_BUTTON_TEXT), "url": link["url"]}] for link in links]
        rows += [[{"text": clip(b["title"], MAX_BUTTON_TEXT), "callback_data": codec.encode(b["payload"])}]
                 for b in reply.buttons]
        for index, piece in enumerate(pieces):
            request: dict[str, Any] = {"chat_id": chat_id, "text": piece}
            if rows and index == len(pieces) - 1:
                request["reply_markup"] = {"inline_keyboard": rows}
            requests.append(request)
    return requests


# -- the webhook ----------------------------------------------------------------------


@dataclass
class Incoming:
    chat_id: int
    user_id: int
    text: str | None            # None: a button whose data we cannot read (told to ask again)
    language: str | None
    callback_id: str | None = None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_update(update: dict[str, Any], codec: CallbackCodec) -> Incoming | str | None:
    """What to do with an update: an Incoming, an error message (malformed), or None (nothing to answer)."""
    if _int(update.get("update_id")) is None:
        return "An update needs an integer 'update_id'."
    if isinstance(update.get("message"), dict):
        message = update["message"]
        text = message.get("text")
        if text is None:
            return None   # stickers, photos, joins: nothing the bot can read
        chat_id, user_id = _int(dig(message, "chat", "id")), _int(dig(message, "from", "id"))
        if chat_id is None or user_id is None or user_text(text) is None:
            return "'message' needs 'chat.id', 'from.id' and a 'text' of 1-5000 characters."
        return Incoming(chat_id, user_id, text, _language(dig(message, "from", "language_code")))
    if isinstance(update.get("callback_query"), dict):
        query = update["callback_query"]
        query_id, user_id, data = query.get("id"), _int(dig(query, "from", "id")), query.get("data")
        if not isinstance(query_id, str) or not query_id or user_id is None:
            return "'callback_query' needs an 'id' and 'from.id'."
        # Inline-mode messages have no chat; the user's private chat is their id.
        chat_id = _int(dig(query, "message", "chat", "id")) or user_id
        payload = codec.decode(data) if isinstance(data, str) else None
        return Incoming(chat_id, user_id, payload, _language(dig(query, "from", "language_code")), query_id)
    return None


def _language(code: object) -> str | None:
    return code if isinstance(code, str) and re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$", code) else None


class TelegramChannel(Outbound):
    def __init__(self, bot: BotPort, config: dict[str, Any], *, client: httpx.AsyncClient | None = None) -> None:
        super().__init__(client)
        self.bot = bot
        self.mode = resolve_mode("telegram", config, ["secret_token", "access_token"])
        secret = (config.get("secret_token") or "").strip()
        if secret and not _SECRET_SHAPE.match(secret):
            raise ValueError("telegram: 'secret_token' must be 1-256 of A-Z, a-z, 0-9, '_' and '-' (setWebhook's rule)")
        self.secret = secret.encode()
        self.token = (config.get("access_token") or "").strip()
        self.path = config.get("path") or DEFAULT_PATH
        self.api = (config.get("api_base") or DEFAULT_API).rstrip("/")
        self.codec = CallbackCodec()
        self.background = Background("telegram")

    def routes(self) -> list[BaseRoute]:
        return [Route(self.path, self.webhook, methods=["POST"], name="telegram_webhook")]

    async def webhook(self, request: Request) -> Response:
        if self.mode is Mode.DISABLED:
            return not_configured("Telegram")
        if self.mode is Mode.VERIFIED:
            given = request.headers.get(SECRET_HEADER)
            if not given:
                return problem(401, f"The {SECRET_HEADER} header is missing.")
            if not hmac.compare_digest(given.encode(), self.secret):
                return problem(403, f"The {SECRET_HEADER} header does not match.")
        update = await read_json_object(request, "a Telegram Update")
        if isinstance(update, JSONResponse):
            return update
        incoming = parse_update(update, self.codec)
        if isinstance(incoming, str):
            return problem(400, incoming)
        if incoming is not None:
            self.background.spawn(self._handle(incoming))
        return JSONResponse({})

    async def _handle(self, incoming: Incoming) -> None:
        if incoming.callback_id is not None:
            answer: dict[str, Any] = {"callback_query_id": incoming.callback_id}
            if incoming.text is None:
                answer["text"] = EXPIRED_BUTTON
            await self._call("answerCallbackQuery", answer)
        if incoming.text is None:
            return
        metadata: dict[str, Any] = {"channel": "telegram"}
        if incoming.language:
            metadata["language_hint"] = incoming.language
        try:
            replies = await self.bot.send(f"telegram:{incoming.user_id}", incoming.text, metadata)
        except Exception:  # noqa: BLE001 - the user is told; the failure is logged
            log.exception("telegram: the bot failed")
            replies = [Reply(SORRY_TEXT)]
        for request in render(replies, incoming.chat_id, self.codec):
            status = await self._call("sendMessage", request)
            if status == 400 and "reply_markup" in request:
                # Telegram refuses the whole message over one button it dislikes; the text still matters.
                await self._call("sendMessage", {k: v for k, v in request.items() if k != "reply_markup"})

    async def _call(self, method: str, body: dict[str, Any]) -> int | None:
        try:
            response = await self._http().post(f"{self.api}/bot{self.token}/{method}", json=body)
        except httpx.HTTPError as error:
            # The URL holds the bot token: log the method, never the URL.
            log.error("telegram: %s failed: %s", method, type(error).__name__)
            return None
        if response.status_code >= 400:
            log.error("telegram: %s refused (%d): %s", method, response.status_code, response.text[:200])
        return response.status_code


def routes(bot: BotPort, config: dict[str, Any], *, client: httpx.AsyncClient | None = None) -> list[BaseRoute]:
    return TelegramChannel(bot, config, client=client).routes()
