"""`geven_om`: practising noticing instead of worrying, advising, fixing or reassuring.

The person's sentence for the other is recognised as noticing, worry, advice, fixing or
reassurance (advice/reassurance/worry with the patterns of core/advice_guard.py). When it
is not noticing, they hear so gently and get one more try.
"""
import re
from typing import Dict, List, Optional

from actions.exercises.base import NAME, Exercise, Question, is_dont_know, quote, wie
from core import texts
from core.advice_guard import find_violations, normalise

NOTICING, WORRY, ADVICE, FIXING, REASSURANCE, OTHER = (
    "noticing", "worry", "advice", "fixing", "reassurance", "other")

# Guard rules (by name, see core/advice_guard.py) that are worry or reassurance, not advice.
_WORRY_RULES = {"ik maak me zorgen", "ik ben bezorgd"}
_REASSURANCE_RULES = {
    "maak je geen zorgen", "geen zorgen", "het komt wel goed", "het valt wel mee", "kop op", "kom op",
    "denk positief", "zie het positief", "niet zo somber", "wees gerust", "hou vol", "het kan erger",
    "het ligt niet aan jou", "niet jouw schuld",
}
# "ik zou het fijn vinden als …" is no advice in a sentence to someone else.
_IGNORED_RULES = {"ik zou ..."}

_WORRY = [
    r"\bik\s+(?:ben|word)\s+(?:\w+\s+)?bang\s+dat\b",
    r"\bik\s+lig\s+er\s+wakker\s+van\b",
    r"\bik\s+maak\s+(?:me|mij)\s+(?:\w+\s+){0,3}?(?:zorgen|druk)\b",
    r"\b(?:zorgen|ongerust|bezorgd)\s+(?:om|over)\s+(?:jou|je|u)\b",
]
_FIXING = [
    r"\bik\s+(?:regel|los|fix|help|doe|kom|breng|bel|zoek|maak)\b[^.?!]{0,40}\b(?:voor\s+(?:je|jou|u)|wel|op)\b",
    r"\bzal\s+ik\b",
    r"\blaat\s+(?:mij|me)\s+(?:maar|het|dat|even)\b",
    r"\bik\s+(?:kan|wil)\s+(?:je|jou|u)\s+(?:wel\s+)?helpen\b",
    r"\bik\s+(?:los|regel)\s+(?:het|dat|dit|alles)\b",
    r"\bik\s+weet\s+(?:wel\s+)?(?:een|de)\s+oplossing\b",
]
_NOTICING = [
    r"\b(?:het\s+)?valt\s+(?:me|mij)\s+op\b",
    r"\bik\s+(?:zie|merk|hoor|zag|merkte|hoorde|lees|las)\b",
    r"\bik\s+heb\s+(?:gezien|gemerkt|gehoord)\b",
    r"\bje\s+(?:lijkt|leek|bent|was|klinkt|klonk)\b",
    r"\bopgevallen\b",
]
# A question that carries advice ("heb je al eens aan … gedacht?"): no invitation, a suggestion.
_ADVICE_QUESTION = [
    r"\bheb\s+je\s+(?:al\s+)?(?:eens\s+|ooit\s+)?(?:aan|over)\b[^.?!]{0,60}\bgedacht\b",
    r"\bheb\s+je\s+(?:al\s+)?(?:eens\s+|ooit\s+)?[^.?!]{0,40}\b(?:geprobeerd|overwogen)\b",
    r"\bwaarom\s+(?:ga|doe|probeer|bel|zoek|neem|vraag)\s+je\s+(?:niet|geen)\b",
    r"\bzou\s+je\s+(?:niet\s+)?(?:eens|beter|misschien)\b",
    r"\b(?:kun|kan|moet|zou)\s+je\s+(?:niet\s+)?(?:eens|beter|misschien)\b",
    r"\bmisschien\s+(?:moet|kun|kan|zou)\s+je\b",
    r"\bwat\s+dacht\s+je\s+van\b",
    r"\bhet\s+kan\s+helpen\s+om\b",
    r"\bals\s+ik\s+(?:jou|u)\s+was\b",
    r"\bwil\s+je\s+niet\s+(?:eens|liever)\b",
]
_WORRY_RX = [re.compile(r) for r in _WORRY]
_ADVICE_QUESTION_RX = [re.compile(r) for r in _ADVICE_QUESTION]
_FIXING_RX = [re.compile(r) for r in _FIXING]
_NOTICING_RX = [re.compile(r) for r in _NOTICING]


