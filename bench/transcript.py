"""Play scripted conversations against a running Ieum (``make run``) and print what a user sees.

    python -m bench.transcript --url http://localhost:5005 --only safety-th

Only the public REST webhook is used, exactly as a client would: every
reply's text, its buttons and its link buttons, in order. For the scored
benchmark (which also reads the tracker) use ``make eval-conversations``.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
import uuid
from typing import Any

from bench.conversations import Script, load_scripts


def _post(url: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return list(json.loads(response.read() or b"[]") or [])


def render(messages: list[dict[str, Any]]) -> list[str]:
    lines = []
    for message in messages:
        if message.get("text"):
            lines += ["> " + line for line in str(message["text"]).splitlines()]
        raw = message.get("custom")
        custom: dict[str, Any] = raw if isinstance(raw, dict) else {}
        links = [f"[{link.get('title')}]({link.get('url')})" for link in custom.get("links") or []]
        buttons = [f"[{button.get('title')}]" for button in message.get("buttons") or []]
        if links:
            lines.append("> 🔗 " + " · ".join(links))
        if buttons:
            lines.append("> 🔘 " + " ".join(buttons))
    return lines or ["> (no reply)"]


def transcript(url: str, script: Script) -> str:
    sender = f"transcript-{uuid.uuid4().hex[:12]}"
    out = [f"### {script.id}", "", f"_{script.persona}_", ""]
    for number, turn in enumerate(script.turns, 1):
        out.append(f"**{number}. user:** {turn.user}  ")
        out += [line + "  " for line in render(_post(f"{url}/webhooks/rest/webhook",
                                                     {"sender": sender, "message": turn.user}))]
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:5005")
    parser.add_argument("--only", action="append", default=[], help="script ids (repeatable); default: all")
    args = parser.parse_args(argv)
    scripts = [s for s in load_scripts() if not args.only or s.id in args.only]
    if not scripts:
        print("no such conversation script", file=sys.stderr)
        return 1
    for script in scripts:
        print(transcript(args.url.rstrip("/"), script))
    return 0


if __name__ == "__main__":
    sys.exit(main())
