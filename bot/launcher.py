"""Start everything ``make run`` promises, and stop it all on Ctrl-C.

1. load the catalogue into the database (SQLite under var/ by default);
2. train the model if it is missing or its inputs changed;
3. start the action server (127.0.0.1:5055) and Rasa (127.0.0.1:5005,
   REST + socket.io + the web chat page);
4. print the chat URL once Rasa answers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Iterator

from bot.training import PROJECT_ROOT, RASA, ensure_model

MODELS = PROJECT_ROOT / "models"
HOST = "127.0.0.1"


def wait_until_up(url: str, timeout: float, processes: list[subprocess.Popen[bytes]]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    return False


def start_servers(model: Path, rasa_port: int, action_port: int, *, endpoints: Path, env: dict[str, str],
                  log_dir: Path | None = None, enable_api: bool = True) -> list[subprocess.Popen[bytes]]:
    """Start the action server and Rasa; return both processes."""
    def output(name: str) -> IO[bytes] | None:
        if log_dir is None:
            return None
        log_dir.mkdir(parents=True, exist_ok=True)
        return open(log_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process

    actions_env = {**env, "SANIC_HOST": HOST}
    action_server = subprocess.Popen(
        [str(RASA), "run", "actions", "--actions", "actions", "--port", str(action_port)],
        cwd=PROJECT_ROOT, env=actions_env, stdout=output("actions"), stderr=subprocess.STDOUT,
        start_new_session=True)
    command = [str(RASA), "run", "--model", str(model), "--port", str(rasa_port), "--interface", HOST,
               "--endpoints", str(endpoints), "--credentials", str(PROJECT_ROOT / "credentials.yml")]
    if enable_api:
        # The HTTP API (/model/parse) is how the intent contract is evaluated.
        # It listens on 127.0.0.1 only; see README "Security" before exposing it.
        command.append("--enable-api")
    rasa = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output("rasa"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    return [action_server, rasa]


class ServersDidNotStart(RuntimeError):
    """Rasa or the action server exited or did not answer; the message has the end of their logs."""


@contextlib.contextmanager
def local_bot(model: Path, work: Path, env_overrides: dict[str, str] | None = None) -> Iterator[str]:
    """Rasa and the action server on free loopback ports with a fresh SQLite catalogue; yields Rasa's URL.

    For tests and benchmarks that talk to the bot as a client would.
    """
    env = {**project_env(), "IEUM_DATABASE_URL": f"sqlite:///{work / 'ieum.db'}", **(env_overrides or {})}
    subprocess.run([sys.executable, "-m", "catalogue", "load"], cwd=PROJECT_ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    rasa_port, action_port = free_port(), free_port()
    # Counter-card links point at this server, as they would in production.
    env["IEUM_PUBLIC_URL"] = f"http://{HOST}:{rasa_port}"
    endpoints = work / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://{HOST}:{action_port}/webhook"\n')
    processes = start_servers(model, rasa_port, action_port, endpoints=endpoints, env=env, log_dir=work)
    try:
        base = f"http://{HOST}:{rasa_port}"
        if not (wait_until_up(f"http://{HOST}:{action_port}/health", 120, processes)
                and wait_until_up(f"{base}/", 300, processes)):
            logs = "\n".join((work / f"{n}.log").read_text(errors="replace")[-3000:] for n in ("actions", "rasa"))
            raise ServersDidNotStart(f"servers did not start:\n{logs}")
        yield base
    finally:
        stop(processes)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def load_catalogue(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "catalogue", "load"], cwd=PROJECT_ROOT, env=env, check=True)


def project_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"}


def run(args: argparse.Namespace) -> int:
    env = project_env()
    load_catalogue(env)
    model = ensure_model(PROJECT_ROOT / "config.yml", MODELS)
    processes = start_servers(model, args.port, args.action_port, endpoints=PROJECT_ROOT / "endpoints.yml", env=env)

    def shutdown(signum: int, _frame: object) -> None:
        print("\nstopping Ieum ...", flush=True)
        stop(processes)
        sys.exit(0)

    signal.signal(signal.SIGINT, shutdown)
    signal.signal(signal.SIGTERM, shutdown)
    print("starting the action server and Rasa (loading the model takes about half a minute) ...", flush=True)
    if not (wait_until_up(f"http://{HOST}:{args.action_port}/health", 120, processes)
            and wait_until_up(f"http://{HOST}:{args.port}/", 300, processes)):
        print("Ieum did not start; see the output above.", file=sys.stderr)
        stop(processes)
        return 1
    print(f"\n  Ieum is running. Chat at: http://localhost:{args.port}/webhooks/webchat/\n"
          f"  REST: POST http://localhost:{args.port}/webhooks/rest/webhook  ·  "
          f"NLU: POST http://localhost:{args.port}/model/parse\n  Press Ctrl-C to stop.\n", flush=True)
    while all(p.poll() is None for p in processes):
        time.sleep(1)
    print("a server stopped unexpectedly; stopping the rest", file=sys.stderr)
    stop(processes)
    return 1


def train(args: argparse.Namespace) -> int:
    ensure_model(PROJECT_ROOT / args.config, MODELS)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.launcher")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="load the catalogue, train if needed, start everything")
    p.add_argument("--port", type=int, default=5005)
    p.add_argument("--action-port", type=int, default=5055)
    p.set_defaults(func=run)
    p = sub.add_parser("train", help="train the model if its inputs changed")
    p.add_argument("--config", default="config.yml")
    p.set_defaults(func=train)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
