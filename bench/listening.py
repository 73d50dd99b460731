"""The listening corpora ("Feeling heard"): does the reply name what a good listener names first?

"Names" means: the reply contains at least one of the message's `names`, case and accents
ignored, matched at a word start and allowing endings ("avond" matches "avonden", "man" does not
match "manier"). Used by tests/conversations/test_listening.py (floors in `make test`) and by
bench/quality.py (`make nlu-report`, both parts).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Sequence

import yaml

from core.normalise import fold

CORPORA = Path(__file__).resolve().parents[1] / "tests" / "corpora"
TUNING = CORPORA / "listening.yml"
HELD_OUT = CORPORA / "sharing_heldout.yml"  # frozen: never tuned on
CONVERSATIONS = CORPORA / "conversations.yml"

#: goodbye words in a reply
_GOODBYE = re.compile(r"\b(?:tot (?:een volgende keer|ziens|later|morgen|de volgende)|dag|slaapwel|welterusten)\b")


def messages(path: Path) -> List[Dict]:
    return yaml.safe_load(path.read_text("utf-8"))["messages"]


def conversations() -> List[Dict]:
    return yaml.safe_load(CONVERSATIONS.read_text("utf-8"))["conversations"]


def names(reply: str, words: Iterable[str]) -> bool:
    """The reply names one of the words (case and accents ignored, at a word start, endings allowed)."""
    folded = fold(reply)
    return any(re.search(r"(?<!\w)" + re.escape(fold(w)), folded) for w in words)


def without_quotes(reply: str) -> str:
    """The reply without quotes of their words (a question mark inside a quote is theirs)."""
    return re.sub(r"“[^”]*”|\"[^\"]*\"", "“”", reply)


def questions(reply: str) -> int:
    return without_quotes(reply).count("?")


def is_goodbye(reply: str) -> bool:
    return bool(_GOODBYE.search(fold(reply))) and questions(reply) == 0


def acknowledges(reply: str) -> bool:
    """Something is said besides a question: at least one sentence that does not ask."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+", without_quotes(reply).strip()) if p]
    return bool(parts) and any(not p.endswith("?") for p in parts) and "begreep ik niet" not in reply


def names_rate(say: Callable[[str], str], corpus: Sequence[Dict]) -> Dict:
    """Share of messages whose reply names one of their `names`; the misses with their replies."""
    misses = []
    for item in corpus:
        reply = say(item["text"])
        if not names(reply, item["names"]):
            misses.append({"text": item["text"], "names": item["names"], "reply": reply})
    total = len(corpus)
    return {"rate": round((total - len(misses)) / total, 3) if total else 0.0, "named": total - len(misses),
            "total": total, "misses": misses}
