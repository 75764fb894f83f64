"""KakaoTalk: a skill server for Kakao i Open Builder (skill API v2.0).

Kakao POSTs a SkillPayload for every user message and shows the
SkillResponse we return. The user is ``userRequest.user.id`` (the bot user
key), sent on as "kakao:<id>". A button or quick reply we rendered shows
its title as the user's message and carries our "/intent{...}" payload in
``extra``, which Kakao hands back as ``action.clientExtra.payload``; that
payload, not the visible title, is what the bot receives, so a service id
travels machine-readably and never as text.

Authentication: Kakao signs nothing. The skill is registered with a shared
secret, checked in constant time, either in a header (``auth: header``,
the default; header name ``secret_header``, "X-Ieum-Kakao-Secret") set in
the skill's settings, or as the last path segment (``auth: path``:
``/webhooks/kakao/webhook/<secret>``) where the header cannot be set. A
path secret ends up in access logs, so prefer the header.

Time: Kakao waits 5 seconds for a skill. The bot gets ``deadline_seconds``
(4.5 by default). When it is slower, either
- with ``callback: true`` and a ``userRequest.callbackUrl`` (an approved
  "AI chatbot" block), we answer ``useCallback`` and POST the full answer
  to that URL when it is ready (single use, valid one minute); or
- we answer a short "still preparing, send it again" text, keep working,
  and give the answer when the same user sends the same message again
  (within a minute) without asking the bot twice.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.core.replies import Reply, ReplyKind
from channels.edge.bot_port import BotPort
from channels.edge.messaging.common import (
    SLOW_TEXT,
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
    payload_service_id,
    problem,
    read_json_object,
    resolve_mode,
    split_links,
    truthy,
    unique_choices,
    user_text,
)

log = logging.getLogger("ieum.edge.messaging.kakao")

# Limits of the skill response format v2.0 (Kakao's answer_json_format page and
# the SDKs built on it; titles and labels are the conservative ends).
MAX_OUTPUTS = 3
MAX_QUICK_REPLIES = 10
MAX_SIMPLE_TEXT = 1000
MAX_CARD_BUTTONS = 3
MAX_CARD_TITLE = 50
MAX_CARD_DESCRIPTION = 400   # textCard; a basicCard allows 230 and needs a thumbnail we do not have
MAX_LIST_ITEMS = 5
MAX_LABEL = 14
MAX_MESSAGE_TEXT = 200
# A service card is a textCard: the card of the format without an image.
CARD = "textCard"

DEFAULT_PATH = "/webhooks/kakao/webhook"
DEFAULT_HEADER = "X-Ieum-Kakao-Secret"
DEFAULT_DEADLINE = 4.5
# How long a late answer waits for the user to ask again.
LATE_ANSWER_TTL = 60.0
MAX_PENDING = 10_000


# -- rendering ------------------------------------------------------------------------


def _choice_action(button: dict[str, str]) -> dict[str, Any]:
    """A Kakao "message" action: the title is what the chat shows, the payload travels in extra."""
    return {"action": "message", "messageText": clip(button["title"], MAX_MESSAGE_TEXT),
            "extra": {"payload": button["payload"]}}


def _card_button(button: dict[str, str]) -> dict[str, Any]:
    if "url" in button:
        return {"label": clip(button["title"], MAX_LABEL), "action": "webLink", "webLinkUrl": button["url"]}
    return {"label": clip(button["title"], MAX_LABEL), **_choice_action(button)}


def quick_reply(button: dict[str, str]) -> dict[str, Any]:
    return {"label": clip(button["title"], MAX_LABEL), **_choice_action(button)}


def _card(title: str, description: str, buttons: list[dict[str, str]]) -> list[Block]:
    """A textCard with up to three buttons; a text too long for a card goes before it as simpleText."""
    card: dict[str, Any] = {}
    blocks: list[Block] = []
    if title:
        card["title"] = clip(title, MAX_CARD_TITLE)
    if len(description) <= MAX_CARD_DESCRIPTION and (len(title) <= MAX_CARD_TITLE):
        if description:
            card["description"] = description
    else:
        # Everything the card cannot hold is said in full first; the card keeps the title and buttons.
        blocks += [Block(piece) for piece in chunks("\n".join(p for p in (title, description) if p),
                                                    MAX_SIMPLE_TEXT)]
    if not card:
        card["title"] = clip(buttons[0]["title"], MAX_CARD_TITLE) if buttons else "…"
    if buttons:
        card["buttons"] = [_card_button(b) for b in buttons]
    flat = "\n".join(p for p in (title, description) if p)
    blocks.append(Block(flat, {CARD: card}, [b for b in buttons if "payload" in b]))
    return blocks


def _service_blocks(reply: Reply, links: list[dict[str, str]], extra_lines: list[str]
                    ) -> tuple[list[Block], list[dict[str, str]]]:
    lines = [ln for ln in reply.text.strip().split("\n")] + extra_lines
    title, description = lines[0], "\n".join(lines[1:]).strip()
    # Links first: they open the official page and the counter card. Free slots take follow-ups.
    on_card: list[dict[str, str]] = list(links[:MAX_CARD_BUTTONS])
    follow_ups = list(reply.buttons)
    while len(on_card) < MAX_CARD_BUTTONS and follow_ups:
        on_card.append(follow_ups.pop(0))
    blocks = _card(title, description, on_card)
    for start in range(MAX_CARD_BUTTONS, len(links), MAX_CARD_BUTTONS):
        blocks += _card("", "🔗", links[start:start + MAX_CARD_BUTTONS])
    return blocks, follow_ups


def _menu_blocks(reply: Reply) -> tuple[list[Block], list[dict[str, str]]]:
    """A listCard: the intro as header, one item per service; picking one sends its payload."""
    remaining = list(reply.buttons)
    items: list[dict[str, Any]] = []
    for service in reply.services:
        button = next((b for b in remaining if payload_service_id(b["payload"]) == service["id"]), None)
        if button is None or len(items) == MAX_LIST_ITEMS:
            continue
        remaining.remove(button)
        title = service.get("title") or button["title"]
        items.append({"title": clip(title, MAX_CARD_TITLE), **_choice_action({**button, "title": title})})
    if not items:
        return _text_blocks(reply.text), remaining
    intro = reply.text.strip().split("\n")[0]
    card = {"listCard": {"header": {"title": clip(intro, MAX_CARD_TITLE)}, "items": items}}
    choices = [{"title": i["messageText"], "payload": i["extra"]["payload"]} for i in items]
    return [Block(reply.text.strip(), card, choices)], remaining


def _text_blocks(text: str) -> list[Block]:
    return [Block(piece) for piece in chunks(text, MAX_SIMPLE_TEXT)]


def render(replies: list[Reply]) -> dict[str, Any]:
    """The SkillResponse v2.0 for one turn's replies, within the format's limits."""
    blocks: list[Block] = []
    quick: list[dict[str, str]] = []
    for reply in replies:
        links, extra_lines = split_links(reply.links)
        if reply.kind is ReplyKind.MENU:
            new, rest = _menu_blocks(reply)
        elif reply.kind is ReplyKind.SERVICE or links:
            new, rest = _service_blocks(reply, links, extra_lines)
        else:
            new, rest = _text_blocks("\n".join([reply.text, *extra_lines])), list(reply.buttons)
        blocks += new
        quick += rest
    fitted = fit_blocks(blocks, MAX_OUTPUTS, MAX_SIMPLE_TEXT)
    # A card flattened into text lost its buttons; its choices come back as quick replies.
    quick += [c for b in fitted if b.rich is None for c in b.choices]
    outputs = [b.rich if b.rich is not None else {"simpleText": {"text": clip(b.text, MAX_SIMPLE_TEXT)}}
               for b in fitted] or [{"simpleText": {"text": "…"}}]
    template: dict[str, Any] = {"outputs": outputs}
    choices = unique_choices(quick, MAX_QUICK_REPLIES)
    if choices:
        template["quickReplies"] = [quick_reply(c) for c in choices]
    return {"version": "2.0", "template": template}


def text_response(text: str) -> dict[str, Any]:
    return {"version": "2.0", "template": {"outputs": [{"simpleText": {"text": clip(text, MAX_SIMPLE_TEXT)}}]}}


# -- the webhook ----------------------------------------------------------------------


@dataclass
class SkillRequest:
    user_id: str
    text: str
    callback_url: str | None


def parse_skill_payload(payload: dict[str, Any]) -> SkillRequest | str:
    """The request, or a message saying what is wrong with it."""
    user_id = dig(payload, "userRequest", "user", "id")
    if not isinstance(user_id, str) or not user_id.strip() or len(user_id) > 128:
        return "'userRequest.user.id' must be a non-empty string."
    # A button we rendered carries its payload in extra; typed text is the utterance.
    extra = dig(payload, "action", "clientExtra")
    text = user_text(extra.get("payload")) if isinstance(extra, dict) else None
    text = text or user_text(dig(payload, "userRequest", "utterance"))
    if text is None:
        return "'userRequest.utterance' must be a non-empty string of at most 5000 characters."
    callback = dig(payload, "userRequest", "callbackUrl")
    return SkillRequest(user_id, text, callback if isinstance(callback, str) else None)


@dataclass
class _Pending:
    text: str
    task: asyncio.Task[list[Reply]]
    expires: float


class KakaoChannel(Outbound):
    def __init__(self, bot: BotPort, config: dict[str, Any], *, client: httpx.AsyncClient | None = None) -> None:
        self.bot = bot
        self.mode = resolve_mode("kakao", config, ["skill_secret"])
        self.secret = (config.get("skill_secret") or "").strip().encode()
        self.auth = config.get("auth") or "header"
        if self.auth not in ("header", "path"):
            raise ValueError("kakao: 'auth' must be 'header' or 'path'")
        self.header = config.get("secret_header") or DEFAULT_HEADER
        self.path = config.get("path") or DEFAULT_PATH
        self.deadline = float(config.get("deadline_seconds") or DEFAULT_DEADLINE)
        if not 0 < self.deadline <= 4.8:
            raise ValueError("kakao: 'deadline_seconds' must be above 0 and at most 4.8 (Kakao waits 5 s)")
        self.callback = truthy(config.get("callback"))
        # Only Kakao's own hosts may receive an answer: the URL comes from the request.
        self.callback_hosts = tuple(config.get("callback_hosts") or ("kakao.com",))
        self.background = Background("kakao")
        super().__init__(client)
        self._pending: dict[str, _Pending] = {}

    def routes(self) -> list[BaseRoute]:
        path = f"{self.path}/{{token}}" if self.auth == "path" else self.path
        return [Route(path, self.webhook, methods=["POST"], name="kakao_webhook")]

    def _authorised(self, request: Request) -> Response | None:
        if self.mode is Mode.LOCAL:
            return None
        given = request.path_params.get("token") if self.auth == "path" else request.headers.get(self.header)
        if not given:
            return problem(401, "This skill needs its shared secret; check the skill's settings in Open Builder.")
        if not hmac.compare_digest(given.encode(), self.secret):
            return problem(403, "The skill secret does not match.")
        return None

    async def webhook(self, request: Request) -> Response:
        if self.mode is Mode.DISABLED:
            return not_configured("KakaoTalk")
        denied = self._authorised(request)
        if denied:
            return denied
        payload = await read_json_object(request, "a Kakao SkillPayload")
        if isinstance(payload, JSONResponse):
            return payload
        skill = parse_skill_payload(payload)
        if isinstance(skill, str):
            return problem(400, skill)
        return JSONResponse(await self.answer(skill))

    async def answer(self, skill: SkillRequest) -> dict[str, Any]:
        sender = f"kakao:{skill.user_id}"
        task = self._reuse(sender, skill.text)
        if task is None:
            task = self.background.spawn(self.bot.send(sender, skill.text, {"channel": "kakao"}))
        done, _ = await asyncio.wait({task}, timeout=self.deadline)
        if done:
            self._pending.pop(sender, None)
            return self._result(task)
        if self.callback and skill.callback_url and self._callback_allowed(skill.callback_url):
            self.background.spawn(self._call_back(task, skill.callback_url))
            return {"version": "2.0", "useCallback": True}
        self._remember(sender, skill.text, task)
        log.info("kakao: the bot took longer than %.1f s; told the user to ask again", self.deadline)
        return text_response(SLOW_TEXT)

    def _reuse(self, sender: str, text: str) -> asyncio.Task[list[Reply]] | None:
        """The answer still being prepared (or ready) for the same question from the same user."""
        pending = self._pending.get(sender)
        if pending is None:
            return None
        if pending.text == text and pending.expires > time.monotonic():
            return pending.task
        # A different question (or too late): the old answer is no longer what the user wants.
        del self._pending[sender]
        return None

    def _remember(self, sender: str, text: str, task: asyncio.Task[list[Reply]]) -> None:
        now = time.monotonic()
        if len(self._pending) >= MAX_PENDING:
            for key in [k for k, p in self._pending.items() if p.expires <= now] or list(self._pending)[:1]:
                del self._pending[key]
        self._pending[sender] = _Pending(text, task, now + LATE_ANSWER_TTL)

    @staticmethod
    def _result(task: asyncio.Task[list[Reply]]) -> dict[str, Any]:
        if task.exception() is not None:
            return text_response(SORRY_TEXT)
        return render(task.result())

    def _callback_allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        allowed = parts.scheme == "https" and any(host == h or host.endswith("." + h) for h in self.callback_hosts)
        if not allowed:
            log.warning("kakao: callbackUrl on an unexpected host refused: %s", host)
        return allowed

    async def _call_back(self, task: asyncio.Task[list[Reply]], url: str) -> None:
        try:
            await task
        except Exception:  # noqa: BLE001 - the user still gets an apology through the callback
            pass
        client = self._http()
        try:
            response = await client.post(url, json=self._result(task))
            if response.status_code >= 400:
                log.error("kakao: the callback was refused (%d)", response.status_code)
        except httpx.HTTPError as error:
            log.error("kakao: the callback failed: %s", error)


def routes(bot: BotPort, config: dict[str, Any], *, client: httpx.AsyncClient | None = None) -> list[BaseRoute]:
    return KakaoChannel(bot, config, client=client).routes()
