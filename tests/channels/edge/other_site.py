"""A second website (another origin) that embeds the chat widgets, as a partner site would (not a test module)."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

WEBCHAT_BUNDLE = Path(__file__).resolve().parent / "webchat" / "node_modules" / "rasa-webchat" / "lib" / "index.js"

IEUM_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner site</title></head>
<body><h1>Partner site: help for newcomers</h1>
<p>Our chat, provided by Ieum:</p>
<div id="ieum-chat"></div>
<script src="{edge}/webhooks/webchat/chat.js"></script>
</body></html>"""

WEBCHAT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner site (rasa-webchat)</title>
<style>#webchat {{ width: 420px; height: 640px; }} #webchat .rw-conversation-container {{ height: 640px; }}</style>
</head><body><h1>Partner site with rasa-webchat 1.0.1</h1>
<div id="webchat"></div>
<script src="/rasa-webchat.js"></script>
<script>
  window.WebChat.default({{
    socketUrl: "{edge}",
    socketPath: "/socket.io/",
    title: "Ieum",
    embedded: true,
    showFullScreenButton: false,
    params: {{ storage: "session" }}
  }}, document.getElementById("webchat"));
</script></body></html>"""


def site(edge: str) -> Starlette:
    async def ieum(request: Request) -> Response:
        return HTMLResponse(IEUM_PAGE.format(edge=edge))

    async def webchat(request: Request) -> Response:
        return HTMLResponse(WEBCHAT_PAGE.format(edge=edge))

    async def bundle(request: Request) -> Response:
        return FileResponse(WEBCHAT_BUNDLE, media_type="text/javascript")

    return Starlette(routes=[Route("/ieum.html", ieum), Route("/rasa-webchat.html", webchat),
                             Route("/rasa-webchat.js", bundle)])