def classify(sentence: str) -> str:
    """What kind of sentence the person wrote for the other (checked in this order)."""
    norm = normalise(sentence)
    rules = {v.rule for v in find_violations(sentence)} - _IGNORED_RULES
    if rules & _WORRY_RULES or any(rx.search(norm) for rx in _WORRY_RX):
        return WORRY
    if rules & _REASSURANCE_RULES:
        return REASSURANCE
    if rules or any(rx.search(norm) for rx in _ADVICE_QUESTION_RX):
        return ADVICE
    if any(rx.search(norm) for rx in _FIXING_RX):
        return FIXING
    if any(rx.search(norm) for rx in _NOTICING_RX):
        return NOTICING
    return OTHER


def invites(sentence: str) -> bool:
    return "?" in (sentence or "")


class GevenOm(Exercise):
    key = "geven_om"
    questions = (
        Question("wie", NAME, skippable=False),
        Question("opgemerkt", short_ok=True),
        Question("zin", skippable=False),
    )

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        return texts.GEVEN_OM_QUESTIONS[question.key].format(wie=wie(answers.get("wie")))

    # Once the name is known, the name is used ("Sanne"), not the whole phrase ("je collega Sanne").

    def check(self, question: Question, text: str, answers: Dict[str, str]) -> Optional[str]:
        if question.key != "zin":
            return None
        kind = classify(text)
        return f"geven_om:{kind}" if kind in texts.HINT_GEVEN_OM else None

    def hint_text(self, hint: str, answers: Dict[str, str]) -> Optional[str]:
        kind = hint.partition(":")[2]
        if not hint.startswith("geven_om:") or kind not in texts.HINT_GEVEN_OM:
            return None
        return texts.HINT_GEVEN_OM[kind].format(wie=wie(answers.get("wie")))

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        person = wie(answers.get("wie"))
        sentence = answers.get("zin")
        if sentence and is_dont_know(sentence):  # "weet ik niet" is no sentence to quote or praise
            noticed = answers.get("opgemerkt")
            lines = [texts.GEVEN_OM_CLOSING_NO_SENTENCE]
            if noticed and not is_dont_know(noticed):
                lines.append(texts.GEVEN_OM_CLOSING_SAW.format(a=quote(noticed)))
            return [lines + [texts.GEVEN_OM_CLOSING_QUESTION_LATER.format(wie=person)]]
        if not sentence:
            noticed = answers.get("opgemerkt")
            if not noticed:
                return [[texts.CLOSING_OPEN_QUESTION]]
            return [[texts.GEVEN_OM_CLOSING_OTHER.format(wie=person, a=quote(noticed)),
                     texts.GEVEN_OM_CLOSING_QUESTION.format(wie=person)]]
        kind = classify(sentence)
        first = extra.get("first_try")
        first_kind = classify(first) if first else None
        if kind in texts.GEVEN_OM_LABELS:  # their words are not repeated: they hold advice or worry
            lines = [texts.GEVEN_OM_CLOSING_WROTE.format(wie=person)]
        else:
            lines = [texts.GEVEN_OM_CLOSING_QUOTE.format(wie=person, a=quote(sentence, 160))]
        if kind == NOTICING:
            if first_kind in texts.GEVEN_OM_LABELS:
                lines.append(texts.GEVEN_OM_CLOSING_RETRIED.format(label=texts.GEVEN_OM_LABELS[first_kind]))
            else:
                lines.append(texts.GEVEN_OM_CLOSING_NOTICING)
            lines.append(
                texts.GEVEN_OM_CLOSING_INVITES.format(wie=person) if invites(sentence)
                else texts.GEVEN_OM_CLOSING_NO_QUESTION
            )
        elif kind in texts.GEVEN_OM_LABELS:
            lines.append(texts.GEVEN_OM_CLOSING_STILL.format(label=texts.GEVEN_OM_LABELS[kind]))
        lines.append(texts.GEVEN_OM_CLOSING_QUESTION.format(wie=person))
        return [lines]
