"""The Dutch reply: one noticing sentence and one open question (templates in core/texts.py),
varied, and checked by the advice guard before anything is sent."""
import zlib
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

from spacy.language import Language

from actions.noticing.analysis import (
    ABSOLUTE,
    CONTRAST,
    FEELING,
    LABEL,
    RELATION,
    SELF_BLAME,
    Analysis,
    Notice,
    analyse,
    clean,
)
from core import texts
from core.advice_guard import is_clean

MAX_REPLY = 280


class Reply(NamedTuple):
    text: str
    notice: Optional[Notice]


def _templates(notice: Optional[Notice]) -> Tuple[Sequence[str], Sequence[str]]:
    """(leads, questions) for a notice; the open invitation for None."""
    if notice is None:
        return texts.NOTICE_OPEN_LEADS, texts.NOTICE_OPEN_QUESTIONS
    if notice.kind == FEELING:
        if notice.variant == "again":
            return texts.NOTICE_FEELING_AGAIN_LEADS, texts.NOTICE_FEELING_AGAIN_QUESTIONS
        leads = texts.NOTICE_FEELING_LEADS if notice.variant == "zin" else texts.NOTICE_FEELING_WORD_LEADS
        return leads, texts.NOTICE_FEELING_QUESTIONS
    if notice.kind == RELATION:
        if notice.variant == "again":
            return texts.NOTICE_RELATION_AGAIN_LEADS, texts.NOTICE_RELATION_AGAIN_QUESTIONS
        return texts.NOTICE_RELATION_LEADS, texts.NOTICE_RELATION_QUESTIONS
    if notice.kind == LABEL:
        leads = texts.NOTICE_LABEL_NAME_LEADS + texts.NOTICE_LABEL_LEADS if notice.variant == "naam" \
            else texts.NOTICE_LABEL_LEADS
        return leads, texts.NOTICE_LABEL_QUESTIONS
    return {
        CONTRAST: (texts.NOTICE_CONTRAST_LEADS, texts.NOTICE_CONTRAST_QUESTIONS),
        ABSOLUTE: (texts.NOTICE_ABSOLUTE_LEADS, texts.NOTICE_ABSOLUTE_QUESTIONS),
        SELF_BLAME: (texts.NOTICE_SELF_BLAME_LEADS, texts.NOTICE_SELF_BLAME_QUESTIONS),
    }[notice.kind]


def _capitalise(sentence: str) -> str:
    for i, c in enumerate(sentence):
        if c.isalpha():
            return sentence[:i] + c.upper() + sentence[i + 1:]
    return sentence


def _candidates(leads: Sequence[str], questions: Sequence[str], slots: Dict[str, str], seed: int) -> List[str]:
    combos = []
    for k in range(len(leads) * len(questions)):
        lead = leads[(seed + k) % len(leads)]
        question = questions[(seed + k // len(leads) + k) % len(questions)]
        combos.append(_capitalise(lead.format(**slots)) + " " + _capitalise(question.format(**slots)))
    return list(dict.fromkeys(combos))


def _pick(candidates: Iterable[str], previous: Sequence[str]) -> Optional[str]:
    """The first candidate that is short, clean and unlike the previous replies (same opening avoided)."""
    usable = [c for c in candidates if len(c) <= MAX_REPLY and is_clean(c)]
    last = previous[-1] if previous else None
    fresh = [c for c in usable if c not in previous]
    for c in fresh:
        if not last or c.split()[:3] != last.split()[:3]:
            return c
    for c in fresh + [c for c in usable if c != last]:
        return c
    return None


def seed_for(text: str, turn: int = 0) -> int:
    return zlib.crc32(clean(text).lower().encode("utf-8")) + turn


def compose(analysis: Analysis, previous: Sequence[str] = (), seed: int = 0) -> Reply:
    """One noticing sentence + one open question for the best notice; never equal to the last reply."""
    previous = [p for p in previous if p]
    options: List[Optional[Notice]] = [*analysis.notices[:4], None]
    for notice in options:
        leads, questions = _templates(notice)
        slots = notice.slots if notice else {}
        text = _pick(_candidates(leads, questions, slots, seed), previous)
        if text:
            return Reply(text, notice)
    fallback = texts.NOTICE_SAFE_FALLBACK
    if previous and previous[-1] == fallback:
        fallback = texts.NOTICE_OPEN_LEADS[0] + " " + texts.NOTICE_OPEN_QUESTIONS[1]
    return Reply(fallback, None)


def respond(text: str, earlier_texts: Sequence[str] = (), previous: Sequence[str] = (),
            nlp: Optional[Language] = None) -> Reply:
    """Analyse and compose in one go (what `action_notice` sends)."""
    return compose(analyse(text, earlier_texts, nlp), previous, seed_for(text))


def advice_reply(anchor: Optional[Notice], turn: int = 0, previous: Sequence[str] = ()) -> str:
    """An honest refusal to advise, a tie to what they said (when known), and a reflective question."""
    previous = [p for p in previous if p]
    options = []
    for k in range(len(texts.ADVICE_REFUSALS) * len(texts.ADVICE_QUESTIONS)):
        refusal = texts.ADVICE_REFUSALS[(turn + k) % len(texts.ADVICE_REFUSALS)]
        question = texts.ADVICE_QUESTIONS[(turn + k + k // len(texts.ADVICE_REFUSALS)) % len(texts.ADVICE_QUESTIONS)]
        tie = ""
        if anchor is not None and anchor.quote:
            tie = texts.ADVICE_TIES[(turn + k) % len(texts.ADVICE_TIES)].format(zin=anchor.quote) + " "
        options += [f"{refusal} {tie}{question}", f"{refusal} {question}"]
    return _pick(options, previous) or texts.ADVICE_REFUSALS[0]
