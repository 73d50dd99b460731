"""`verbondenheid`: the six directions of connectedness. The person picks one or two that
speak to them and reflects on them; nothing is scored.

Closing: the chosen directions and what the noticing engine finds in their reflections."""
import re
from typing import Dict, List, Optional

from actions.exercises.base import CHOICE, Exercise, Question, is_dont_know, notice_reply
from core import texts

# Words that point to a direction (index into texts.VERBONDENHEID_DIRECTIONS).
_KEYWORDS = [
    (0, r"\b(?:jezelf|mezelf|mijzelf|zelf|ik\s+zelf|binnenkant)\b"),
    (1, r"\b(?:ander|anderen|mensen|vrienden|vriend|vriendin|familie|gewaardeerde|waardeer\w*)\b"),
    (2, r"\b(?:omgeving|natuur|buiten|wijk|buurt|dieren|bos|zee|tuin)\b"),
    (3, r"\b(?:zin|betekenis|zingeving|geloof|spiritu\w*)\b"),
    (4, r"\b(?:afkomst|vandaan|toekomst|verleden|wortels|naartoe|roots)\b"),
    (5, r"\b(?:dingen|spullen|materi\w*|huis|thuis|voorwerpen|bezit\w*)\b"),
]
_KEYWORDS_RX = [(i, re.compile(rx, re.IGNORECASE)) for i, rx in _KEYWORDS]
_NUMBER_WORDS = {"een": 1, "één": 1, "eerste": 1, "twee": 2, "tweede": 2, "drie": 3, "derde": 3,
                 "vier": 4, "vierde": 4, "vijf": 5, "vijfde": 5, "zes": 6, "zesde": 6}


def parse_directions(text: Optional[str], limit: int = 2) -> List[int]:
    """Indexes of the chosen directions (at most `limit`), by number or by word, in their order."""
    if not text or is_dont_know(text):
        return []
    found = []
    for match in re.finditer(r"\b([1-6])\b|\b(" + "|".join(_NUMBER_WORDS) + r")\b", text.lower()):
        number = int(match.group(1)) if match.group(1) else _NUMBER_WORDS[match.group(2)]
        found.append((match.start(), number - 1))
    for index, rx in _KEYWORDS_RX:
        keyword = rx.search(text)
        if keyword:
            found.append((keyword.start(), index))
    chosen = []
    for _, index in sorted(found):
        if index not in chosen:
            chosen.append(index)
    return chosen[:limit]


class Verbondenheid(Exercise):
    key = "verbondenheid"
    questions = (
        Question("richtingen", CHOICE, skippable=False),
        Question("eerste"),
        Question("tweede"),
    )

    def active_questions(self, answers: Dict[str, str]) -> List[Question]:
        chosen = parse_directions(answers.get("richtingen"))
        return list(self.questions if len(chosen) > 1 else self.questions[:2])

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        chosen = parse_directions(answers.get("richtingen"))
        if question.key == "eerste" and not chosen:
            return texts.VERBONDENHEID_QUESTIONS["eerste_open"]
        position = {"eerste": 0, "tweede": 1}.get(question.key)
        direction = texts.VERBONDENHEID_DIRECTIONS[chosen[position]] if position is not None else ""
        return texts.VERBONDENHEID_QUESTIONS[question.key].format(richting=direction)

    def check(self, question: Question, text: str, answers: Dict[str, str]) -> Optional[str]:
        if question.key == "richtingen" and not is_dont_know(text) and not parse_directions(text):
            return "verbondenheid:geen_richting"
        return None

    def hint_text(self, hint: str, answers: Dict[str, str]) -> Optional[str]:
        return texts.HINT_NO_DIRECTION if hint == "verbondenheid:geen_richting" else None

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        chosen = [texts.VERBONDENHEID_DIRECTIONS[i] for i in parse_directions(answers.get("richtingen"))]
        lead = (texts.VERBONDENHEID_CLOSING_CHOSEN.format(richtingen=" en ".join(chosen)) if chosen
                else texts.VERBONDENHEID_CLOSING_NONE)
        reflections = [answers[k] for k in ("eerste", "tweede") if k in answers]
        reply = notice_reply(reflections, self.key)
        return [[lead, reply or texts.CLOSING_OPEN_QUESTION]]
