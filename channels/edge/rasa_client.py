"""The bot as the edge reaches it: Rasa's REST webhook over loopback.

Every request carries the shared secret (``X-Ieum-Edge-Secret``) that
Rasa's REST channel checks, so no other local process can post as a user.
A slow, failing or unreachable Rasa never becomes an error for the user:
they get one polite line saying so, and the failure is logged (without
the message text).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from bot.core.replies import Reply

log = logging.getLogger("ieum.edge.rasa")

SECRET_HEADER = "X-Ieum-Edge-Secret"
# The edge does not know the conversation's language when Rasa is down:
# Korean, English, and the immigration contact centre that speaks 20 languages.
FALLBACK_TEXT = ("죄송합니다. 지금은 답변할 수 없어요. 잠시 후 다시 시도하시거나 1345(외국인종합안내센터)로 전화해 주세요.\n"
                 "Sorry, the assistant cannot answer right now. Please try again in a moment, "
                 "or call 1345 (Immigration Contact Center, 20 languages).")


def replies_from_rest(messages: object) -> list[Reply]:
    """Rasa's REST output as replies.

    Rasa sends a response's ``custom`` part (service id, menu, links) as a
    message of its own right after the text it belongs to; it is folded
    back into that reply here.
    """
    replies: list[Reply] = []
    if not isinstance(messages, list):
        return replies
    for message in messages:
        if not isinstance(message, dict):
            continue
        reply = Reply.from_message(message)
        custom_only = not message.get("text") and not message.get("buttons") and isinstance(message.get("custom"), dict)
        if custom_only and replies:
            last = replies[-1]
            last.links = last.links + reply.links
            last.service_id = last.service_id or reply.service_id
            last.services = last.services or reply.services
        elif reply.text or reply.buttons or reply.links or reply.services or reply.service_id:
            replies.append(reply)
    return replies


class RasaClient:
    """``BotPort`` over Rasa's REST webhook."""

    def __init__(self, base_url: str, secret: str, timeout: float, client: httpx.AsyncClient | None = None) -> None:
        self._url = base_url.rstrip("/") + "/webhooks/rest/webhook"
        self._headers = {SECRET_HEADER: secret}
        self._timeout = timeout
        self._client = client or httpx.AsyncClient()

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[Reply]:
        body = {"sender": sender, "message": text, "metadata": metadata}
        try:
            # One deadline for the whole exchange (httpx's timeouts are per read, not in total).
            async with asyncio.timeout(self._timeout):
                response = await self._client.post(self._url, json=body, headers=self._headers,
                                                   timeout=self._timeout)
        except (TimeoutError, httpx.TimeoutException):
            log.warning("Rasa did not answer within %.0f s", self._timeout)
            return [Reply(FALLBACK_TEXT)]
        except httpx.HTTPError as error:
            log.error("Rasa is unreachable: %s", error.__class__.__name__)
            return [Reply(FALLBACK_TEXT)]
        if response.status_code != 200:
            log.error("Rasa answered %d", response.status_code)
            return [Reply(FALLBACK_TEXT)]
        try:
            return replies_from_rest(response.json())
        except ValueError:
            log.error("Rasa answered with a body that is not JSON")
            return [Reply(FALLBACK_TEXT)]

    async def close(self) -> None:
        await self._client.aclose()
