"""Where a turn's CPU time goes, from py-spy's collapsed stacks (``--format raw``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Dict, List

RATE = 100  # samples per second (bench/run.py asks py-spy for this)

# Parts of a turn, by a path fragment that appears in their stack frames (first match wins
# per part; a sample can count for several parts, e.g. spaCy inside SpacyNLP).
PARTS = {
    "NLU: spaCy pipeline": ("spacy/", "thinc/"),
    "NLU: intent classifier (tf-idf, logistic regression)": ("intent_classifier.py", "sklearn/"),
    "dialogue: TED policy": ("ted_policy.py",),
    "dialogue: rule + memoization policies": ("rule_policy.py", "memoization.py"),
    "TensorFlow (all)": ("tensorflow/", "keras/"),
    "Rasa running actions (utterances, HTTP call to the action server)": ("core/actions/",),
    "validating action server answers (jsonschema)": ("jsonschema/",),
    "tracker store": ("tracker_store.py",),
    "SQLAlchemy (any database)": ("sqlalchemy/",),
    "tracker (de)serialisation, events": ("shared/core/trackers.py", "shared/core/events.py"),
    "lock store": ("lock_store.py",),
    "HTTP (sanic/aiohttp)": ("sanic/", "aiohttp/"),
    "project actions (actions/)": ("(actions/",),
    "reflection store (store)": ("store/",),
}


def summarise(path: Path, turns: int) -> Dict:
    stacks: List = []
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append((stack.split(";"), int(count)))
    total = sum(count for _, count in stacks) or 1
    parts = {}
    for name, fragments in PARTS.items():
        hit = sum(c for frames, c in stacks if any(f in fr for fr in frames for f in fragments))
        if hit:
            parts[name] = round(100 * hit / total, 1)
    leaves = Counter()
    for frames, count in stacks:
        leaves[frames[-1].strip()] += count
    return {
        "samples": total,
        "turns": turns,
        "cpu_ms_per_turn": round(1000 * total / RATE / max(turns, 1), 1),
        "parts_pct": dict(sorted(parts.items(), key=lambda kv: -kv[1])),
        "top_self": [(frame, round(100 * c / total, 1)) for frame, c in leaves.most_common(8)],
    }


def as_markdown(profile: Dict[str, Dict]) -> str:
    lines = ["## Profile (py-spy, one person chatting; % of the process's busy samples)"]
    for role, summary in profile.items():
        lines += ["", f"**{role}**: {summary['samples']} samples over {summary['turns']} turns, "
                      f"≈{summary['cpu_ms_per_turn']} ms CPU per turn", "",
                  "| part of a turn | % |", "|---|---:|"]
        lines += [f"| {name} | {pct} |" for name, pct in summary["parts_pct"].items()]
        lines += ["", "Hottest functions (self time): " + "; ".join(
            f"`{frame[:90]}` {pct}%" for frame, pct in summary["top_self"][:5])]
    return "\n".join(lines)
