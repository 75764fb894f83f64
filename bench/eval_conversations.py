"""``make eval-conversations``: scripted multi-turn conversations played against the real bot.

Starts the action server and Rasa on free loopback ports with a fresh SQLite
database (the trained main model; ``--fast`` uses tests/config.fast.yml),
plays every script in ``tests/conversations/`` over the REST channel exactly
as a client would, reads the tracker after each turn for the intent and the
conversation language, and scores turns and goals (``bench.conversations``).
Writes bench/results/conversations.md (tables) and
bench/results/conversations-transcripts.md (every turn as the user saw it).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.conversations import Observed, Script, goal_reached, load_scripts, observed_from, score_turn
from bot.launcher import MODELS, ServersDidNotStart, local_bot
from bot.training import PROJECT_ROOT, ensure_model

RESULTS = PROJECT_ROOT / "bench" / "results"
TURN_TARGET = 0.95


def _post(url: str, payload: dict[str, Any]) -> Any:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"null")


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())


def play(base: str, script: Script) -> list[Observed]:
    sender = f"eval-{script.id}-{uuid.uuid4().hex[:8]}"
    observed = []
    for turn in script.turns:
        messages = _post(f"{base}/webhooks/rest/webhook", {"sender": sender, "message": turn.user}) or []
        tracker = _get(f"{base}/conversations/{sender}/tracker")
        observed.append(observed_from(messages, tracker))
    return observed


def report(scripts: list[Script], played: dict[str, list[Observed]], seconds: float) -> tuple[str, str, dict]:
    rows, transcript = [], []
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # right turns, turns, goals, conversations
    total_right = total_turns = goals = classifier_right = 0
    for script in scripts:
        seen = played[script.id]
        scores = [score_turn(t, o) for t, o in zip(script.turns, seen, strict=True)]
        right = sum(s.ok for s in scores)
        reached, missing = goal_reached(script.goal, seen)
        total_right += right
        total_turns += len(scores)
        classifier_right += sum(o.classified in t.intents for t, o in zip(script.turns, seen, strict=True))
        goals += reached
        stats = by_lang[script.language]
        stats[0] += right
        stats[1] += len(scores)
        stats[2] += reached
        stats[3] += 1
        misses = "; ".join(
            f"t{n}: " + ",".join(k for k, ok in (("intent", s.intent_ok), ("service", s.service_ok),
                                                 ("language", s.language_ok)) if not ok)
            for n, s in enumerate(scores, 1) if not s.ok)
        rows.append(f"| {script.id} | {script.language} | {right}/{len(scores)} | "
                    f"{'yes' if reached else 'no: ' + ', '.join(missing)} | {misses or '-'} |")
        transcript.append(f"## {script.id} ({script.persona})\n\nGoal: {script.goal.description}\n")
        for n, (turn, o, s) in enumerate(zip(script.turns, seen, scores, strict=True), 1):
            mark = "✓" if s.ok else "✗"
            transcript.append(f"**{n}. user** ({turn.language}): {turn.user}  \n"
                              f"{mark} answered `{o.intent}` (expected {'/'.join(turn.intents)}; "
                              f"classified `{o.classified}`), "
                              f"service `{o.service or '-'}`{' menu ' + ','.join(o.menu) if o.menu else ''}"
                              f"{' (expected ' + '/'.join(turn.services) + ')' if turn.services else ''}, "
                              f"language `{o.language}`\n")
            for text in o.texts:
                transcript.append("> " + text.replace("\n", "  \n> ") + "\n")
        transcript.append("")
    turn_rate = total_right / max(total_turns, 1)
    summary = {"turn_accuracy": round(turn_rate, 3), "turns": total_turns, "goals_reached": goals,
               "conversations": len(scripts), "seconds": round(seconds, 1),
               "classifier_intent_accuracy": round(classifier_right / max(total_turns, 1), 3),
               "per_language": {lang: {"turn_accuracy": round(s[0] / max(s[1], 1), 3), "goals": f"{s[2]}/{s[3]}"}
                                for lang, s in sorted(by_lang.items())}}
    lines = ["# Conversations (make eval-conversations)", "",
             f"{len(scripts)} scripted conversations, {total_turns} turns, played over REST against the running "
             f"bot in {seconds:.0f} s.", "",
             f"**Turn accuracy {turn_rate:.3f}** (target ≥ {TURN_TARGET}); "
             f"**goals reached {goals}/{len(scripts)}** (target: all).", "",
             "A turn is right when the reply answers the scripted question (its `custom.answers`), names the "
             "scripted service (card, or a menu button) and is in the scripted language. For comparison, the "
             f"classifier's own intent label matched the script on {classifier_right}/{total_turns} turns.", "",
             "| language | turns right | goals |", "|---|---|---|"]
    lines += [f"| {lang} | {s[0]}/{s[1]} ({s[0] / max(s[1], 1):.3f}) | {s[2]}/{s[3]} |"
              for lang, s in sorted(by_lang.items())]
    lines += ["", "| conversation | lang | turns right | goal reached | misses |", "|---|---|---|---|---|", *rows]
    return "\n".join(lines) + "\n", "# Conversation transcripts\n\n" + "\n".join(transcript), summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="use the small test model (tests/config.fast.yml)")
    parser.add_argument("--only", default="", help="play only scripts whose id contains this")
    args = parser.parse_args(argv)
    scripts = [s for s in load_scripts() if args.only in s.id]
    if not scripts:
        print("no conversation scripts found under tests/conversations/", file=sys.stderr)
        return 1
    if args.fast:
        model = ensure_model(PROJECT_ROOT / "tests" / "config.fast.yml", PROJECT_ROOT / "tests" / ".cache" / "models",
                             prefix="fast")
    else:
        model = ensure_model(PROJECT_ROOT / "config.yml", MODELS)
    with tempfile.TemporaryDirectory() as work_dir:
        try:
            with local_bot(model, Path(work_dir)) as base:
                started = time.perf_counter()
                played = {}
                for number, script in enumerate(scripts, 1):
                    played[script.id] = play(base, script)
                    print(f"\r  played {number}/{len(scripts)} conversations", end="", file=sys.stderr, flush=True)
                print(file=sys.stderr)
                seconds = time.perf_counter() - started
        except ServersDidNotStart as error:
            print(error, file=sys.stderr)
            return 1
    table, transcripts, summary = report(scripts, played, seconds)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "conversations.md").write_text(table, encoding="utf-8")
    (RESULTS / "conversations-transcripts.md").write_text(transcripts, encoding="utf-8")
    (RESULTS / "conversations.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
