"""What the KakaoTalk, LINE and Telegram channels share.

Each messaging channel is a webhook the platform calls; the pieces they
have in common live here once: deciding whether a channel runs verified,
in local (demo) mode or not at all; reading a JSON body without ever
raising; polite JSON errors; background tasks that are not lost; splitting
and fitting texts under a platform's limits; and which links a platform
can show as buttons.
"""

from __future__ import annotations

import asyncio
import enum
import json
import logging
import re
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse

from bot.core.settings import settings
from channels.edge.errors import problem  # the edge's one polite error shape, for the webhooks too

log = logging.getLogger("ieum.edge.messaging")

# Webhook bodies from these platforms are a few kilobytes; anything far bigger
# is not theirs. The gateway limits bodies too; this keeps a route safe when
# it is mounted on its own (tests, demos).
MAX_BODY_BYTES = 256 * 1024
# A user message longer than this is not something a person typed into a chat.
MAX_USER_TEXT = 5000

# Said when the bot fails or is slow. The edge does not know the
# conversation's language, so Korean (the platforms' home) and English.
SORRY_TEXT = "죄송합니다. 잠시 후 다시 시도해 주세요.\nSorry, something went wrong. Please try again in a moment."
SLOW_TEXT = ("답변을 준비하고 있어요. 잠시 후 같은 질문을 다시 보내 주세요.\n"
             "Your answer is still being prepared. Please send the same question again in a moment.")


class Mode(str, enum.Enum):
    VERIFIED = "verified"   # every request is authenticated with the platform secret
    LOCAL = "local"         # demos and tests: no secret checked (never in production)
    DISABLED = "disabled"   # secrets missing and local mode not allowed: every request gets 503


def truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in {"1", "true", "yes", "on"})


def resolve_mode(channel: str, config: dict[str, Any], secret_keys: Iterable[str]) -> Mode:
    """Verified when every secret is set; local only when asked for, secrets unset and not production.

    Local mode needs two things to be true at once (the flag and a missing
    secret) and is refused outright when IEUM_ENV is "production": a
    forgotten flag in a real deployment cannot silently open a webhook.
    """
    missing = [k for k in secret_keys if not (isinstance(config.get(k), str) and config[k].strip())]
    wants_local = truthy(config.get("local_mode"))
    if not missing:
        if wants_local:
            log.warning("%s: local_mode is ignored because the channel's secrets are set; requests are verified",
                        channel)
        return Mode.VERIFIED
    if wants_local:
        if settings().production:
            raise RuntimeError(f"{channel}: local_mode is not allowed when IEUM_ENV=production; "
                               f"set {', '.join(missing)} instead")
        log.warning("!!! %s: LOCAL MODE. Webhook requests are NOT authenticated (%s unset). "
                    "For demos and tests only. !!!", channel.upper(), ", ".join(missing))
        return Mode.LOCAL
    log.error("%s: disabled, %s not set (and local_mode is off); every webhook request gets 503",
              channel, ", ".join(missing))
    return Mode.DISABLED


def not_configured(channel: str) -> JSONResponse:
    return problem(503, f"The {channel} channel is not configured on this server.")


