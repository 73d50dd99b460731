"""What a message says: feelings, contrasts, absolutes, people, self-blame and labels.

Runs on the project's spaCy pipeline and needs only tokens, lookup lemmas and the entity ruler
(so it works on the blank Dutch base). The word lists and weights are in lexicon.yml.
"""
import difflib
import html
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token

from actions.language import get_nlp
from actions.noticing.lexicon import LEX
from core.normalise import fold_quotes

MAX_CHARS = 1500  # only this much of a (very) long message is analysed
MAX_EARLIER = 20  # earlier texts looked at for people and feelings that come back
ANALYSED_TEXTS = 512  # texts whose notices the action server keeps (earlier texts come back every turn)
QUOTE_WORDS = 10
CONTRAST_WORDS = 9

FEELING, CONTRAST, ABSOLUTE, RELATION, SELF_BLAME, LABEL, EVENT, TIME = (
    "feeling", "contrast", "absolute", "relation", "self_blame", "label", "event", "time")
EMPHASIS = re.compile(r"\b(?:ergst|zwaarst|moeilijkst|vooral|het meest)\b")
#: a first word that is an answer, not part of what they tell ("ja dat doet pijn")
ANSWER_WORDS = frozenset({"ja", "nee", "neen", "ok", "oké", "oke", "jawel", "mja", "tja", "nou", "ach", "allez",
                          "amai", "awel", "misschien"})
#: verbs at the end of a subordinate clause with "ik" ("sinds ik die klacht heb ingediend")
VERB_FINAL = frozenset({"heb", "ben", "kan", "wil", "zal", "word", "moet", "mag"})
#: words a shortened clause must not end on
LOOSE_ENDS = frozenset({"de", "het", "een", "in", "op", "aan", "met", "van", "voor", "naar", "bij", "om", "te",
                        "z'n", "mijn", "m'n", "je", "zijn", "haar", "die", "dat", "en", "of", "als", "over",
                        "tegen", "uit", "door", "ze", "we", "hun", "onze", "ons", "'t", "er", "dan", "zo"})
TOPIC_DETERMINERS = ("de", "het", "mijn", "m'n", "mn", "onze", "ons")
SUBORDINATE = frozenset({"ccomp", "advcl", "acl", "acl:relcl", "csubj"})  # dependency labels of embedded clauses
EVENT_WORDS = 12  # at most this many words of the clause around an event

W = LEX.weights
# (start, end, canonical word) of a feeling or person in a sentence's tokens
Found = Tuple[int, int, str]


@dataclass
class Notice:
    """One thing worth noticing. `value` is what the reply must mention; `slots` fill templates."""

    kind: str
    value: str
    quote: str
    score: int
    position: int = 0
    variant: str = ""
    slots: Dict[str, str] = field(default_factory=dict)


@dataclass
class Analysis:
    text: str
    notices: List[Notice]

    @property
    def best(self) -> Optional[Notice]:
        return self.notices[0] if self.notices else None

    def values(self, kind: str) -> List[str]:
        return [n.value for n in self.notices if n.kind == kind]


# --- cleaning -------------------------------------------------------------------


def clean(text: str) -> str:
    """Plain text: no HTML, folded quotes, no control characters, bounded to MAX_CHARS (whole sentences)."""
    text = html.unescape(text or "")
    text = re.sub(r"(?is)<(script|style)\b.*?(?:</\1\s*>|$)", " ", text)
    text = re.sub(r"<[^>]*>?", " ", text).replace("<", " ").replace(">", " ")
    text = fold_quotes(text)
    text = "".join(c if c in "\n\t" or unicodedata.category(c)[0] != "C" else " " for c in text)
    text = re.sub(r"[ \t]+", " ", text).strip()
    if len(text) > MAX_CHARS:
        cut = text[:MAX_CHARS]
        end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "), cut.rfind("\n"))
        text = cut[: end + 1] if end > MAX_CHARS // 3 else cut
    return text


