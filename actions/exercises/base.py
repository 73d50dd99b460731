"""What a guided reflection is, and the small text helpers the reflections share.

A reflection is a list of questions answered in the generic slots `antwoord_1` … `antwoord_6`.
Answers are passed around as a dict {question key: text}; a skipped question has no entry
(the slot then holds SKIPPED).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from actions.noticing import analyse, compose, second_person, seed_for
from core import texts

MAX_QUESTIONS = 6
SLOTS = [f"antwoord_{i}" for i in range(1, MAX_QUESTIONS + 1)]
SKIPPED = "[overgeslagen]"
QUOTE_CHARS = 90

# What an answer is, for validation.
FREE, NAME, LIST, CHOICE = "free", "name", "list", "choice"

_DONT_KNOW = re.compile(
    r"^\W*(?:ik\s+)?(?:weet\s+(?:ik\s+)?(?:het\s+)?(?:echt\s+)?(?:niet|ni|nie|nog\s+niet)|"
    r"(?:'?k|ik)\s+weet\s+(?:het\s+)?(?:niet|ni|nie)|geen\s+(?:flauw\s+)?idee|"
    r"dat\s+weet\s+ik\s+(?:niet|ni|nie)|geen\s+flauw\s+benul|idk)\W*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Question:
    key: str
    kind: str = FREE
    skippable: bool = True


class Exercise:
    """One guided reflection. Subclasses set `key` and `questions` and may refine the hooks."""

    key: str = ""
    questions: Sequence[Question] = ()

    def active_questions(self, answers: Dict[str, str]) -> List[Question]:
        """The questions for this person (some depend on earlier answers)."""
        return list(self.questions)

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        raise NotImplementedError

    def check(self, question: Question, text: str, answers: Dict[str, str]) -> Optional[str]:
        """An exercise-specific hint key when the answer deserves a second try, else None."""
        return None

    def hint_text(self, hint: str, answers: Dict[str, str]) -> Optional[str]:
        """Text for an exercise-specific hint key (None: not ours)."""
        return None

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        """Messages (each a list of parts) that reflect back what was noticed, ending in a question.

        Parts that quote the person may be dropped before sending when they fail the advice
        guard, so every part stands on its own."""
        raise NotImplementedError


# --- helpers -------------------------------------------------------------------


def words(text: str) -> List[str]:
    return _WORD.findall(text or "")


def is_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.match((text or "").strip()))


def is_empty(text: Optional[str]) -> bool:
    return not words(text or "")


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """Their words, on one line, shortened at a word boundary; no quote marks inside."""
    flat = " ".join((text or "").replace("“", "").replace("”", "").replace('"', "").split())
    if len(flat) <= limit:
        return flat.rstrip(" .")
    cut = flat[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:") + "…"


def wie(text: Optional[str]) -> str:
    """The person they chose, ready to repeat: 'mijn zus' -> 'je zus'; long answers -> 'die persoon'."""
    if not text or text == SKIPPED or is_dont_know(text):
        return texts.WIE_FALLBACK
    cleaned = re.sub(r"[^\w\s'’-]", " ", text, flags=re.UNICODE)
    parts = cleaned.split()
    if not parts or len(parts) > 3:
        return texts.WIE_FALLBACK
    phrase = second_person(" ".join(parts))
    first = phrase.split()[0]
    if first.lower() in {"de", "het", "een"}:
        phrase = phrase[0].lower() + phrase[1:]
    elif first.lower() not in {"je", "jouw", "jullie"} and first[0].islower():
        phrase = "je " + phrase if len(parts) == 1 else phrase
    return phrase


def notice_reply(parts: Sequence[str], seed_text: str = "") -> Optional[str]:
    """What the noticing engine would reflect back on these answers, or None if nothing specific."""
    usable = [p for p in parts if p and p != SKIPPED and not is_dont_know(p)]
    if not usable:
        return None
    analysis = analyse("\n".join(usable))
    if not analysis.notices:
        return None
    return compose(analysis, (), seed_for(seed_text or usable[-1])).text
