"""`kennen`: knowing someone from their own perspective, not from a fixed picture.

Closing: the person's version next to the other's own version (as they imagine it), and what
differs between the two, in their words.
"""
from typing import Dict, List, Optional, Tuple

from actions.exercises.base import NAME, Exercise, Question, quote, wie, words
from actions.noticing import ABSOLUTE, analyse
from core import texts

# Small words that say little about how someone is seen.
_STOP = {
    "aan", "al", "alle", "als", "altijd", "bij", "dan", "dat", "de", "die", "dit", "doet", "door",
    "een", "en", "er", "ge", "geen", "haar", "had", "heb", "heeft", "hem", "het", "hij", "hun", "ik",
    "in", "is", "je", "jij", "kan", "me", "mij", "mijn", "met", "na", "naar", "niet", "nog", "nooit",
    "of", "om", "ook", "op", "over", "te", "tot", "toch", "uit", "van", "voor", "wat", "was", "we",
    "wel", "wil", "zal", "ze", "zich", "zij", "zijn", "zo", "zou", "echt", "heel", "erg", "gewoon",
    "want", "maar", "omdat", "dus", "hoe", "waar", "wordt", "word", "ben", "bent", "doe", "soms",
    "iets", "veel", "weer", "wie", "mee", "men", "moet", "moeten", "ons", "onze", "jou", "jouw",
}


def _content(text: str) -> List[str]:
    return [w.lower() for w in words(text) if len(w) > 3 and w.lower() not in _STOP]


def distinctive(mine: str, theirs: str) -> Tuple[Optional[str], Optional[str]]:
    """A word only in their own version of the other, and one only in the other's version."""
    a, b = _content(mine), _content(theirs)
    only_a = next((w for w in a if w not in b), None)
    only_b = next((w for w in b if w not in a), None)
    return only_a, only_b


class Kennen(Exercise):
    key = "kennen"
    questions = (
        Question("wie", NAME, skippable=False),
        Question("jouw_versie"),
        Question("hun_versie"),
        Question("verschil"),
    )

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        return texts.KENNEN_QUESTIONS[question.key].format(wie=wie(answers.get("wie")))

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        person = wie(answers.get("wie"))
        mine, theirs = answers.get("jouw_versie"), answers.get("hun_versie")
        lines = []
        if mine and theirs:
            lines.append(texts.KENNEN_CLOSING_VERSIONS.format(a=quote(mine), b=quote(theirs), wie=person))
            absolutes = analyse(mine).values(ABSOLUTE)
            theirs_low = theirs.lower()
            absolute = next((w for w in absolutes if w not in theirs_low), None)
            x, y = distinctive(mine, theirs)
            if absolute:
                lines.append(texts.KENNEN_CLOSING_ABSOLUTE.format(x=absolute, wie=person))
            elif x and y:
                lines.append(texts.KENNEN_CLOSING_WORDS.format(x=x, y=y, wie=person))
            elif not x and not y:
                lines.append(texts.KENNEN_CLOSING_SAME)
        change = answers.get("verschil")
        if change:
            lines.append(texts.KENNEN_CLOSING_CHANGE.format(a=quote(change)))
        question = texts.KENNEN_CLOSING_QUESTION if mine and theirs else texts.CLOSING_OPEN_QUESTION
        return [lines + [question]]