def sentences(text: str) -> List[str]:
    parts = re.split(r"(?<=[.!?…])\s+|\n+", text)
    return [p.strip() for p in parts if p.strip()]


def _tidy(fragment: str) -> str:
    """A fragment fit for quoting: only letters, digits and plain punctuation, no loose ends."""
    kept = "".join(c if (unicodedata.category(c)[0] in "LNZ" or c in "'-,.:;!?") else " " for c in fragment)
    kept = re.sub(r"\s+", " ", kept).strip(" ,.:;!?-'")
    return kept.replace("\"", "")


def _words(tokens: Iterable[Token]) -> str:
    return _tidy(" ".join(t.text for t in tokens))


def second_person(phrase: str) -> str:
    """'in mijn eentje' -> 'in je eentje': first person words turned to 'je' forms for a paraphrase."""
    return " ".join(LEX.second_person.get(w.lower(), w) for w in phrase.split())


def turn_person(phrase: str) -> str:
    """Their words as said back to them: 'ik ben verhuisd' -> 'je bent verhuisd', 'mijn vrouw' ->
    'je vrouw'; 'ben ik' -> 'ben je'; third-person words ('haar moeder') stay as they are."""
    words = phrase.split()
    out: List[str] = []
    after_ik = False
    for i, w in enumerate(words):
        low = w.lower()
        prev = words[i - 1].lower() if i else ""
        if prev in ("ik", "'k", "k") and low in LEX.je_verbs or after_ik and low in VERB_FINAL:
            after_ik = False
            out.append(LEX.je_verbs[low])
        elif low in ("ik", "'k", "k") and prev == "en":
            after_ik = True
            out.append("jij")  # "mijn vrouw en ik slapen apart" -> "je vrouw en jij slapen apart"
        elif low in LEX.second_person and w in (low, low.capitalize()):  # "ME/CVS" stays
            after_ik = after_ik or low in ("ik", "'k", "k")
            out.append(LEX.second_person[low])
        elif low in ("'t", "t"):
            out.append("het")
        else:
            out.append(w)
    if out and out[0].lower() in STOP_WORDS | LEX.event_clause_starts:
        out[0] = out[0].lower()  # said back inside a sentence: "… : er is niemand meer die …"
    return " ".join(out)


# --- finding --------------------------------------------------------------------


@lru_cache(maxsize=8)
def _ruler_words(nlp: Language, label: str) -> List[str]:
    """Single words of one entity-ruler label that are long enough for typo-tolerant matching."""
    words = []
    ruler = nlp.get_pipe("entity_ruler") if "entity_ruler" in nlp.pipe_names else None
    if isinstance(ruler, EntityRuler):
        for pattern in ruler.patterns:
            tokens = pattern.get("pattern")
            if pattern.get("label") == label and isinstance(tokens, list) and len(tokens) == 1:
                words.append(tokens[0].get("LOWER", ""))
    return [w for w in words if len(w) >= 6]


def _fuzzy(nlp: Language, doc: Doc) -> Dict[int, Tuple[str, str]]:
    """Typo-tolerant lexicon hits for tokens outside entities: {token index: (label, canonical word)}."""
    inside = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    hits = {}
    for tok in doc:
        low = tok.lower_
        if tok.i in inside or len(low) < 6 or not tok.is_alpha:
            continue
        for label in ("gevoel", "relatie"):
            match = difflib.get_close_matches(low, _ruler_words(nlp, label), n=1, cutoff=0.85)
            if match:
                hits[tok.i] = (label, LEX.feeling_canon.get(match[0], match[0]))
                break
    return hits


