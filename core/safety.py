"""Crisis safety net: reads a message the way people write and names its safety tier.

Tiers: ``crisis`` (suicide or self-harm signal), ``violence`` (danger from someone else),
``bereaved`` (someone close died by suicide), ``unclear`` (ask directly), ``benign``.
Used by the Rasa server (components/crisis_override.py) and by actions. The grammar and the
spellings are data: core/safety_phrases.yml and core/safety_spelling.yml.
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Pattern

import yaml

from core.normalise import fold

HERE = Path(__file__).parent
PHRASES_FILE = HERE / "safety_phrases.yml"
SPELLING_FILE = HERE / "safety_spelling.yml"

CRISIS, VIOLENCE, BEREAVED, UNCLEAR, BENIGN = "crisis", "violence", "bereaved", "unclear", "benign"
TIERS = (CRISIS, VIOLENCE, BEREAVED, UNCLEAR)  # strongest first
MAX_CHARS = 5000  # longer messages are read in overlapping pieces of this size

_WORD = re.compile(r"[\w']+|[^\w\s]", re.UNICODE)
_MACRO = re.compile(r"<([a-z_]+)>")
_MAX_GLUED = 40  # longer "words" are not split


@dataclass(frozen=True)
class Assessment:
    """What the net found: the tier to answer, and every signal seen."""

    tier: str
    signals: FrozenSet[str]


@lru_cache(maxsize=1)
def _spelling() -> dict:
    return yaml.safe_load(SPELLING_FILE.read_text(encoding="utf-8"))


def _split_glued(word: str, vocab: FrozenSet[str]) -> str:
    """"ikwildood" -> "ik wil dood" when the word is made of >= 3 known words, else the word."""
    if len(word) < 7 or len(word) > _MAX_GLUED:
        return word
    best: List = [None] * (len(word) + 1)  # best[i]: fewest-piece split of word[:i]
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 9), end):
            if best[start] is not None and word[start:end] in vocab:
                if best[end] is None or len(best[start]) + 1 < len(best[end]):
                    best[end] = best[start] + [word[start:end]]
    parts = best[len(word)]
    return " ".join(parts) if parts and len(parts) >= 3 else word


def normalise(text: str) -> str:
    """Lower case, fold accents and curly quotes, drop invisible characters, expand chat spelling."""
    spelling = _spelling()
    chat, vocab = spelling["chat"], frozenset(spelling["glue_words"])
    text = re.sub(r"(.)\1{2,}", r"\1\1", fold(text))  # "nieeeet" -> "niee"
    words = []
    for raw in _WORD.findall(text):
        word = chat.get(raw) or chat.get(raw.strip("'")) or raw.strip("'")
        words += [chat.get(part, part) for part in _split_glued(word, vocab).split()]
    return " ".join(words)


@lru_cache(maxsize=1)
def _grammar() -> Dict[str, List[Pattern]]:
    data = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
    macros: Dict[str, str] = dict(data.pop("macros"))

    def expand(pattern: str, table: Dict[str, str]) -> str:
        return _MACRO.sub(lambda m: table[m.group(1)], pattern)

    for _ in range(3):  # macros may use macros
        macros = {k: expand(v, macros) for k, v in macros.items()}
    return {kind: [re.compile(expand(p, macros)) for p in patterns]
            for kind, patterns in data.items()}


def _any(kind: str, text: str) -> bool:
    return any(p.search(text) for p in _grammar()[kind])


def _blank(kind: str, text: str) -> str:
    for pattern in _grammar()[kind]:
        text = pattern.sub(" | ", text)
    return text


def _signals(norm: str) -> FrozenSet[str]:
    found = set()
    masked = _blank("masks", norm)
    if _any("bereaved", masked):
        found.add(BEREAVED)
        masked = _blank("bereaved", masked)
    masked = _blank("others", masked)
    if _any("crisis", norm) or _any("crisis_loose", masked):
        found.add(CRISIS)
    if _any("violence", norm) or (_any("violence_threat", norm) and not _any("joke", norm)):
        found.add(VIOLENCE)
    if _any("unclear", norm) or _any("unclear_loose", masked):
        found.add(UNCLEAR)
    return frozenset(found)


@lru_cache(maxsize=8)  # one message is checked several times in a turn; keep only a few
def assess(text: str) -> Assessment:
    """The safety tier of a message (any text, any length: never raises on odd input)."""
    text = text if isinstance(text, str) else ""
    pieces = [text[i:i + MAX_CHARS] for i in range(0, len(text), MAX_CHARS - 200)] or [""]
    signals = frozenset().union(*(_signals(normalise(p)) for p in pieces))
    tier = next((t for t in TIERS if t in signals), BENIGN)
    return Assessment(tier, signals)


def tier(text: str) -> str:
    """The safety tier of a message: crisis, violence, bereaved, unclear or benign."""
    return assess(text).tier


def answer_to_question(text: str, intent: Optional[str] = None) -> Optional[bool]:
    """The answer to the direct question: True (yes, or doubt), False (no), None (neither)."""
    norm = normalise(text)
    if _any("answer_no", norm) or (intent == "deny" and not _any("answer_yes", norm)):
        return False
    if _any("answer_yes", norm) or intent == "affirm":
        return True
    return None
