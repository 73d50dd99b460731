"""Does a message say a farewell? ("doei", "tot later", "bedankt, dag!": core/leave_taking.yml)

The classifier also reads everyday sentences as `goodbye` ("ik ga er een nachtje over slapen",
0.99), and confidence does not tell them apart. Inside a running reflection such a sentence is
an answer, so actions/exercises/form.py pauses the reflection on a goodbye only when it says a
farewell; a plain "ik ga slapen" can answer "wat doe je dan?" and stays an answer too.
No Rasa here.
"""
import re
from functools import lru_cache
from pathlib import Path
from typing import Pattern

import yaml

from core.normalise import fold

WORDS_FILE = Path(__file__).parent / "leave_taking.yml"


@lru_cache(maxsize=1)
def _pattern() -> Pattern:
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    anywhere = r"(?<!\w)(?:" + "|".join(data["farewells"]) + r")(?!\w)"
    # alone: at the start or after punctuation, then only "hoor"/"allemaal"/"en" or the end
    alone = r"(?:^|[,.!?;:]\s*)(?:" + "|".join(data["alone"]) + r")(?:\s+(?:hoor|allemaal|en))?(?=\s*(?:[,.!?;:]|$))"
    return re.compile("|".join([anywhere, alone, "\U0001f44b"]))


def says_farewell(text: str) -> bool:
    """The message says a farewell (emoji and punctuation around it allowed)."""
    return bool(_pattern().search(fold(text).strip()))