async def read_body(request: Request) -> bytes | None:
    """The raw body, or None when it is larger than any real webhook (the caller answers 413)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    return body


async def read_json_object(request: Request, what: str) -> dict[str, Any] | JSONResponse:
    """The body as a JSON object, or the polite 413/400 to send back (``what``: "a Telegram Update")."""
    body = await read_body(request)
    if body is None:
        return problem(413, f"The request body is too large for {what}.")
    value = parse_object(body)
    if value is None:
        return problem(400, f"The body must be a JSON object ({what}).")
    return value


def parse_object(body: bytes) -> dict[str, Any] | None:
    """A JSON object, or None for anything else (bad UTF-8, bad JSON, an array, a number)."""
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def dig(value: Any, *path: str) -> Any:
    """value[path[0]][path[1]]..., or None where any step is missing or not an object."""
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def user_text(value: object) -> str | None:
    """A message a user sent: a non-empty string of reasonable length, passed on exactly as typed."""
    if isinstance(value, str) and value.strip() and len(value) <= MAX_USER_TEXT:
        return value
    return None


class Background:
    """Tasks that outlive the request that started them.

    asyncio keeps only weak references to tasks, so one nobody holds can be
    collected mid-flight; this holds them, logs their failures, and lets
    tests wait for them instead of sleeping.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Awaitable[Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s: background work failed", self.name, exc_info=task.exception())

    async def drain(self) -> None:
        """Wait until every task (and any it started) has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


class Outbound:
    """The channel's one HTTP client for the platform's API (made on first use, reused after).

    Tests pass a client on a MockTransport; nothing here ever reaches the network then.
    """

    def __init__(self, client: httpx.AsyncClient | None) -> None:
        self._client = client

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=10.0)
        return self._client


def http_link(url: str, schemes: frozenset[str] = frozenset({"http", "https"})) -> bool:
    """Whether a platform can open this link from a button (and it is not javascript: or worse)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() not in schemes:
        return False
    if parts.scheme.lower() == "tel":
        return True
    # A link to this machine (a demo's default IEUM_PUBLIC_URL) opens nothing on a phone,
    # and Telegram refuses a whole message over one such button.
    host = (parts.hostname or "").lower()
    return "." in host and host != "localhost" and not host.startswith("127.") and not host.endswith(".localhost")


def split_links(links: list[dict[str, str]], schemes: frozenset[str] = frozenset({"http", "https"})
                ) -> tuple[list[dict[str, str]], list[str]]:
    """(links shown as buttons, lines for the text).

    A phone link a platform cannot put on a button (Kakao, Telegram) becomes
    a readable "title: number" line rather than vanishing; any other link
    the platform cannot open is dropped, never pasted as a raw URL.
    """
    buttons: list[dict[str, str]] = []
    lines: list[str] = []
    for link in links:
        url = link.get("url", "")
        if http_link(url, schemes):
            buttons.append(link)
        elif url.lower().startswith("tel:") and url[4:].strip():
            lines.append(f"📞 {link.get('title', '')}: {url[4:].strip()}")
        else:
            log.warning("dropped a link the platform cannot open: %r", url[:80])
    return buttons, lines


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when something was cut (at a space when one is near)."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    space = cut.rfind(" ")
    if space >= len(cut) * 0.7:
        cut = cut[:space]
    return cut.rstrip() + "…"


def chunks(text: str, limit: int) -> list[str]:
    """Split a long text at line breaks (or, for one huge line, hard) into pieces of at most ``limit``."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return [p for p in pieces if p.strip()]


@dataclass
class Block:
    """One platform message (or Kakao output) before the count limit is applied.

    ``text`` is what the block says, used when blocks must be merged;
    ``rich`` is the platform's own object for a card or list (None for plain text).
    """
    text: str
    rich: dict[str, Any] | None = None
    # Choice buttons this block offered; kept when the block has to be flattened into text.
    choices: list[dict[str, str]] = field(default_factory=list)


def fit_blocks(blocks: list[Block], limit: int, max_text: int) -> list[Block]:
    """At most ``limit`` blocks, losing as little as possible.

    Nothing changes when the blocks fit. Otherwise adjacent plain texts are
    joined (when the result still fits one text); if there are still too
    many, the first ``limit - 1`` stay as they
    are and the rest are flattened into one last text. A flattened card
    loses its link buttons (logged) but never turns them into raw URLs;
    its choice buttons survive in ``choices`` for the caller's quick replies.
    """
    if len(blocks) <= limit:
        return blocks
    merged: list[Block] = []
    for block in blocks:
        if (merged and block.rich is None and merged[-1].rich is None
                and len(merged[-1].text) + 2 + len(block.text) <= max_text):
            merged[-1] = Block(f"{merged[-1].text}\n\n{block.text}", None, merged[-1].choices + block.choices)
        else:
            merged.append(block)
    if len(merged) <= limit:
        return merged
    keep, rest = merged[: limit - 1], merged[limit - 1:]
    if any(b.rich is not None for b in rest):
        log.warning("more than %d messages in one turn: %d flattened into text", limit, len(rest))
    text = "\n\n".join(b.text for b in rest if b.text.strip())
    return keep + [Block(clip(text, max_text), None, [c for b in rest for c in b.choices])]


def unique_choices(choices: Iterable[dict[str, str]], limit: int) -> list[dict[str, str]]:
    """Choice buttons without repeats (same payload), at most ``limit``; the first ones win."""
    seen: set[str] = set()
    out: list[dict[str, str]] = []
    for choice in choices:
        if choice["payload"] in seen:
            continue
        seen.add(choice["payload"])
        out.append(choice)
    if len(out) > limit:
        log.info("%d choice buttons, the platform shows %d", len(out), limit)
    return out[:limit]


_PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$", re.DOTALL)


def parse_payload(payload: str) -> tuple[str, dict[str, str]] | None:
    """('intent', {entity: value}) for a "/intent{...}" button payload with string values, else None."""
    match = _PAYLOAD.match(payload)
    if not match:
        return None
    entities: dict[str, str] = {}
    if match.group(2):
        try:
            raw = json.loads(match.group(2))
        except ValueError:
            return None
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            return None
        entities = raw
    return match.group(1), entities


def payload_service_id(payload: str) -> str | None:
    parsed = parse_payload(payload)
    return parsed[1].get("service_id") if parsed else None
