"""``python -m channels.edge --port 5005 --rasa-url http://127.0.0.1:5006``: serve the edge with uvicorn.

Started by ``make run`` (bot/launcher.py) in ``.venv-edge``; it can also
run on its own in front of a Rasa started elsewhere.
"""

from __future__ import annotations

import argparse
import logging

import uvicorn

from channels.edge.app import create_app
from channels.edge.settings import EdgeSettings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m channels.edge")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: every interface)")
    parser.add_argument("--port", type=int, default=5005)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5006", help="Rasa's internal address")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(EdgeSettings.from_env(args.rasa_url))
    # One worker: socket.io sessions live in this process (several need sticky sessions and a message queue).
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", proxy_headers=False,
                server_header=False, ws="wsproto")


if __name__ == "__main__":
    main()