def _clause_bounds(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    """Token bounds of the clause around [start, end): split at punctuation and clause conjunctions."""
    def splits(i: int) -> bool:
        low = doc[i].lower_
        if low == "maar":
            return i == 0 or doc[i - 1].lower_ not in LEX.maar_particles
        return doc[i].is_punct or low in LEX.clause_conjunctions

    lo = start
    while lo > 0 and not splits(lo - 1):
        lo -= 1
    hi = end
    while hi < len(doc) and not splits(hi):
        hi += 1
    return lo, hi


def _quote(doc: Doc, start: int, end: int, max_words: int = QUOTE_WORDS) -> str:
    lo, hi = _clause_bounds(doc, start, end)
    full = hi
    while hi - lo > max_words:
        if start - lo > hi - end:
            lo += 1
        else:
            hi -= 1
    return _words(doc[lo:hi]) + (" …" if hi < full else "")


def _feeling_spans(doc: Doc, fuzzy: Dict[int, Tuple[str, str]]) -> List[Found]:
    """Every feeling word, the ambiguous ones only in a feeling context."""
    spans = [(e.start, e.end, e.text.lower()) for e in doc.ents if e.label_ == "gevoel"]
    spans += [(i, i + 1, word) for i, (label, word) in fuzzy.items() if label == "gevoel"]
    result = []
    for start, end, word in sorted(spans):
        prev = doc[start - 1].lower_ if start > 0 else ""
        nxt = doc[end].lower_ if end < len(doc) else ""
        if word == "alleen" and nxt in LEX.not_alone:
            continue
        if word in LEX.ambiguous_feelings and prev not in LEX.feeling_context | LEX.negations and \
                not (nxt == "" or doc[end].is_punct) and not any(t.lower_ in LEX.feel_in_message for t in doc):
            continue
        result.append((start, end, word))
    return result


def _find_feelings(doc: Doc, spans: List[Found], offset: int) -> List[Notice]:
    notices: List[Notice] = []
    used: Set[int] = set()
    for tok in doc:
        low = tok.lower_
        kind = "voel" if low in LEX.feel_verbs else "ben" if low in LEX.be_verbs \
            else "heb" if low in LEX.have_verbs else None
        if not kind:
            continue
        around = {t.lower_ for t in doc[max(0, tok.i - 2): tok.i + 3]}
        if not around & LEX.first_person:
            continue
        if kind == "voel":
            refl = next((t.i for t in doc[tok.i + 1: tok.i + 4] if t.lower_ in LEX.reflexive), None)
            if refl is None:
                continue
            after = refl + 1
        else:
            after = tok.i + 1
        span = next((s for s in spans if after <= s[0] <= after + 4 and
                     not any(t.is_punct for t in doc[after:s[0]])), None)
        if span is not None:
            start, end, word = span
            if kind == "heb" and word not in LEX.noun_feelings:
                continue
            if kind != "heb" and word in LEX.noun_feelings:
                continue
            first = start
            if first > after and doc[first - 1].lower_ in LEX.negations:
                first -= 1
            if first > after and doc[first - 1].lower_ in LEX.degree_words and kind != "heb":
                first -= 1
            surface = " ".join([t.text.lower() for t in doc[first:start]] + [word])
            phrase = second_person(surface)
            used.add(start)
        elif kind == "voel":
            words: List[str] = []
            for t in doc[after: after + 6]:
                if t.is_punct or t.lower_ in LEX.phrase_stops or t.ent_type_ == "relatie":
                    break
                if not words and t.lower_ in LEX.skip_words:
                    continue
                words.append(t.text.lower())
            if not words or len(words) > 4 or words[-1] in LEX.not_a_feeling:
                continue
            word = phrase = second_person(_tidy(" ".join(words)))
            start = after
        else:
            continue
        if kind == "voel":
            zin = f"je je {phrase} {LEX.feel_verbs[low]}"
        elif kind == "ben":
            zin = f"je {phrase} {LEX.be_verbs[low]}"
        else:
            zin = f"je {phrase} {LEX.have_verbs[low]}"
        notices.append(Notice(FEELING, word, _quote(doc, tok.i, start + 1), W.feeling_phrase, offset + tok.i,
                              "zin", {"zin": zin, "woord": word}))
    for start, end, word in spans:
        if start not in used:
            notices.append(Notice(FEELING, word, _quote(doc, start, end), W.feeling_word, offset + start, "woord",
                                  {"woord": word}))
    return notices


def _find_contrast(doc: Doc, offset: int, has_feeling: Callable[[int, int], bool]) -> List[Notice]:
    low = [t.lower_ for t in doc]
    for i in range(len(doc)):
        marker = None
        for m in LEX.contrast_markers:
            parts = m.split()
            if low[i: i + len(parts)] == parts:
                marker = m
                break
        if not marker:
            continue
        n = len(marker.split())
        prev = low[i - 1] if i > 0 else ""
        nxt = low[i + n] if i + n < len(low) else ""
        if marker == "maar" and (prev in LEX.maar_particles or nxt in LEX.not_contrast_after_maar):
            continue
        if marker == "toch" and not (prev in LEX.contrast_before_toch or i == 0 or has_feeling(i + 1, i + 4)):
            continue
        left: Span
        right: Span
        if i == 0 and marker in LEX.concessive:
            comma = next((t.i for t in doc[1:] if t.text == ","), None)
            if comma is None:
                continue
            left, right = doc[0:comma], doc[comma + 1:]
        else:
            lo, _ = _clause_bounds(doc, i, i)
            left = doc[lo:i]
            if len(left) < 2 and lo > 0:
                lo2, _ = _clause_bounds(doc, lo - 1, lo - 1)
                left = doc[lo2:i]
            _, hi = _clause_bounds(doc, i + n, i + n)
            right = doc[i + n:hi] if marker == "maar" else doc[i + n - 1:hi] if marker.endswith("toch") \
                else doc[i:hi]
        a = _words([t for t in left if not t.is_punct][-CONTRAST_WORDS:])
        b = _words([t for t in right if not t.is_punct][:CONTRAST_WORDS])
        if len(a.split()) < 2 or len(b.split()) < 2:
            continue
        strong = has_feeling(0, len(doc)) or any(e.label_ == "absoluut" for e in doc.ents)
        return [Notice(CONTRAST, a, f"{a} … {b}", W.contrast_strong if strong else W.contrast, offset + i, "",
                       {"a": a, "b": b})]
    return []


def _find_absolutes(doc: Doc, offset: int) -> List[Notice]:
    notices = []
    for ent in doc.ents:
        if ent.label_ != "absoluut":
            continue
        word = ent.text.lower()
        score = W.absolute_strong if word in LEX.strong_absolutes else W.absolute
        quote = _quote(doc, ent.start, ent.end)
        notices.append(Notice(ABSOLUTE, word, quote, score, offset + ent.start, "",
                              {"woord": word, "zin": quote, "context": turn_person(quote)}))
    return notices


def _is_plural(token: Token) -> bool:
    """Plural from the morphology; a word the tagger gave no number: the Dutch plural endings."""
    number = token.morph.get("Number")
    return number == ["Plur"] if number else token.lower_.endswith(("'s", "en"))


def _person(doc: Doc, start: int, end: int, word: str) -> Optional[str]:
    """'je zus' style form of the person, or None when the word is not about a person here."""
    det = doc[start - 1].lower_ if start > 0 else ""
    if det in LEX.possessives:
        return f"{LEX.possessives[det]} {word}"
    if word in LEX.needs_possessive:
        return None
    if _is_plural(doc[end - 1]) or word == "familie":
        return word
    return f"je {word}"


def _find_relations(doc: Doc, fuzzy: Dict[int, Tuple[str, str]], offset: int) -> List[Notice]:
    spans = [(e.start, e.end, e.text.lower()) for e in doc.ents if e.label_ == "relatie"]
    spans += [(i, i + 1, word) for i, (label, word) in fuzzy.items() if label == "relatie"]
    notices = []
    for start, end, word in sorted(spans):
        wie = _person(doc, start, end, word)
        if wie:
            betekent = "betekenen" if _is_plural(doc[end - 1]) else "betekent"
            notices.append(Notice(RELATION, LEX.relation_canon.get(word, word), _quote(doc, start, end),
                                  W.relation, offset + start, "", {"wie": wie, "betekent": betekent}))
    return notices


def _in_subordinate_clause(verb: Token) -> bool:
    """From the parse: the verb's clause hangs under another one ('… dat hij altijd zeurt')."""
    head = verb.head if verb.dep_ in ("cop", "aux", "aux:pass") else verb
    return head.dep_ in SUBORDINATE or any(c.dep_ == "mark" for c in head.children)


def _find_labels(doc: Doc, offset: int) -> List[Notice]:
    notices = []
    for tok in doc:
        verb = tok.lower_
        if verb not in LEX.label_verbs or tok.i == 0:
            continue
        subj = doc[tok.i - 1]
        plural = _is_plural(tok)
        if subj.lower_ == "hij":
            wie, wie_subj, start = "hem", "hij", subj.i
        elif subj.lower_ in ("ze", "zij"):
            wie, wie_subj, start = ("hen" if plural else "haar"), "ze", subj.i
        elif subj.ent_type_ == "relatie" and tok.i >= 2 and doc[tok.i - 2].lower_ in LEX.possessives:
            wie = wie_subj = f"{LEX.possessives[doc[tok.i - 2].lower_]} {subj.lower_}"
            start = tok.i - 2
        else:
            continue
        if _in_subordinate_clause(tok):
            continue
        _, hi = _clause_bounds(doc, tok.i + 1, tok.i + 1)
        rest = [t for t in doc[tok.i + 1: hi]]
        lows = [t.lower_ for t in rest]
        if not rest or any(t.ent_type_ == "gevoel" for t in rest):
            continue
        marked = bool(set(lows) & LEX.judgements) or (lows[0] in LEX.label_markers and verb in LEX.copulas) or \
            bool(set(lows) & LEX.label_frequency)
        if not marked:
            continue
        zin = _words(doc[start: min(hi, start + QUOTE_WORDS + 2)])
        notice = Notice(LABEL, zin, zin, W.label, offset + start, "zin",
                        {"wie": wie, "wie_subj": wie_subj, "zou": "zouden" if plural else "zou", "zin": zin})
        if verb in LEX.copulas and lows[0] in LEX.label_articles and len(rest) <= 4:
            notice.variant = "naam"
            notice.slots["woord"] = _words(rest)
        notices.append(notice)
    return notices


def _find_self_blame(sentence: str, doc: Doc, offset: int) -> List[Notice]:
    norm = sentence.lower()
    for rx in LEX.self_blame:
        m = rx.search(norm)
        if m:
            start = next((t.i for t in doc if t.idx >= m.start()), 0)
            end = next((t.i + 1 for t in reversed(doc) if t.idx < m.end()), len(doc))
            zin = _quote(doc, start, end, max_words=QUOTE_WORDS + 2)
            return [Notice(SELF_BLAME, _tidy(sentence[m.start():m.end()]), zin, W.self_blame, offset + start, "",
                           {"zin": zin})]
    return []


@lru_cache(maxsize=1)
def _event_patterns() -> Tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    def join(patterns: Iterable[re.Pattern]) -> str:
        return "|".join(f"(?:{p.pattern})" for p in patterns)

    start = r"(?<![\w'])"
    return tuple(re.compile(f"{start}(?:{join(p)})") for p in (  # type: ignore[return-value]
        LEX.event_loss, LEX.event_change, LEX.event_frames, LEX.event_occasions, LEX.times))


def _token_span(doc: Doc, start_char: int, end_char: int) -> Tuple[int, int]:
    first = next((t.i for t in doc if t.idx + len(t.text) > start_char), len(doc) - 1)
    last = next((t.i + 1 for t in reversed(doc) if t.idx < end_char), first + 1)
    return first, max(last, first + 1)


def _event_clause(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    """The clause around an event: from a starter ('sinds', 'na') or a boundary up to the next boundary."""
    def boundary(i: int) -> bool:
        return doc[i].is_punct and doc[i].text not in ("'", "/", "-") or doc[i].lower_ in LEX.event_clause_ends

    lo = start
    while lo > 0 and not boundary(lo - 1) and doc[lo].lower_ not in LEX.event_clause_starts:
        lo -= 1
    if lo >= 3 and doc[lo - 1].lower_ == "en" and doc[lo].lower_ in ("ik", "'k") and not doc[lo - 2].is_punct:
        lo -= 2  # "mijn vrouw en ik ...": the whole subject
        while lo > 0 and not boundary(lo - 1):
            lo -= 1
    hi = end
    while hi < len(doc) and not boundary(hi):
        hi += 1
    while hi - lo > EVENT_WORDS:
        if hi > end + 2:
            hi -= 1
        else:
            lo += 1
    while hi > end and (doc[hi - 1].lower_ in LOOSE_ENDS or doc[hi - 1].is_punct):
        hi -= 1  # no loose end: "… op stap met z'n" -> "… op stap"
    return lo, hi


def _find_moments(sentence: str, doc: Doc, offset: int) -> List[Notice]:
    """What happened to them (an event) and the time or place that carries the feeling."""
    loss, change, frames, occasions, times = _event_patterns()
    low = doc.text.lower()
    found: List[Notice] = []
    for kind, rx, score, variant in ((EVENT, loss, W.event, "verlies"), (EVENT, change, W.event, ""),
                                     (EVENT, frames, W.event - 1, ""), (EVENT, occasions, W.occasion, ""),
                                     (TIME, times, W.time, "")):
        matches = list(rx.finditer(low))
        if kind == TIME:  # "zaterdag gaat nog, zondag is het ergst": the one that carries the weight
            matches.sort(key=lambda mt: not EMPHASIS.search(re.split(r"[,.;!?]", low[mt.start():])[0]))
        m = matches[0] if matches else None
        if not m or any(n.kind == EVENT for n in found) and kind == EVENT:
            continue
        start, end = _token_span(doc, m.start(), m.end())
        if any(t.lower_ in LEX.feel_verbs for t in doc[max(0, start - 3):start]):
            continue  # "ik voel me buitengesloten": a feeling, noticed as one
        lo, hi = _event_clause(doc, start, end)
        while lo < start and (doc[lo].lower_ in ANSWER_WORDS - {"misschien"} or doc[lo].is_punct):
            lo += 1
        words = _words(doc[lo:hi])
        if lo == 0 and words and (doc[0].is_stop or doc[0].lower_ in LEX.event_clause_starts):
            words = words[0].lower() + words[1:]
        if len(words.split()) < 2 and kind == TIME:
            words = _words(doc[max(0, start - 2):end])
        if not words:
            continue
        zin = turn_person(words)
        first = doc[lo].lower_
        det = doc[start - 1].lower_ if start > 0 else ""
        topic = turn_person(f"{det} {doc[start].text.lower()}") if det in TOPIC_DETERMINERS and \
            doc[start].is_alpha else ""
        found.append(Notice(kind, _tidy(m.group(0)), words, score, offset + start, variant,
                            {"zin": zin, "start": first if first in LEX.event_clause_starts else "",
                             "onderwerp": topic, "van": str(offset + lo)}))
    name = next((t for t in doc if _is_name(t)), None)
    if name is not None and not found:  # a name or a place of theirs: "Ilse", "Drenthe", "ilse"
        lo, hi = _event_clause(doc, name.i, name.i + 1)
        words = _words(doc[lo:hi])
        if len(words.split()) >= 2:
            found.append(Notice(TIME, name.text, words, W.name, offset + name.i, "naam",
                                {"zin": turn_person(words), "start": "", "onderwerp": name.text,
                                 "van": str(offset + lo)}))
    return found


def _is_name(token: Token) -> bool:
    """A name or a place: capitalised inside the sentence ("Ilse"), or typed without a capital and
    read as a proper name by the pipeline, or as a noun or adjective that no Dutch word list knows
    (the own pipeline's lexicon table; a lower-cased name often reads as an adjective: "aan ilse"),
    where names stand: after a preposition ("met yusuf", "in gent") or as the subject ("sinds tom
    weg is"); not "belde vanmiddag", not "mijn vriendn"."""
    if not token.is_alpha or len(token) < 3 or token.ent_type_ or token.lower_ in STOP_WORDS:
        return False
    before = token.doc[token.i - 1] if token.i else None
    if token.is_title:
        return before is not None and not before.is_punct
    unknown = token.vocab.vectors.n_keys > 0 and not token.has_vector  # the official base has no table
    return (token.pos_ == "PROPN" or unknown and token.pos_ in ("NOUN", "ADJ", "X")) and \
        (before is not None and before.pos_ == "ADP" or token.dep_ == "nsubj")


def _analyse_doc(nlp: Language, sentence: str, doc: Doc, offset: int) -> List[Notice]:
    fuzzy = _fuzzy(nlp, doc)
    spans = _feeling_spans(doc, fuzzy)

    def has_feeling(lo: int, hi: int) -> bool:
        return any(lo <= s < hi for s, _, _ in spans)

    return (_find_moments(sentence, doc, offset) + _find_self_blame(sentence, doc, offset) + _find_labels(doc, offset)
            + _find_feelings(doc, spans, offset) + _find_contrast(doc, offset, has_feeling)
            + _find_absolutes(doc, offset) + _find_relations(doc, fuzzy, offset))


def _raw_notices(text: str, nlp: Language) -> List[Notice]:
    found: List[Notice] = []
    offset = 0
    parts = sentences(text)
    for sentence, doc in zip(parts, nlp.pipe(parts), strict=False):
        found += _analyse_doc(nlp, sentence, doc, offset)
        offset += len(doc)
    return found


@lru_cache(maxsize=ANALYSED_TEXTS)
def _kept_notices(text: str) -> Tuple[Notice, ...]:
    return tuple(_raw_notices(text, get_nlp()))


def forget_analyses() -> None:
    """Drops every kept analysis (after someone deleted their data)."""
    _kept_notices.cache_clear()


def _notices(text: str, nlp: Optional[Language]) -> List[Notice]:
    """The notices in a cleaned text, new objects each time; with the project pipeline
    (``nlp`` None) a text analysed before is not run through the pipeline again."""
    if nlp is not None:
        return _raw_notices(text, nlp)
    return [replace(n, slots=dict(n.slots)) for n in _kept_notices(text)]


def _recurring(texts: Sequence[str], nlp: Optional[Language]) -> Tuple[Set[str], Set[str]]:
    """The people and the feelings named in ``texts`` (each analysed on its own, by sentence)."""
    people: Set[str] = set()
    feelings: Set[str] = set()
    for text in texts:
        for n in _notices(text, nlp):
            if n.kind == RELATION:
                people.add(n.value)
            elif n.kind == FEELING:
                feelings.add(n.value)
    return people, feelings


def analyse(text: str, earlier_texts: Sequence[str] = (), nlp: Optional[Language] = None) -> Analysis:
    """What is worth noticing in `text`, best first. `earlier_texts`: their earlier messages or reflections."""
    cleaned = clean(text)
    notices = _notices(cleaned, nlp)
    earlier = [clean(t) for t in list(earlier_texts)[-MAX_EARLIER:] if t and t.strip()]
    if earlier and notices:
        people, feelings = _recurring(earlier, nlp)
        for n in notices:
            if n.kind == RELATION and n.value in people:
                n.variant, n.score = "again", W.relation_again
            elif n.kind == FEELING and n.value in feelings and " " not in n.value:
                n.variant, n.score = "again", W.feeling_again
    notices.sort(key=lambda n: (-n.score, n.position))
    return Analysis(cleaned, notices)
