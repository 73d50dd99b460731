"""The benchmark's client: simulated people chatting over REST, one thread each.

Every simulated person has their own sender id and walks through a script of turns,
waiting for each answer before sending the next message (like a person in a chat).
"""

from __future__ import annotations

import statistics
import threading
import time
import uuid
from typing import Dict, List, Optional, Tuple

from core.texts import RATE_LIMITED_TEXT, TURN_FAILED_TEXT
from testkit.web import post_json

# A measured reply must be a real answer, never the rate-limit or the turn-failed text.
LOST_TURN_TEXTS = (RATE_LIMITED_TEXT, TURN_FAILED_TEXT)

# The project: sharing (noticing action + reflection write), buttons, a guided reflection
# (form with validation and a reflection written per answer), thanks.
PROJECT_SCRIPT = [
    "hoi",
    "Ik voel me eenzaam sinds mijn zus naar Gent verhuisd is",
    "/just_talk",
    "Op het werk praat niemand echt met me, ook al zit ik de hele dag tussen collega's",
    '/start_exercise{"exercise": "samenhang"}',
    "Mijn moeder is ziek en er komt veel op me af.",
    "Ja, dat kan ik wel uitleggen aan anderen.",
    "Nee, ik heb er eigenlijk geen invloed op.",
    "Ja, zij is het zeker waard.",
    "dank je wel",
]

# The baseline (`rasa init` moodbot): the same number of turns, with a button payload.
BASELINE_SCRIPT = [
    "hello there",
    "I am very sad",
    "yes",
    "/greet",
    "I am feeling great",
    "are you a bot?",
    "no",
    "good morning",
    "perfect",
    "bye",
]


def percentile(values: List[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed_turn(url: str, sender: str, text: str) -> Tuple[float, Optional[str]]:
    """One REST turn: (seconds, None) or (seconds, "http" / "silent" / "lost") when it failed."""
    began = time.perf_counter()
    status, body = post_json(f"{url}/webhooks/rest/webhook", {"sender": sender, "message": text})
    took = time.perf_counter() - began
    if status != 200:
        return took, "http"
    if not body:
        return took, "silent"
    if any(m.get("text") in LOST_TURN_TEXTS for m in body):
        return took, "lost"
    return took, None


def run_load(url: str, script: List[str], users: int, turns_per_user: int = 0,
             seconds: float = 0.0) -> Dict[str, float]:
    """``users`` people at once, each ``turns_per_user`` turns or, with ``seconds``, turns
    until that much time has passed (one session each); latency and throughput."""
    latencies: List[float] = []
    failures = {"http": 0, "silent": 0, "lost": 0}
    lock = threading.Lock()
    start_barrier = threading.Barrier(users)
    began = time.perf_counter()

    def more(turn: int) -> bool:
        if seconds:
            return time.perf_counter() < began + seconds
        return turn < turns_per_user

    def person() -> None:
        sender = f"bench-{uuid.uuid4().hex[:12]}"
        start_barrier.wait()
        turn = 0
        while more(turn):
            took, failure = timed_turn(url, sender, script[turn % len(script)])
            turn += 1
            with lock:
                latencies.append(took)
                if failure:
                    failures[failure] += 1

    threads = [threading.Thread(target=person) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "users": users,
        "turns": len(latencies),
        "seconds": round(wall, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1),
        "max_ms": round(1000 * max(latencies), 1),
        "msgs_per_s": round(len(latencies) / wall, 2),
        "http_errors": failures["http"],
        "silent_turns": failures["silent"],
        "lost_turns": failures["lost"],
    }
