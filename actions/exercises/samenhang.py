"""`samenhang`: sense of coherence about a current situation, as three open questions: how
would you explain it, what helps you carry it (yourself, and the hands held out to you), and
what makes it worth it, what gets you up in the morning.

Closing: which of the three seemed hardest, from their answers (a skipped question, "nee",
"niet", "weet ik niet" …); when that is unclear, the person is asked which one it was."""
import re
from typing import Dict, List, Optional

from actions.exercises.base import Exercise, Question, is_dont_know, quote
from core import texts

ASPECTS = ("begrijpen", "grip", "zin")
_HARD = re.compile(
    r"\b(?:nee|neen|nie|niet|ni|geen|nauwelijks|amper|moeilijk|lastig|zwaar|twijfel\w*|weinig|"
    r"nooit|totaal\s+niet|helemaal\s+niet|onmogelijk|machteloos|geen\s+idee)\b", re.IGNORECASE)
_EASY = re.compile(r"\b(?:ja|jawel|zeker|wel|best|goed|duidelijk|natuurlijk|absoluut)\b", re.IGNORECASE)


def hardness(answer: Optional[str]) -> int:
    """A rough score of how hard a question felt: skipped or "weet ik niet" count as hard."""
    if answer is None:
        return 3
    if is_dont_know(answer):
        return 2
    score = len(_HARD.findall(answer)) * 2 - len(_EASY.findall(answer))
    first = answer.strip().lower()
    if first.startswith(("nee", "neen", "niet echt", "nauwelijks")):
        score += 2
    return score


def hardest(answers: Dict[str, str]) -> Optional[str]:
    """The aspect that seemed hardest, or None when no single one stands out."""
    scores = {a: hardness(answers.get(a)) for a in ASPECTS}
    top = max(scores.values())
    leaders = [a for a, s in scores.items() if s == top]
    return leaders[0] if top > 0 and len(leaders) == 1 else None


class Samenhang(Exercise):
    key = "samenhang"
    questions = (
        Question("situatie", skippable=False),
        Question("begrijpen", short_ok=True),
        Question("grip", short_ok=True),
        Question("zin", short_ok=True),
    )

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        return texts.SAMENHANG_QUESTIONS[question.key]

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        aspect = hardest(answers)
        if aspect is not None:
            parts = [texts.SAMENHANG_CLOSING_HARDEST.format(aspect=texts.SAMENHANG_ASPECTS[aspect])]
            if answers.get(aspect):
                parts.append(texts.SAMENHANG_CLOSING_HARDEST_QUOTE.format(a=quote(answers[aspect])))
            return [parts + [texts.SAMENHANG_CLOSING_HARDEST_QUESTION]]
        situation = answers.get("situatie")
        about = f"“{quote(situation, 60)}”" if situation else texts.SAMENHANG_SITUATION_FALLBACK
        return [[texts.SAMENHANG_CLOSING_UNCLEAR.format(situatie=about),
                 texts.SAMENHANG_CLOSING_UNCLEAR_QUESTION]]
