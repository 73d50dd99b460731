"""A flat turn: one person sends 400 messages in one session; does a turn slow down?

Serves the assistant as `make bench` does (bench/run.py ``serve_project``: action server +
``rasa run``, SQLite tracker store and reflection log), sends the project's script over REST
again and again from one sender, and reports the median time per turn for each block of 100
turns (1–100, 101–200, …). Goal (issue 16): median(301–400) ≤ 1.2 × median(1–100).

Standalone (a few minutes, no training)::

    python -m bench.flat --model models/reflectie.tar.gz [--turns 400] [--profile]

``make bench`` runs the same measurement (``flat_turns``) and puts it in its report.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import sqlalchemy as sa

from bench.load import PROJECT_SCRIPT, timed_turn
from bench.procs import BIN, ROOT
from testkit.services import Service
from testkit.web import post_json

BLOCK = 100
GOAL_RATIO = 1.2


def flat_turns(url: str, turns: int = 400, script: Optional[List[str]] = None,
               tracker_db: Optional[Path] = None,
               on_turn: Optional[Callable[[int], None]] = None) -> Dict[str, Any]:
    """One sender, ``turns`` messages in one session; median per block of ``BLOCK`` turns.
    ``on_turn(n)`` is called before turn n (0-based), e.g. to start a profiler."""
    script = script or PROJECT_SCRIPT
    sender = f"flat-{uuid.uuid4().hex[:12]}"
    latencies: List[float] = []
    failures = {"http": 0, "silent": 0, "lost": 0}
    for turn in range(turns):
        if on_turn is not None:
            on_turn(turn)
        took, failure = timed_turn(url, sender, script[turn % len(script)])
        latencies.append(took)
        if failure:
            failures[failure] += 1
    blocks = []
    for start in range(0, turns, BLOCK):
        part = latencies[start:start + BLOCK]
        blocks.append({"turns": f"{start + 1}–{start + len(part)}",
                       "p50_ms": round(1000 * statistics.median(part), 1)})
    first, last = blocks[0]["p50_ms"], blocks[-1]["p50_ms"]
    ratio = round(last / first, 2) if first else float("nan")
    result: Dict[str, Any] = {
        "turns": turns, "blocks": blocks, "last_to_first": ratio,
        "holds": ratio <= GOAL_RATIO, "http_errors": failures["http"],
        "silent_turns": failures["silent"], "lost_turns": failures["lost"],
        "load": _load(),
    }
    if tracker_db is not None:
        result.update(_stored(tracker_db))
    return result


def _stored(path: Path) -> Dict[str, int]:
    """Rows and session starts in the tracker database (only type names are readable)."""
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT count(*) FROM events").scalar_one()
            sessions = connection.exec_driver_sql(
                "SELECT count(*) FROM events WHERE type_name = 'session_started'").scalar_one()
    finally:
        engine.dispose()
    return {"stored_events": rows, "session_starts": sessions}


def as_markdown(flat: Dict[str, Any]) -> str:
    lines = [f"## A flat turn: one person, {flat['turns']} messages in one session", "",
             "| turns | median per turn (ms) |", "|---|---:|"]
    lines += [f"| {b['turns']} | {b['p50_ms']} |" for b in flat["blocks"]]
    lines.append("")
    lines.append(f"Last block / first block: {flat['last_to_first']}× (goal ≤ {GOAL_RATIO}×: "
                 f"{'holds' if flat['holds'] else '**does not hold**'}); load {flat['load']} "
                 f"after the run. HTTP errors {flat['http_errors']}, lost turns "
                 f"{flat['lost_turns']}"
                 + (f"; {flat['stored_events']} events stored, {flat['session_starts']} "
                    f"session start(s)." if "stored_events" in flat else "."))
    return "\n".join(lines)


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def _py_spy(servers: Dict[str, Service], out_dir: Path, seconds: int) -> List[subprocess.Popen]:
    spy = shutil.which("py-spy") or (str(BIN / "py-spy") if (BIN / "py-spy").exists() else None)
    if spy is None:
        print("py-spy is not installed; no profile", flush=True)
        return []
    return [subprocess.Popen(
        [spy, "record", "-p", str(server.proc.pid), "-d", str(seconds), "-r", "100",
         "--format", "raw", "-o", str(out_dir / f"flat-profile-{role}.txt")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for role, server in servers.items() if server.proc is not None]


def main(argv=None) -> int:
    from bench.run import RESULTS, serve_project

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "reflectie.tar.gz"))
    parser.add_argument("--turns", type=int, default=400)
    parser.add_argument("--profile", type=int, default=0, metavar="SECONDS",
                        help="py-spy both servers for this many seconds ...")
    parser.add_argument("--profile-from", type=int, default=300, metavar="TURN",
                        help="... from this turn on (default 300: a long conversation)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    log_dir = RESULTS / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-flat-"))
    servers: Dict[str, Service] = {}
    try:
        print(f"Serving the assistant (load {_load()}) ...", flush=True)
        servers = serve_project(str(Path(args.model).resolve()), tmp, log_dir)
        post_json(f"{servers['rasa'].url}/webhooks/rest/webhook",
                  {"sender": "flat-warm-up", "message": "hoi"})
        spies: List[subprocess.Popen] = []

        def profile_from(turn: int) -> None:
            if args.profile and turn == args.profile_from:
                spies.extend(_py_spy(servers, log_dir, args.profile))

        print(f"One person, {args.turns} messages ...", flush=True)
        flat = flat_turns(servers["rasa"].url, args.turns, tracker_db=tmp / "var" / "tracker.db",
                          on_turn=profile_from)
        for spy in spies:
            spy.wait(timeout=120)
    finally:
        for server in servers.values():
            server.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    (RESULTS / "flat.json").write_text(json.dumps(flat, indent=2, ensure_ascii=False))
    print(as_markdown(flat))
    for role in servers:
        raw = log_dir / f"flat-profile-{role}.txt"
        if args.profile and raw.exists():
            from bench.profile_summary import as_markdown as profile_markdown
            from bench.profile_summary import summarise

            print(profile_markdown({role: summarise(raw, 0)}))
    return 0 if flat["holds"] and not flat["lost_turns"] else 1


if __name__ == "__main__":
    sys.exit(main())
