"""Start everything ``make run`` promises, and stop it all on Ctrl-C.

1. load the catalogue into the database (SQLite under var/ by default);
2. train the model if it is missing or its inputs changed;
3. start the action server (127.0.0.1:5055), Rasa (127.0.0.1:5006, internal)
   and the public edge (channels/edge on .venv-edge, :5005), which is the
   only thing clients talk to; a fresh IEUM_EDGE_SECRET binds edge and Rasa;
4. print the chat URL once everything answers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Iterator

from bot.core.contract import MESSAGING_CHANNELS
from bot.core.settings import settings
from bot.training import PROJECT_ROOT, RASA, ensure_model

MODELS = PROJECT_ROOT / "models"
HOST = "127.0.0.1"
# --- the public edge (issue 15) ---------------------------------------------
EDGE_PYTHON = PROJECT_ROOT / ".venv-edge" / "bin" / "python"
# The action server runs rasa-sdk 3.21 on Python >= 3.12 (make install creates this venv).
ACTIONS_PYTHON = PROJECT_ROOT / ".venv-actions" / "bin" / "python"
RASA_INTERNAL_PORT = 5006


# credentials.yml also holds the edge's messaging channels; Rasa would refuse them as unknown channels.
EDGE_ONLY_SECTIONS = MESSAGING_CHANNELS


def rasa_credentials(work: Path) -> Path:
    """credentials.yml without the edge-only sections, written under ``work`` for Rasa."""
    import yaml

    sections = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text(encoding="utf-8")) or {}
    work.mkdir(parents=True, exist_ok=True)
    path = work / "credentials.rasa.yml"
    path.write_text(yaml.safe_dump({k: v for k, v in sections.items() if k not in EDGE_ONLY_SECTIONS}),
                    encoding="utf-8")
    return path


def default_actions_python() -> str:
    if not ACTIONS_PYTHON.exists():
        raise SystemExit(f"{ACTIONS_PYTHON} is missing: run `make install` (it creates .venv-actions).")
    return str(ACTIONS_PYTHON)


def start_edge(port: int, rasa_url: str, env: dict[str, str], host: str = HOST) -> subprocess.Popen[bytes]:
    """The public edge in its own venv (Python >= 3.12); it reaches Rasa at ``rasa_url``."""
    if not EDGE_PYTHON.exists():
        raise SystemExit(f"{EDGE_PYTHON} is missing: run `make install` (it creates .venv-edge).")
    return subprocess.Popen([str(EDGE_PYTHON), "-m", "channels.edge", "--host", host, "--port", str(port),
                             "--rasa-url", rasa_url], cwd=PROJECT_ROOT, env=env, start_new_session=True)
# ----------------------------------------------------------------------------


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
                  log_dir: Path | None = None, enable_api: bool = True,
                  actions_python: str | None = None) -> list[subprocess.Popen[bytes]]:
    """Start the action server and Rasa; return both processes.

    ``actions_python``: serve the actions with rasa-sdk from another interpreter
    (the protocol check of the action server on Python >= 3.12, see README).
    """
    def output(name: str) -> IO[bytes] | None:
        if log_dir is None:
            return None
        log_dir.mkdir(parents=True, exist_ok=True)
        return open(log_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process

    actions_env = {**env, "SANIC_HOST": HOST}
    actions_python = actions_python or default_actions_python()
    actions_command = [actions_python, "-m", "rasa_sdk"]
    action_server = subprocess.Popen(
        [*actions_command, "--actions", "actions", "--port", str(action_port)],
        cwd=PROJECT_ROOT, env=actions_env, stdout=output("actions"), stderr=subprocess.STDOUT,
        start_new_session=True)
    command = [str(RASA), "run", "--model", str(model), "--port", str(rasa_port), "--interface", HOST,
               "--endpoints", str(endpoints), "--credentials", str(rasa_credentials(log_dir or settings().var_dir))]
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
def local_bot(model: Path, work: Path, env_overrides: dict[str, str] | None = None,
              actions_python: str | None = None) -> Iterator[str]:
    """Rasa and the action server on free loopback ports with a fresh SQLite catalogue; yields Rasa's URL.

    For tests and benchmarks that talk to the bot as a client would.
    """
    env = {**project_env(), "IEUM_DATABASE_URL": f"sqlite:///{work / 'ieum.db'}", **(env_overrides or {})}
    subprocess.run([sys.executable, "-m", "catalogue", "load"], cwd=PROJECT_ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    rasa_port, action_port = free_port(), free_port()
    # Counter-card links point at this server, as they would in production
    # (or at the edge in front of it, when the caller names it).
    if "IEUM_PUBLIC_URL" not in (env_overrides or {}):
        env["IEUM_PUBLIC_URL"] = f"http://{HOST}:{rasa_port}"
    endpoints = work / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://{HOST}:{action_port}/webhook"\n')
    processes = start_servers(model, rasa_port, action_port, endpoints=endpoints, env=env, log_dir=work,
                              actions_python=actions_python)
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
    # One secret per run binds the edge and Rasa: Rasa's REST channel serves only the edge.
    env = {**project_env(), "IEUM_EDGE_SECRET": settings().edge_secret or secrets.token_urlsafe(32)}
    load_catalogue(env)
    model = ensure_model(PROJECT_ROOT / "config.yml", MODELS)
    processes = start_servers(model, args.rasa_port, args.action_port, endpoints=PROJECT_ROOT / "endpoints.yml",
                              env=env)
    processes.append(start_edge(args.port, f"http://{HOST}:{args.rasa_port}", env, host=args.host))

    def shutdown(signum: int, _frame: object) -> None:
        print("\nstopping Ieum ...", flush=True)
        stop(processes)
        sys.exit(0)

    signal.signal(signal.SIGINT, shutdown)
    signal.signal(signal.SIGTERM, shutdown)
    print("starting the action server, Rasa and the edge (loading the model takes about half a minute) ...",
          flush=True)
    if not (wait_until_up(f"http://{HOST}:{args.action_port}/health", 120, processes)
            and wait_until_up(f"http://{HOST}:{args.rasa_port}/", 300, processes)
            and wait_until_up(f"http://{HOST}:{args.port}/health", 60, processes)):
        print("Ieum did not start; see the output above.", file=sys.stderr)
        stop(processes)
        return 1
    print(f"\n  Ieum is running. Chat at: http://localhost:{args.port}/webhooks/webchat/\n"
          f"  (same address: REST POST /webhooks/rest/webhook, socket.io /socket.io/, "
          f"local NLU POST /model/parse)\n  Press Ctrl-C to stop.\n", flush=True)
    while all(p.poll() is None for p in processes):
        time.sleep(1)
    print("a server stopped unexpectedly; stopping the rest", file=sys.stderr)
    stop(processes)
    return 1


def local(args: argparse.Namespace) -> int:
    """Rasa and the action server for another process's tests (the edge's, in .venv-edge).

    Trains the model for ``--config`` if needed (cached like tests/e2e's), prints
    ``READY <rasa url>`` and serves until terminated.
    """
    model = ensure_model(PROJECT_ROOT / args.config, Path(args.models), prefix=args.prefix, quiet=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Links (counter cards) point at the caller's edge when it says where that is.
    overrides = {"IEUM_PUBLIC_URL": args.public_url} if args.public_url else {}
    with local_bot(model, Path(args.work), overrides, actions_python=args.actions_python) as base:
        print(f"READY {base}", flush=True)
        while True:
            time.sleep(3600)


def train(args: argparse.Namespace) -> int:
    ensure_model(PROJECT_ROOT / args.config, MODELS)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.launcher")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="load the catalogue, train if needed, start everything")
    p.add_argument("--port", type=int, default=5005, help="the public edge's port")
    p.add_argument("--host", default=HOST, help="the edge's address (0.0.0.0 to serve other machines)")
    p.add_argument("--rasa-port", type=int, default=RASA_INTERNAL_PORT, help="Rasa's port, on 127.0.0.1 only")
    p.add_argument("--action-port", type=int, default=5055)
    p.set_defaults(func=run)
    p = sub.add_parser("local", help="Rasa + action server on free loopback ports for tests; prints READY <url>")
    p.add_argument("--work", required=True)
    p.add_argument("--config", default="tests/config.fast.yml")
    p.add_argument("--models", default=str(PROJECT_ROOT / "tests" / ".cache" / "models"))
    p.add_argument("--prefix", default="fast")
    p.add_argument("--public-url", default=None, help="the edge in front of this Rasa (base of counter-card links)")
    p.add_argument("--actions-python", default=None, help="serve the actions with rasa-sdk from this interpreter")
    p.set_defaults(func=local)
    p = sub.add_parser("train", help="train the model if its inputs changed")
    p.add_argument("--config", default="config.yml")
    p.set_defaults(func=train)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
