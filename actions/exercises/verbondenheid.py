"""`verbondenheid`: the six directions of connectedness. The person picks one or two that
speak to them, by number or in words, or names their own (a pet, music, faith, a place): their
own direction is accepted and said back in their words. Nothing is scored.

"een" is only the number 1 in a short answer of numbers ("een en drie"), never in a sentence
("ik voel me een met de natuur").

Closing: the chosen directions and what the noticing engine finds in their reflections."""
import re
from typing import Dict, List, Optional

from actions.exercises.base import (
    CHOICE,
    Exercise,
    Question,
    ending_in_question,
    is_dont_know,
    notice_reply,
    quote,
    words,
)
from actions.noticing import second_person
from core import texts

# Words that point to a direction (index into texts.VERBONDENHEID_DIRECTIONS).
_KEYWORDS = [
    (0, r"\b(?:jezelf|mezelf|mijzelf|zelf|ik\s+zelf|binnenkant)\b"),
    (1, r"\b(?:ander|anderen|mensen|vrienden|vriend|vriendin|familie|gewaardeerde|waardeer\w*)\b"),
    (2, r"\b(?:omgeving|natuur|buiten|wijk|buurt|dieren|bos|zee|tuin)\b"),
    (3, r"\b(?:zin|betekenis|zingeving|geloof|spiritu\w*)\b"),
    (4, r"\b(?:afkomst|vandaan|toekomst|verleden|wortels|naartoe|roots)\b"),
    (5, r"\b(?:dingen|spullen|materi\w*|voorwerpen|bezit\w*)\b"),
]
_KEYWORDS_RX = [(i, re.compile(rx, re.IGNORECASE)) for i, rx in _KEYWORDS]
_NUMBER_WORDS = {"een": 1, "één": 1, "eerste": 1, "twee": 2, "tweede": 2, "drie": 3, "derde": 3,
                 "vier": 4, "vierde": 4, "vijf": 5, "vijfde": 5, "zes": 6, "zesde": 6}
_NUMBER_RX = re.compile(r"\b([1-6])\b|\b(" + "|".join(_NUMBER_WORDS) + r")\b")
# Words that may surround numbers in a short choice ("nummer 2 en de vijfde").
_CHOICE_WORDS = {"en", "of", "nummer", "nummers", "de", "het", "richting", "richtingen", "ik", "kies",
                 "vooral", "allebei", "beide", "misschien", "denk", "doe", "maar", "neem"}
_OWN_LEAD = re.compile(r"^(?:(?:ik\s+(?:kies|voel\s+me\s+verbonden|denk\s+aan)|vooral|toch|eigenlijk)\s+)?"
                       r"(?:(?:de\s+)?verbondenheid\s+)?(?:met\s+)?", re.IGNORECASE)
_OWN_SPLIT = re.compile(r"\s*(?:,|;|/|\ben\b|\bof\b)\s*", re.IGNORECASE)
_SMALL_FIRST = {"de", "het", "een", "mijn", "m'n", "mn", "onze", "ons", "al", "alle", "muziek", "mensen",
                "dieren", "mezelf", "mijzelf", "jezelf"}
OWN_WORDS = 5  # an own direction longer than this is not repeated as a label


def _numbers_only(text: str) -> bool:
    """A short choice of numbers ("2 en 3", "een en vier", "nummer vijf")."""
    found = [w.lower() for w in re.findall(r"[^\W_]+", text)]
    return bool(found) and len(found) <= 8 and all(
        w in _NUMBER_WORDS or w in _CHOICE_WORDS or w in {"1", "2", "3", "4", "5", "6"} for w in found)


def parse_directions(text: Optional[str], limit: int = 2) -> List[int]:
    """Indexes of the chosen directions (at most `limit`), by number or by word, in their order."""
    if not text or is_dont_know(text):
        return []
    found = []
    numbers_only = _numbers_only(text)
    for match in _NUMBER_RX.finditer(text.lower()):
        if match.group(1):
            found.append((match.start(), int(match.group(1)) - 1))
        elif numbers_only:
            found.append((match.start(), _NUMBER_WORDS[match.group(2)] - 1))
    for index, rx in _KEYWORDS_RX:
        keyword = rx.search(text)
        if keyword:
            found.append((keyword.start(), index))
    chosen: List[int] = []
    for _, index in sorted(found):
        if index not in chosen:
            chosen.append(index)
    return chosen[:limit]


def own_directions(text: Optional[str], limit: int = 2) -> List[str]:
    """Their own directions in their words, ready to follow "verbondenheid": "mijn hond en muziek"
    -> ["met je hond", "met muziek"]. Empty for a choice by number or a long answer."""
    if not text or is_dont_know(text) or _numbers_only(text) or re.search(r"\b[1-6]\b", text):
        return []
    if len(words(text)) > 2 * OWN_WORDS:
        return []
    own = []
    for part in _OWN_SPLIT.split(text.strip().rstrip(".!?")):
        part = _OWN_LEAD.sub("", part.strip(" .,!?"))
        if not words(part) or len(words(part)) > OWN_WORDS:
            continue
        if part.split()[0].lower() in _SMALL_FIRST:
            part = part[0].lower() + part[1:]
        own.append("met " + second_person(part))
    return own[:limit]


def labels(text: Optional[str]) -> List[str]:
    """The directions as said back: their own words when they used their own, else the six."""
    own = own_directions(text)
    if own:
        return own
    return [texts.VERBONDENHEID_DIRECTIONS[i] for i in parse_directions(text)]


class Verbondenheid(Exercise):
    key = "verbondenheid"
    questions = (
        Question("richtingen", CHOICE, skippable=False, short_ok=True),
        Question("eerste"),
        Question("tweede"),
    )

    def active_questions(self, answers: Dict[str, str]) -> List[Question]:
        chosen = labels(answers.get("richtingen"))
        return list(self.questions if len(chosen) > 1 else self.questions[:2])

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        answer = answers.get("richtingen")
        chosen = labels(answer)
        if question.key == "eerste" and not chosen:
            if answer and not is_dont_know(answer) and words(answer):
                return texts.VERBONDENHEID_QUESTIONS["eerste_eigen"].format(a=quote(answer, 80))
            return texts.VERBONDENHEID_QUESTIONS["eerste_open"]
        position = {"eerste": 0, "tweede": 1}.get(question.key)
        direction = chosen[position] if position is not None and position < len(chosen) else ""
        return texts.VERBONDENHEID_QUESTIONS[question.key].format(richting=direction)

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        answer = answers.get("richtingen")
        chosen = labels(answer)
        if chosen:
            lead = texts.VERBONDENHEID_CLOSING_CHOSEN.format(richtingen=" en ".join(chosen))
        elif answer and not is_dont_know(answer) and words(answer):
            lead = texts.VERBONDENHEID_CLOSING_OWN.format(a=quote(answer, 80))
        else:
            lead = texts.VERBONDENHEID_CLOSING_NONE
        reflections = [answers[k] for k in ("eerste", "tweede") if k in answers]
        reply = notice_reply(reflections, self.key)
        return [[lead, *ending_in_question(reply)]]
