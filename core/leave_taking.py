"""Does a message take leave? ("doei", "tot later", "bedankt, dag!")

The classifier also reads everyday sentences as `goodbye` ("ik ga er een nachtje over slapen",
0.99), and confidence does not tell them apart. Inside a running reflection such a sentence is
an answer, so actions/exercises/form.py pauses the reflection on a goodbye only when it says one
of the farewell words of core/leave_taking.yml. No Rasa here.
"""
import re
from functools import lru_cache
from pathlib import Path
from typing import Pattern

import yaml

from core.normalise import fold

WORDS_FILE = Path(__file__).parent / "leave_taking.yml"
#: "dag" as its own clause: at the start or after punctuation, then only "hoor"/"allemaal" or the end.
_DAG = r"(?:^|[,.!?;:]\s*)da+g(?:\s+(?:hoor|allemaal|en))?(?=\s*(?:[,.!?;:]|$))"


@lru_cache(maxsize=1)
def _pattern() -> Pattern:
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    words = sorted((fold(w) for w in data["words"]), key=len, reverse=True)
    alternatives = [r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", "\U0001f44b"]
    if data.get("dag_alone"):
        alternatives.append(_DAG)
    return re.compile("|".join(alternatives))


def takes_leave(text: str) -> bool:
    """The message says a farewell word (emoji and punctuation around it allowed)."""
    return bool(_pattern().search(fold(text).strip()))
