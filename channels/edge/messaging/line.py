"""LINE: a Messaging API webhook that answers through the reply API.

Every request is checked first: ``X-Line-Signature`` must be the base64
HMAC-SHA256 of the raw body under the channel secret (compared in
constant time) before a byte of it is parsed. Forged or unsigned: 401;
signed but not a webhook body: 400.

A valid webhook is answered 200 at once and its events are handled in the
background, in order: LINE only needs the acknowledgement, and the bot's
time (up to seconds) must not hold the connection open (LINE counts slow
or failed acknowledgements against the webhook). The reply token stays
valid long enough for the bot's answer; replies go to the reply API with
the channel access token.

Each ``message`` (text) and ``postback`` event goes to the bot as
"line:<userId>". Our buttons are postback actions whose ``data`` is the
"/intent{...}" payload (so a service id comes back machine-readably) and
whose ``displayText`` is the button's title, shown as the user's message.
A service card is a flex bubble: the answer, link buttons (uri) and
follow-ups (postback). Menus and choices are quick replies (at most 13)
on the turn's last message. At most 5 messages per reply.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.core.replies import Reply, ReplyKind
from channels.edge.bot_port import BotPort
from channels.edge.messaging.common import (
    SORRY_TEXT,
    Background,
    Block,
    Mode,
    Outbound,
    chunks,
    clip,
    dig,
    fit_blocks,
    not_configured,
    parse_object,
    problem,
    read_body,
    resolve_mode,
    split_links,
    unique_choices,
    user_text,
)

log = logging.getLogger("ieum.edge.messaging.line")

# Messaging API limits (reference: message objects, actions, quick reply).
MAX_MESSAGES = 5
MAX_QUICK_REPLY = 13
MAX_TEXT = 5000
MAX_LABEL = 20
MAX_POSTBACK_DATA = 300
MAX_DISPLAY_TEXT = 300
MAX_URI = 1000
MAX_ALT_TEXT = 400           # the format allows 1500; the notification preview shows far less
MAX_CARD_TEXT = 2000         # keeps a bubble well under its size limit in any script
LINK_SCHEMES = frozenset({"http", "https", "tel"})

DEFAULT_PATH = "/webhooks/line/webhook"
DEFAULT_API = "https://api.line.me"


# -- rendering ------------------------------------------------------------------------


def _postback(button: dict[str, str]) -> dict[str, Any] | None:
    if len(button["payload"]) > MAX_POSTBACK_DATA:
        log.warning("line: a button payload is longer than postback data allows; button left out")
        return None
    return {"type": "postback", "label": clip(button["title"], MAX_LABEL), "data": button["payload"],
            "displayText": clip(button["title"], MAX_DISPLAY_TEXT)}


def _uri(link: dict[str, str]) -> dict[str, Any] | None:
    if len(link["url"]) > MAX_URI:
        return None
    return {"type": "uri", "label": clip(link["title"], MAX_LABEL), "uri": link["url"]}


def _bubble(text: str, links: list[dict[str, str]], buttons: list[dict[str, str]]) -> list[Block]:
    """A flex bubble: the text, then link buttons and follow-up buttons in the footer."""
    blocks: list[Block] = []
    lines = text.strip().split("\n")
    title, rest = lines[0], "\n".join(lines[1:]).strip()
    if len(text) > MAX_CARD_TEXT:
        # Too long for a card: say it all as text first; the card keeps the title and buttons.
        blocks += [Block(piece) for piece in chunks(text, MAX_TEXT)]
        rest = ""
    body: list[dict[str, Any]] = [{"type": "text", "text": clip(title or "…", MAX_CARD_TEXT), "weight": "bold",
                                   "wrap": True}]
    if rest:
        body.append({"type": "text", "text": rest, "wrap": True, "size": "sm"})
    actions = [a for a in ([_uri(link) for link in links] + [_postback(b) for b in buttons]) if a]
    bubble: dict[str, Any] = {"type": "bubble",
                              "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": body}}
    if actions:
        bubble["footer"] = {"type": "box", "layout": "vertical", "spacing": "sm",
                            "contents": [{"type": "button", "height": "sm",
                                          "style": "link" if a["type"] == "uri" else "secondary", "action": a}
                                         for a in actions]}
    message = {"type": "flex", "altText": clip(text.strip() or "…", MAX_ALT_TEXT), "contents": bubble}
    blocks.append(Block(text.strip(), message, [b for b in buttons if _postback(b)]))
    return blocks


def render(replies: list[Reply]) -> list[dict[str, Any]]:
    """The reply API's ``messages`` for one turn: at most 5, quick replies on the last one."""
    blocks: list[Block] = []
    quick: list[dict[str, str]] = []
    for reply in replies:
        links, extra_lines = split_links(reply.links, LINK_SCHEMES)
        text = "\n".join([reply.text, *extra_lines]).strip()
        if reply.kind is ReplyKind.SERVICE or links:
            blocks += _bubble(text, links, reply.buttons)
        else:
            # Menus and choices: the text stays in the chat, the picks are quick replies.
            blocks += [Block(piece) for piece in chunks(text, MAX_TEXT)]
            quick += reply.buttons
    fitted = fit_blocks(blocks, MAX_MESSAGES, MAX_TEXT)
    quick += [c for b in fitted if b.rich is None for c in b.choices]
    messages = [b.rich if b.rich is not None else {"type": "text", "text": clip(b.text, MAX_TEXT)} for b in fitted]
    items = [{"type": "action", "action": a} for a in (_postback(c) for c in unique_choices(quick, MAX_QUICK_REPLY))
             if a]
    if items:
        if not messages:
            messages.append({"type": "text", "text": "…"})
        # LINE shows quick replies only under the last message received.
        messages[-1] = {**messages[-1], "quickReply": {"items": items}}
    return messages


