"""`positieve_gezondheid`: the six areas of Positive Health as a way to open a conversation,
not to measure. The person chooses the area, says how it is for them and what matters to them
in it; what, if anything, they want to do with it stays theirs (eigen regie). Nothing is scored.

Closing: the area they chose and what they find important, in their words."""
import re
from typing import Dict, List, Optional

from actions.exercises.base import CHOICE, Exercise, Question, is_dont_know, quote, words
from core import texts

_NUMBER_RX = re.compile(r"\b([1-6])\b")
_KEYWORDS = [
    (0, r"\b(?:lichaam|lijf|gezondheid|slapen|slaap|pijn|bewegen|fit|moe)\w*"),
    (1, r"\b(?:mentaal|hoofd|gevoel|gevoelens|piekeren|stress|rust|somber)\w*"),
    (2, r"\b(?:zin|zingeving|betekenis|doel|geloof)\b"),
    (3, r"\b(?:genieten|geluk|kwaliteit|plezier|leven)\b"),
    (4, r"\b(?:meedoen|mensen|contact|contacten|erbij|vrienden|familie|samen)\b"),
    (5, r"\b(?:dagelijks|huishouden|werk|werken|geld|zorgen\s+voor|zelf\s+doen)\w*"),
]
_KEYWORDS_RX = [(i, re.compile(rx, re.IGNORECASE)) for i, rx in _KEYWORDS]


def area(text: Optional[str]) -> Optional[str]:
    """The area they chose, as said back: one of the six, or their own words (short)."""
    if not text or is_dont_know(text) or not text.strip():
        return None
    number = _NUMBER_RX.search(text)
    if number:
        return texts.GEZONDHEID_AREAS[int(number.group(1)) - 1]
    for index, rx in _KEYWORDS_RX:
        if rx.search(text):
            return texts.GEZONDHEID_AREAS[index]
    return None


class PositieveGezondheid(Exercise):
    key = "positieve_gezondheid"
    questions = (
        Question("gebied", CHOICE, skippable=False, short_ok=True),
        Question("hoe_nu", short_ok=True),
        Question("belangrijk"),
        Question("wens", short_ok=True),
    )

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        chosen = area(answers.get("gebied"))
        if question.key == "hoe_nu" and chosen is None:
            return texts.GEZONDHEID_QUESTIONS["hoe_nu_open"]
        return texts.GEZONDHEID_QUESTIONS[question.key].format(gebied=chosen or "")

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        chosen = area(answers.get("gebied"))
        lines = [texts.GEZONDHEID_CLOSING_AREA.format(gebied=chosen) if chosen
                 else texts.GEZONDHEID_CLOSING_OWN]
        important = answers.get("belangrijk")
        if important and not is_dont_know(important):
            lines.append(texts.GEZONDHEID_CLOSING_IMPORTANT.format(a=quote(important)))
        wish = answers.get("wens")
        if wish and not is_dont_know(wish) and len(words(wish)) > 2:
            lines.append(texts.GEZONDHEID_CLOSING_WISH.format(a=quote(wish)))
        return [lines + [texts.GEZONDHEID_CLOSING_QUESTION]]
