"""A short acknowledgement of the answer just given, said before the next question, so that a
reflection feels like a conversation and not a form.

Short and painful answers ("niemand", "nee", "weet ik niet", an emoji) are received as real
answers. Now and then the acknowledgement names something from the answer (a person, the names
on a list); which variant is said depends on the answer itself, so it varies but stays the same
for the same words (testable, no randomness).
"""
import re
import zlib
from typing import Dict, List, Optional, Sequence

from actions.exercises.base import (
    LIST,
    NAME,
    SKIPPED,
    Exercise,
    Question,
    is_dont_know,
    is_short_answer,
    is_symbol_only,
    wie,
    words,
)
from core import texts


def pick(options: Sequence[str], seed_text: str, salt: str = "") -> str:
    """One of `options`, chosen by the words themselves (varied, but stable for the same answer)."""
    return options[zlib.crc32(f"{salt}|{seed_text}".encode("utf-8")) % len(options)]


def _join(names: List[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " en " + names[-1]


def _list_ack(exercise: Exercise, question: Question, text: str) -> Optional[str]:
    from actions.exercises.vier_lijstjes import parse_names, short_name  # no import cycle

    names = parse_names(text)
    if names is None:
        return None
    if names == []:
        nobody = texts.ACK_NOBODY_BY_QUESTION.get(f"{exercise.key}:{question.key}")
        return nobody or pick(texts.ACK_NOBODY, text, question.key)
    shown = [short_name(n) for n in names[:4]]
    if len(names) > 4:
        return pick(texts.ACK_LIST_MANY, text, question.key).format(aantal=len(names))
    return pick(texts.ACK_LIST, text, question.key).format(namen=_join(shown))


# Life events an answer may tell about, and how an acknowledgement names them.
_EVENTS = [
    (re.compile(r"\b(?:overleden|overlijden|gestorven|sterven|begrafenis|afscheid\s+moeten\s+nemen)\b", re.I),
     "dat verlies"),
    (re.compile(r"\bpensioen\w*|\bgepensioneerd\b", re.I), "je pensioen"),
    (re.compile(r"\b(?:scheiding|gescheiden|uit\s+elkaar)\b", re.I), "de scheiding"),
    (re.compile(r"\b(?:verhuisd|verhuizing|verhuizen)\b", re.I), "de verhuizing"),
    (re.compile(r"\b(?:ontslag|ontslagen|werkloos|mijn\s+(?:baan|werk)\s+kwijt)\b", re.I), "het verlies van je werk"),
    (re.compile(r"\b(?:ziek|ziekte|diagnose|kanker|ziekenhuis)\b", re.I), "de ziekte"),
]
# Questions where the answer tells what happened: an event there is named first.
_EVENT_QUESTIONS = {"samenhang:situatie", "positieve_gezondheid:hoe_nu", "reflectievragen:afstand"}


def event_of(text: str) -> Optional[str]:
    """How to name a life event the answer tells about ("je pensioen"), or None."""
    return next((name for rx, name in _EVENTS if rx.search(text or "")), None)


def acknowledgement(exercise: Exercise, question: Question, text: Optional[str],
                    answers: Dict[str, str]) -> Optional[str]:
    """What to say about the answer `text` to `question`, before the next question (None: nothing).
    `answers`: the answers so far ({question key: text}), for the person the reflection is about."""
    if not text or text == SKIPPED:
        return None
    if is_dont_know(text):
        return pick(texts.ACK_DONT_KNOW, text, question.key)
    if is_symbol_only(text):
        return pick(texts.ACK_SYMBOL, text, question.key)
    if question.kind == LIST:
        listed = _list_ack(exercise, question, text)
        if listed:
            return listed
    if question.kind == NAME:
        return pick(texts.ACK_NAME, text, question.key).format(wie=wie(text, full=True))
    if is_short_answer(text):
        own = texts.ACK_NOBODY_BY_QUESTION.get(f"{exercise.key}:{question.key}")
        if own and text.strip().lower().startswith(("niemand", "geen")):
            return own
        return pick(texts.ACK_SHORT, text, question.key)
    event = event_of(text) if f"{exercise.key}:{question.key}" in _EVENT_QUESTIONS else None
    if event:
        return pick(texts.ACK_EVENT, text, question.key).format(gebeurtenis=event)
    specific = texts.ACK_BY_QUESTION.get(f"{exercise.key}:{question.key}")
    # Now and then (about every other answer) something from the answer is named.
    if specific and zlib.crc32(text.encode("utf-8")) % 3 != 0:
        return pick(specific, text, question.key).format(wie=wie(answers.get("wie")))
    plain = texts.ACK_LONG if len(words(text)) > 25 else texts.ACK_PLAIN
    return pick(plain, text, question.key)

