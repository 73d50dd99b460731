"""The Dutch reply: one noticing sentence and one open question (templates in core/texts.py),
varied, and checked by the advice guard before anything is sent."""
import re
import zlib
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

from spacy.language import Language

from actions.noticing.analysis import (
    ABSOLUTE,
    CONTRAST,
    EVENT,
    FEELING,
    LABEL,
    RELATION,
    SELF_BLAME,
    TIME,
    Analysis,
    Notice,
    analyse,
    clean,
)
from core import texts
from core.advice_guard import is_clean

MAX_REPLY = 280
SINCE = ("sinds", "sedert", "na", "sindsdien")
#: an event clause that can follow a feeling: "je je eenzaam voelt, sinds je vrouw is overleden"
AFTER_FEELING = SINCE + ("nu", "toen", "door", "omdat", "vanwege", "als")


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
    if notice.kind == EVENT:
        if notice.variant == "gevoel":
            return texts.NOTICE_EVENT_FEELING_LEADS, texts.NOTICE_EVENT_QUESTIONS
        if notice.variant == "verlies":
            leads = texts.NOTICE_EVENT_LOSS_LEADS
        else:
            leads = texts.NOTICE_EVENT_LEADS
        return leads, texts.NOTICE_EVENT_QUESTIONS
    if notice.kind == TIME:
        if notice.variant == "naam":
            return texts.NOTICE_TIME_LEADS, texts.NOTICE_EVENT_QUESTIONS
        return texts.NOTICE_TIME_LEADS, texts.NOTICE_TIME_QUESTIONS
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


def _tidy_punctuation(text: str) -> str:
    """No doubled punctuation: '…?”.' -> '…?”', '..' -> '.', ', .' -> '.'."""
    text = re.sub(r"([.!?…])([”\"]?)\.", r"\1\2", text)
    text = re.sub(r"\s+([,.])", r"\1", text)
    return re.sub(r",([.?!])", r"\1", text)


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
        combos.append(_tidy_punctuation(_capitalise(lead.format(**slots)) + " " + _capitalise(question.format(**slots))))
    return list(dict.fromkeys(combos))


def _pick(candidates: Iterable[str], previous: Sequence[str], own_words: str = "") -> Optional[str]:
    """The first candidate that is short, clean and unlike the previous replies (same opening avoided).
    `own_words`: their message (quotes of it are theirs, not advice)."""
    usable = [c for c in candidates if len(c) <= MAX_REPLY and is_clean(c, own_words)]
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


def _with_feeling(notices: List[Notice]) -> List[Notice]:
    """An event after a feeling in one sentence ('ik voel me eenzaam sinds ...'): both, in one notice."""
    if not notices or notices[0].kind != EVENT or notices[0].slots.get("start") not in AFTER_FEELING:
        return notices
    van = int(notices[0].slots.get("van", "0"))
    feeling = next((n for n in notices if n.kind == FEELING and n.variant == "zin" and n.position < van), None)
    if feeling is None:
        return notices
    event = notices[0]
    both = Notice(EVENT, event.value, event.quote, event.score, event.position, "gevoel",
                  {**event.slots, "gevoel": feeling.slots["zin"]})
    return [both, *notices]


def compose(analysis: Analysis, previous: Sequence[str] = (), seed: int = 0) -> Reply:
    """One noticing sentence + one open question for the best notice; never equal to the last reply."""
    previous = [p for p in previous if p]
    options: List[Optional[Notice]] = [*_with_feeling(analysis.notices)[:4], None]
    for notice in options:
        leads, questions = _templates(notice)
        slots = notice.slots if notice else {}
        text = _pick(_candidates(leads, questions, slots, seed), previous, analysis.text)
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


def advice_reply(anchor: Optional[Notice], turn: int = 0, previous: Sequence[str] = (),
                 acknowledge: bool = False, own_words: str = "") -> str:
    """An honest refusal to advise, a tie to their latest message (when it says something), and a
    reflective question; after sad content an acknowledgement comes first."""
    previous = [p for p in previous if p]
    options = []
    ack = texts.ADVICE_ACKNOWLEDGEMENTS[turn % len(texts.ADVICE_ACKNOWLEDGEMENTS)] + " " if acknowledge else ""
    for k in range(len(texts.ADVICE_REFUSALS) * len(texts.ADVICE_QUESTIONS)):
        refusal = texts.ADVICE_REFUSALS[(turn + k) % len(texts.ADVICE_REFUSALS)]
        question = texts.ADVICE_QUESTIONS[(turn + k + k // len(texts.ADVICE_REFUSALS)) % len(texts.ADVICE_QUESTIONS)]
        tie = ""
        if anchor is not None and anchor.quote:
            tie = texts.ADVICE_TIES[(turn + k) % len(texts.ADVICE_TIES)].format(zin=anchor.quote) + " "
        options += [f"{ack}{refusal} {tie}{question}", f"{ack}{refusal} {question}"]
    return _pick([_tidy_punctuation(o) for o in options], previous, own_words) or texts.ADVICE_REFUSALS[0]


def topic(notice: Optional[Notice]) -> str:
    """A few words for what a message was about, for a summary: 'je vrouw', 'de avonden'."""
    if notice is None:
        return ""
    if notice.kind == RELATION:
        return notice.slots.get("wie", "")
    if notice.kind in (EVENT, TIME):
        return notice.slots.get("onderwerp", "")
    if notice.kind == FEELING and notice.variant == "zin":
        return "hoe " + notice.slots["zin"]
    return ""


def summary_reply(reply: Reply, earlier: Sequence[Analysis], seed: int = 0) -> Optional[str]:
    """The reply's noticing sentence, a short summary of what they told before, and no question.
    None when fewer than two earlier things can be named."""
    topics: List[str] = []
    for analysis in earlier:
        for notice in [analysis.best] + [n for n in analysis.notices if n.kind == RELATION]:
            t = topic(notice)
            if t and t not in topics:
                topics.append(t)
                break
    topics = topics[-3:]
    if len(topics) < 2:
        return None
    onderwerpen = ", ".join(topics[:-1]) + " en " + topics[-1]
    lead = reply.text.rsplit("?", 1)[0]
    sentences = re.split(r"(?<=[.!”])\s+", lead)
    noticed = " ".join(sentences[:-1]) if reply.text.endswith("?") and len(sentences) > 1 else reply.text
    summary = texts.NOTICE_SUMMARY[seed % len(texts.NOTICE_SUMMARY)].format(onderwerpen=onderwerpen)
    ending = texts.NOTICE_SUMMARY_ENDINGS[seed % len(texts.NOTICE_SUMMARY_ENDINGS)]
    text = _tidy_punctuation(f"{noticed} {summary} {ending}")
    return text if is_clean(text) and len(text) <= MAX_REPLY + 120 else None
