"""The website chat widget: serves the page and receives its messages.

Like Rasa's REST channel, but it checks its input (a polite 400 instead of
a 500 on bad JSON, a missing sender or an oversized message) and passes
the browser's language on as a hint for the first message.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.core.contract import client_metadata
from catalogue.service_catalogue import default_catalogue
from channels.counter_card import render_card
from channels.inbound import deliver, read_message

STATIC = Path(__file__).resolve().parent / "static"
_SENDER = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

# The page loads only its own script and style; no inline script runs.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def _static(name: str, content_type: str) -> HTTPResponse:
    body = (STATIC / name).read_bytes()
    return response.raw(body, content_type=content_type,
                        headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                 "Cache-Control": "no-cache"})


class WebChatInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "webchat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webchat = Blueprint("webchat_webhook", __name__)

        # The page, its script and the styles: files served as they are.
        static_files = {"/": ("chat.html", "text/html"), "/chat.js": ("chat.js", "text/javascript"),
                        "/chat.css": ("chat.css", "text/css"), "/card.css": ("card.css", "text/css")}
        for route, (file_name, kind) in static_files.items():
            async def serve(request: Request, file_name: str = file_name, kind: str = kind) -> HTTPResponse:
                return _static(file_name, f"{kind}; charset=utf-8")

            webchat.add_route(serve, route, methods=["GET"], name=f"static_{file_name.replace('.', '_')}")

        @webchat.route("/card/<service_id:str>", methods=["GET"])
        async def counter_card(request: Request, service_id: str) -> HTTPResponse:
            catalogue = await asyncio.to_thread(default_catalogue)
            service = catalogue.get(service_id.upper()[:40])
            if service is None:
                return response.text("No such service.", status=404)
            html = render_card(service, str(request.args.get("lang", "en"))[:8])
            return response.html(html, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            problem, sender, text, metadata = parse_request(request)
            if problem:
                return response.json({"error": problem}, status=400)
            return await deliver(on_new_message, self.name(), sender, text, metadata)

        return webchat


def _valid_sender(sender: object) -> bool:
    return isinstance(sender, str) and bool(_SENDER.match(sender))


def parse_request(request: Request) -> tuple[str | None, str, str, Dict[str, Any]]:
    """(problem, sender, text, metadata); problem is a message for the client."""
    problem, sender, text, raw_meta = read_message(request, _valid_sender,
                                                   "'sender' must be 16-64 letters, digits, '-' or '_'.")
    if problem:
        return problem, "", "", {}
    return None, sender, text, client_metadata(raw_meta)