# -- the webhook ----------------------------------------------------------------------


def signature(secret: bytes, body: bytes) -> str:
    return base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode()


@dataclass
class LineEvent:
    user_id: str
    reply_token: str
    text: str


def parse_event(event: object) -> LineEvent | None:
    """A text message or postback we can answer, or None (other events are acknowledged and left)."""
    if not isinstance(event, dict) or event.get("mode", "active") != "active":
        return None
    user_id, token = dig(event, "source", "userId"), event.get("replyToken")
    if not (isinstance(user_id, str) and user_id and isinstance(token, str) and token):
        return None
    if event.get("type") == "message" and dig(event, "message", "type") == "text":
        text = user_text(dig(event, "message", "text"))
    elif event.get("type") == "postback":
        text = user_text(dig(event, "postback", "data"))
    else:
        return None
    return LineEvent(user_id, token, text) if text else None


class LineChannel(Outbound):
    def __init__(self, bot: BotPort, config: dict[str, Any], *, client: httpx.AsyncClient | None = None) -> None:
        self.bot = bot
        self.mode = resolve_mode("line", config, ["channel_secret", "access_token"])
        self.secret = (config.get("channel_secret") or "").strip().encode()
        self.token = (config.get("access_token") or "").strip()
        self.path = config.get("path") or DEFAULT_PATH
        self.api = (config.get("api_base") or DEFAULT_API).rstrip("/")
        self.background = Background("line")
        super().__init__(client)

    def routes(self) -> list[BaseRoute]:
        return [Route(self.path, self.webhook, methods=["POST"], name="line_webhook")]

    async def webhook(self, request: Request) -> Response:
        if self.mode is Mode.DISABLED:
            return not_configured("LINE")
        body = await read_body(request)
        if body is None:
            return problem(413, "The request body is too large for a LINE webhook.")
        if self.mode is Mode.VERIFIED:
            given = request.headers.get("x-line-signature", "")
            if not given:
                return problem(401, "The X-Line-Signature header is missing.")
            if not hmac.compare_digest(given.encode(), signature(self.secret, body).encode()):
                return problem(401, "The X-Line-Signature does not match this channel's secret.")
        payload = parse_object(body)
        if payload is None or not isinstance(payload.get("events"), list):
            return problem(400, "The body must be a JSON object with an 'events' list.")
        events = [e for e in (parse_event(raw) for raw in payload["events"]) if e]
        if events:
            # Acknowledge now; the bot answers through the reply API (see the module docstring).
            self.background.spawn(self._handle(events))
        return JSONResponse({})

    async def _handle(self, events: list[LineEvent]) -> None:
        for event in events:
            try:
                replies = await self.bot.send(f"line:{event.user_id}", event.text, {"channel": "line"})
            except Exception:  # noqa: BLE001 - the user is told; the failure is logged
                log.exception("line: the bot failed")
                replies = [Reply(SORRY_TEXT)]
            messages = render(replies)
            if messages:
                await self._reply(event.reply_token, messages)

    async def _reply(self, token: str, messages: list[dict[str, Any]]) -> None:
        client = self._http()
        try:
            response = await client.post(f"{self.api}/v2/bot/message/reply",
                                         json={"replyToken": token, "messages": messages},
                                         headers={"Authorization": f"Bearer {self.token}"})
            if response.status_code >= 400:
                log.error("line: the reply API refused the reply (%d): %s", response.status_code,
                          response.text[:200])
        except httpx.HTTPError as error:
            log.error("line: the reply API could not be reached: %s", error)


def routes(bot: BotPort, config: dict[str, Any], *, client: httpx.AsyncClient | None = None) -> list[BaseRoute]:
    return LineChannel(bot, config, client=client).routes()
