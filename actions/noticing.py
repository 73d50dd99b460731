"""The noticing engine: finds what is worth noticing in a message and composes a short reply.

`analyse()` looks for a feeling, a contrast, an absolute, a person (also one named before),
self-blame and a label for someone, on the project's spaCy pipeline (works on the blank
Dutch base: only tokens, lookup lemmas and the entity ruler are used). `compose()` turns the
best notice into one noticing sentence plus one open question (templates in core/texts.py),
varies it, and runs the advice guard before anything is sent.
"""
import difflib
import html
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence

from actions.language import get_nlp
from core import texts
from core.advice_guard import is_clean
from core.normalise import fold_quotes

MAX_CHARS = 1500  # only this much of a (very) long message is analysed
MAX_EARLIER = 20  # earlier texts looked at for people and feelings that come back
MAX_REPLY = 280
QUOTE_WORDS = 10
CONTRAST_WORDS = 9

FEELING, CONTRAST, ABSOLUTE, RELATION, SELF_BLAME, LABEL = (
    "feeling", "contrast", "absolute", "relation", "self_blame", "label")

_IK = {"ik", "'k", "k"}
_REFLEXIVE = {"me", "mij", "mezelf", "mijzelf"}
_VOEL = {"voel": "voelt", "voelde": "voelde", "voelen": "voelt", "voelt": "voelt"}
_BEN = {"ben": "bent", "was": "was", "word": "wordt", "werd": "werd", "blijf": "blijft", "bleef": "bleef"}
_HEB = {"heb": "hebt", "had": "had"}
_NEGATION = {"niet", "nooit", "geen"}
_DEGREE = {"zo", "zó", "heel", "erg", "echt", "nogal", "best", "enorm", "super", "zeer", "ontzettend",
           "vreselijk", "verschrikkelijk", "totaal", "helemaal", "wat", "vaak", "soms", "zoveel", "veel"}
_SKIP = {"soms", "vaak", "vandaag", "nu", "wel", "toch", "dan", "ook", "gewoon", "eigenlijk", "altijd",
         "steeds", "daar", "hier", "precies", "weer", "nog", "al", "even", "eens"}
_PHRASE_STOP = {"door", "op", "als", "omdat", "want", "en", "maar", "sinds", "met", "tussen", "wanneer",
                "terwijl", "toen", "dat", "of", "in", "na", "voor", "tijdens", "bij", "om"}
_NOUN_FEELINGS = {"eenzaamheid", "verdriet", "angst", "stress", "frustratie", "schaamte"}
_MAAR_PARTICLE = {"alleen", "nog", "even", "pas", "eens", "slechts", "zo", "niet", "altijd", "toch", "ook", "dan",
                  "gewoon", "er", "wat", "nu", "eerst"}
_NOT_A_FEELING = {"er", "niet", "wel", "het", "een", "zo", "heel", "nog", "ook", "te", "dat", "dit", "wat", "iets",
                  "daar", "hier", "nu", "zelf", "eens", "al", "maar"}
_FEELING_CANON = {"eenzame": "eenzaam"}
_AMBIGUOUS_FEELINGS = {"alleen", "warm", "leeg", "rustig", "down", "gemist", "gezien", "gehoord",
                       "begrepen", "verloren"}
_FEELING_CONTEXT = {"me", "mij", "zo", "heel", "erg", "toch", "helemaal", "echt", "ben", "was", "voel",
                    "voelde", "bleef", "blijf", "werd", "word", "zó", "zeer", "nogal", "super", "enorm", "veel", "vaak",
                    "soms", "best", "wat"}
_NOT_ALONE = {"maar", "nog", "als", "om", "de", "het", "een", "door", "wonen", "woon", "al"}
_CONCESSIVE = {"ook al", "hoewel", "alhoewel", "ondanks", "terwijl", "al"}
_CONTRAST_MARKERS = ("en toch", "maar toch", "ook al", "hoewel", "alhoewel", "ondanks", "terwijl", "maar",
                     "toch")
_STRONG_ABSOLUTES = {"niemand", "nooit", "iedereen", "altijd", "helemaal niemand", "helemaal niets",
                     "geen enkele", "niets", "niks", "nergens", "geen mens", "geen kat"}
_SECOND_PERSON = {"ik": "je", "'k": "je", "mij": "jou", "me": "je", "mijn": "je", "m'n": "je", "mn": "je",
                  "mezelf": "jezelf", "mijzelf": "jezelf", "wij": "jullie", "we": "jullie", "ons": "jullie",
                  "onze": "jullie"}
_POSSESSIVE = {"mijn": "je", "m'n": "je", "mn": "je", "me": "je", "onze": "jullie", "ons": "jullie",
               "de": "de", "het": "het", "die": "die", "mijne": "je"}
_NEEDS_POSSESSIVE = {"lief", "man", "vrouw", "kennis", "meester", "juf", "kind", "pa", "ma", "groep", "team",
                     "chef", "neef", "nicht", "ex", "buur", "kennissen", "gezin", "familie"}
_RELATION_CANON = {"zusje": "zus", "broertje": "broer", "mama": "moeder", "ma": "moeder", "mams": "moeder",
                   "papa": "vader", "pa": "vader", "collega's": "collega", "echtgenoot": "partner",
                   "echtgenote": "partner", "lief": "partner", "vriendje": "vriend", "buur": "buurman"}
_LABEL_VERBS_SG = {"is", "was", "blijft", "bleef", "doet", "deed", "zeurt", "klaagt", "reageert", "luistert",
                   "komt", "kwam", "snapt", "begrijpt", "denkt", "vindt", "heeft", "laat", "zegt", "zaagt"}
_LABEL_VERBS_PL = {"zijn", "waren", "blijven", "doen", "deden", "zeuren", "klagen", "reageren", "luisteren",
                   "komen", "snappen", "begrijpen", "denken", "vinden", "hebben", "laten", "zeggen"}
_COPULA = {"is", "was", "blijft", "bleef", "zijn", "waren", "blijven"}
_LABEL_MARKERS = {"een", "ne", "nen", "zo'n", "zo", "te", "gewoon", "echt", "altijd", "nooit", "steeds",
                  "heel", "erg", "super", "zó", "telkens", "weer"}
_JUDGEMENTS = {"lui", "egoïstisch", "egoistisch", "saai", "dom", "stom", "raar", "vervelend", "irritant",
               "lastig", "gierig", "koud", "afstandelijk", "arrogant", "onbetrouwbaar", "onverschillig",
               "kinderachtig", "ambetant", "zagerig", "egoïst", "zeurpiet", "zeikerd", "watje", "bemoeiziek",
               "jaloers", "overdreven", "dramatisch", "onmogelijk", "negatief", "hopeloos"}
_SELF_BLAME = [
    r"\b(?:het\s+)?ligt\s+(?:\w+\s+){0,2}aan\s+(?:mij|mezelf|mijzelf)\b",
    r"\bligt\s+het\s+aan\s+(?:mij|mezelf)\b",
    r"\b(?:mijn|m'n)\s+(?:eigen\s+)?schuld\b",
    r"\b(?:ik|'k)\s+doe\s+(?:het|alles|ook\s+alles|dat)\s+(?:\w+\s+)?(?:fout|verkeerd|mis|slecht|niet\s+goed)\b",
    r"\b(?:ik|'k)\s+doe\s+(?:het|alles)\s+nooit\s+goed\b",
    r"\b(?:ik|'k)\s+(?:ben|voel\s+me)\s+(?:gewoon\s+|ook\s+|zo\s+|echt\s+)?(?:een\s+)?"
    r"(?:mislukking|loser|sukkel|last|probleem|nul|niks\s+waard|niets\s+waard|waardeloos|het\s+probleem)\b",
    r"\b(?:ik|'k)\s+verpest\s+(?:het|alles|altijd\s+alles)\b",
    r"\b(?:ik|'k)\s+(?:kan|kun)\s+(?:ook\s+)?(?:niks|niets)\s+(?:goed|meer)?\b",
    r"\bdoor\s+mij\s+(?:is|ging|gaat|loopt)\b",
    r"\bik\s+(?:had|heb)\s+(?:het\s+)?(?:\w+\s+){0,3}(?:beter|anders)\s+(?:moeten|kunnen)\b",
    r"\b(?:(?:ik|'k)\s+ben|ben\s+ik)\s+(?:gewoon\s+|ook\s+|zo\s+|echt\s+)?(?:te\s+)?"
    r"(?:dom|stom|saai|raar|lastig|moeilijk)\b",
    r"\bik\s+ben\s+(?:gewoon\s+)?niet\s+(?:leuk|goed|interessant)\s+genoeg\b",
    r"\bik\s+(?:faal|schiet\s+tekort)\b",
]
_SELF_BLAME_RX = [re.compile(rx) for rx in _SELF_BLAME]


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

    def kinds(self) -> List[str]:
        return [n.kind for n in self.notices]

    def values(self, kind: str) -> List[str]:
        return [n.value for n in self.notices if n.kind == kind]


class Reply(NamedTuple):
    text: str
    notice: Optional[Notice]


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


def _words(tokens) -> str:
    return _tidy(" ".join(t.text for t in tokens))


def second_person(phrase: str) -> str:
    """'in mijn eentje' -> 'in je eentje': first person words turned to 'je' forms for a paraphrase."""
    return " ".join(_SECOND_PERSON.get(w.lower(), w) for w in phrase.split())


# --- analysis -------------------------------------------------------------------


@lru_cache(maxsize=8)
def _lexicon(nlp, label: str) -> List[str]:
    """Single words of one entity-ruler label that are long enough for typo-tolerant matching."""
    words = []
    if "entity_ruler" in nlp.pipe_names:
        for pattern in nlp.get_pipe("entity_ruler").patterns:
            tokens = pattern.get("pattern")
            if pattern.get("label") == label and isinstance(tokens, list) and len(tokens) == 1:
                words.append(tokens[0].get("LOWER", ""))
    return [w for w in words if len(w) >= 6]


def _fuzzy(nlp, doc) -> Dict[int, tuple]:
    """Typo-tolerant lexicon hits for tokens outside entities: {token index: (label, canonical word)}."""
    inside = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    hits = {}
    for tok in doc:
        low = tok.lower_
        if tok.i in inside or len(low) < 6 or not tok.is_alpha:
            continue
        for label in ("gevoel", "relatie"):
            match = difflib.get_close_matches(low, _lexicon(nlp, label), n=1, cutoff=0.85)
            if match:
                hits[tok.i] = (label, _FEELING_CANON.get(match[0], match[0]))
                break
    return hits


def _clause_bounds(doc, start: int, end: int):
    """Token bounds of the clause around [start, end): split at punctuation and clause conjunctions."""
    def splits(i):
        low = doc[i].lower_
        if low == "maar":
            return i == 0 or doc[i - 1].lower_ not in _MAAR_PARTICLE
        return doc[i].is_punct or low in {"want", "omdat", "terwijl", "hoewel", "toen"}

    lo = start
    while lo > 0 and not splits(lo - 1):
        lo -= 1
    hi = end
    while hi < len(doc) and not splits(hi):
        hi += 1
    return lo, hi


def _quote(doc, start: int, end: int, max_words: int = QUOTE_WORDS) -> str:
    lo, hi = _clause_bounds(doc, start, end)
    full = hi
    while hi - lo > max_words:
        if start - lo > hi - end:
            lo += 1
        else:
            hi -= 1
    return _words(doc[lo:hi]) + (" …" if hi < full else "")


def _feeling_spans(doc, fuzzy):
    """(start, end, canonical word) for every feeling word, the ambiguous ones only in a feeling context."""
    spans = [(e.start, e.end, e.text.lower()) for e in doc.ents if e.label_ == "gevoel"]
    spans += [(i, i + 1, word) for i, (label, word) in fuzzy.items() if label == "gevoel"]
    result = []
    for start, end, word in sorted(spans):
        prev = doc[start - 1].lower_ if start > 0 else ""
        nxt = doc[end].lower_ if end < len(doc) else ""
        if word == "alleen" and nxt in _NOT_ALONE:
            continue
        if word in _AMBIGUOUS_FEELINGS and prev not in _FEELING_CONTEXT | _NEGATION and \
                not (nxt == "" or doc[end].is_punct) and not any(t.lower_ in ("voel", "voelde") for t in doc):
            continue
        result.append((start, end, word))
    return result


def _find_feelings(doc, fuzzy, offset: int) -> List[Notice]:
    notices, used = [], set()
    spans = _feeling_spans(doc, fuzzy)
    for tok in doc:
        low = tok.lower_
        kind = "voel" if low in _VOEL else "ben" if low in _BEN else "heb" if low in _HEB else None
        if not kind:
            continue
        around = {t.lower_ for t in doc[max(0, tok.i - 2): tok.i + 3]}
        if not around & _IK:
            continue
        if kind == "voel":
            refl = next((t.i for t in doc[tok.i + 1: tok.i + 4] if t.lower_ in _REFLEXIVE), None)
            if refl is None:
                continue
            after = refl + 1
        else:
            after = tok.i + 1
        span = next((s for s in spans if after <= s[0] <= after + 4 and
                     not any(t.is_punct for t in doc[after:s[0]])), None)
        if span is not None:
            start, end, word = span
            if kind == "heb" and word not in _NOUN_FEELINGS:
                continue
            if kind != "heb" and word in _NOUN_FEELINGS:
                continue
            first = start
            if first > after and doc[first - 1].lower_ in _NEGATION:
                first -= 1
            if first > after and doc[first - 1].lower_ in _DEGREE and kind != "heb":
                first -= 1
            surface = " ".join([t.text.lower() for t in doc[first:start]] + [word])
            phrase = second_person(surface)
            used.add(start)
        elif kind == "voel":
            words = []
            for t in doc[after: after + 6]:
                if t.is_punct or t.lower_ in _PHRASE_STOP or t.ent_type_ == "relatie":
                    break
                if not words and t.lower_ in _SKIP:
                    continue
                words.append(t.text.lower())
            if not words or len(words) > 4 or words[-1] in _NOT_A_FEELING:
                continue
            word = phrase = second_person(_tidy(" ".join(words)))
            start = after
        else:
            continue
        if kind == "voel":
            zin = f"je je {phrase} {_VOEL[low]}"
        elif kind == "ben":
            zin = f"je {phrase} {_BEN[low]}"
        else:
            zin = f"je {phrase} {_HEB[low]}"
        notices.append(Notice(FEELING, word, _quote(doc, tok.i, start + 1), 70, offset + tok.i, "zin",
                              {"zin": zin, "woord": word}))
    for start, end, word in spans:
        if start not in used:
            notices.append(Notice(FEELING, word, _quote(doc, start, end), 50, offset + start, "woord",
                                  {"woord": word}))
    return notices


def _find_contrast(doc, offset: int, has_feeling) -> List[Notice]:
    low = [t.lower_ for t in doc]
    for i in range(len(doc)):
        marker = None
        for m in _CONTRAST_MARKERS:
            parts = m.split()
            if low[i: i + len(parts)] == parts:
                marker = m
                break
        if not marker:
            continue
        n = len(marker.split())
        prev = low[i - 1] if i > 0 else ""
        nxt = low[i + n] if i + n < len(low) else ""
        if marker == "maar" and (prev in _MAAR_PARTICLE
                                 or nxt in {"ja", "goed", "oké", "ok", "enfin", "ook", "toch"}):
            continue
        if marker == "toch" and not (prev in {",", "en", "maar"} or i == 0 or has_feeling(i + 1, i + 4)):
            continue
        concessive = marker in _CONCESSIVE
        if i == 0 and concessive:
            comma = next((t.i for t in doc[1:] if t.text == ","), None)
            if comma is None:
                continue
            left, right = doc[0:comma], doc[comma + 1:]
        else:
            lo, _ = _clause_bounds(doc, i, i)
            left_clause = doc[lo:i]
            if len(left_clause) < 2 and lo > 0:
                lo2, _ = _clause_bounds(doc, lo - 1, lo - 1)
                left_clause = doc[lo2:i]
            left = left_clause
            _, hi = _clause_bounds(doc, i + n, i + n)
            right = doc[i + n:hi] if marker == "maar" else doc[i + n - 1:hi] if marker.endswith("toch") \
                else doc[i:hi]
        a = _words([t for t in left if not t.is_punct][-CONTRAST_WORDS:])
        b = _words([t for t in right if not t.is_punct][:CONTRAST_WORDS])
        if len(a.split()) < 2 or len(b.split()) < 2:
            continue
        strong = has_feeling(0, len(doc)) or any(e.label_ == "absoluut" for e in doc.ents)
        return [Notice(CONTRAST, a, f"{a} … {b}", 75 if strong else 60, offset + i, "", {"a": a, "b": b})]
    return []


def _find_absolutes(doc, offset: int) -> List[Notice]:
    notices = []
    for ent in doc.ents:
        if ent.label_ != "absoluut":
            continue
        word = ent.text.lower()
        strong = word in _STRONG_ABSOLUTES
        notices.append(Notice(ABSOLUTE, word, _quote(doc, ent.start, ent.end), 55 if strong else 30,
                              offset + ent.start, "", {"woord": word, "zin": _quote(doc, ent.start, ent.end)}))
    return notices


def _is_plural(word: str) -> bool:
    return word.endswith(("'s", "en")) or word in {"ouders", "broers", "schoonouders", "collegas", "vriendjes"}


def _person(doc, start: int, end: int, word: str):
    """('je zus', 'je zus') style object/subject forms, or None when the word is not about a person here."""
    det = doc[start - 1].lower_ if start > 0 else ""
    if det in _POSSESSIVE:
        wie = f"{_POSSESSIVE[det]} {word}"
    elif word in _NEEDS_POSSESSIVE:
        return None
    elif _is_plural(word) or word == "familie":
        wie = word
    else:
        wie = f"je {word}"
    return wie


def _find_relations(doc, fuzzy, offset: int) -> List[Notice]:
    spans = [(e.start, e.end, e.text.lower()) for e in doc.ents if e.label_ == "relatie"]
    spans += [(i, i + 1, word) for i, (label, word) in fuzzy.items() if label == "relatie"]
    notices = []
    for start, end, word in sorted(spans):
        wie = _person(doc, start, end, word)
        if wie:
            plural = _is_plural(word)
            notices.append(Notice(RELATION, _RELATION_CANON.get(word, word), _quote(doc, start, end), 40,
                                  offset + start, "", {"wie": wie, "betekent": "betekenen" if plural else "betekent"}))
    return notices


def _find_labels(doc, offset: int) -> List[Notice]:
    notices = []
    for tok in doc:
        verb = tok.lower_
        if verb not in _LABEL_VERBS_SG | _LABEL_VERBS_PL or tok.i == 0:
            continue
        subj = doc[tok.i - 1]
        plural = verb in _LABEL_VERBS_PL
        if subj.lower_ == "hij":
            wie, wie_subj, start = "hem", "hij", subj.i
        elif subj.lower_ in ("ze", "zij"):
            wie, wie_subj, start = ("hen" if plural else "haar"), "ze", subj.i
        elif subj.ent_type_ == "relatie" and tok.i >= 2 and doc[tok.i - 2].lower_ in _POSSESSIVE:
            wie = wie_subj = f"{_POSSESSIVE[doc[tok.i - 2].lower_]} {subj.lower_}"
            start = tok.i - 2
        else:
            continue
        if start > 0 and doc[start - 1].lower_ in {"dat", "als", "of", "omdat", "want", "die", "wat"}:
            continue
        _, hi = _clause_bounds(doc, tok.i + 1, tok.i + 1)
        rest = [t for t in doc[tok.i + 1: hi]]
        lows = [t.lower_ for t in rest]
        if not rest or any(t.ent_type_ == "gevoel" for t in rest):
            continue
        marked = bool(set(lows) & _JUDGEMENTS) or (lows[0] in _LABEL_MARKERS and verb in _COPULA) or \
            bool(set(lows) & {"altijd", "nooit", "steeds", "telkens"})
        if not marked:
            continue
        zin = _words(doc[start: min(hi, start + QUOTE_WORDS + 2)])
        notice = Notice(LABEL, zin, zin, 80, offset + start, "zin",
                        {"wie": wie, "wie_subj": wie_subj, "zou": "zouden" if plural else "zou", "zin": zin})
        if verb in _COPULA and lows[0] in {"een", "ne", "nen", "zo'n"} and len(rest) <= 4:
            notice.variant = "naam"
            notice.slots["woord"] = _words(rest)
        notices.append(notice)
    return notices


def _find_self_blame(sentence: str, doc, offset: int) -> List[Notice]:
    norm = sentence.lower()
    for rx in _SELF_BLAME_RX:
        m = rx.search(norm)
        if m:
            start = next((t.i for t in doc if t.idx >= m.start()), 0)
            end = next((t.i + 1 for t in reversed(doc) if t.idx < m.end()), len(doc))
            zin = _quote(doc, start, end, max_words=QUOTE_WORDS + 2)
            return [Notice(SELF_BLAME, _tidy(sentence[m.start():m.end()]), zin, 90, offset + start, "",
                           {"zin": zin})]
    return []


def _analyse_doc(nlp, sentence: str, doc, offset: int) -> List[Notice]:
    fuzzy = _fuzzy(nlp, doc)
    feelings = _find_feelings(doc, fuzzy, offset)
    spans = _feeling_spans(doc, fuzzy)

    def has_feeling(lo, hi):
        return any(lo <= s < hi for s, _, _ in spans)

    return (_find_self_blame(sentence, doc, offset) + _find_labels(doc, offset) + feelings
            + _find_contrast(doc, offset, has_feeling) + _find_absolutes(doc, offset)
            + _find_relations(doc, fuzzy, offset))


def _raw_notices(text: str, nlp) -> List[Notice]:
    found, offset = [], 0
    parts = sentences(text)
    for sentence, doc in zip(parts, nlp.pipe(parts), strict=False):
        found += _analyse_doc(nlp, sentence, doc, offset)
        offset += len(doc)
    return found


def analyse(text: str, earlier_texts: Sequence[str] = (), nlp=None) -> Analysis:
    """What is worth noticing in `text`, best first. `earlier_texts`: their earlier messages or reflections."""
    nlp = nlp or get_nlp()
    cleaned = clean(text)
    notices = _raw_notices(cleaned, nlp)
    earlier = [clean(t) for t in list(earlier_texts)[-MAX_EARLIER:] if t and t.strip()]
    if earlier and notices:
        before = _raw_notices("\n".join(earlier), nlp)
        people = {n.value for n in before if n.kind == RELATION}
        feelings = {n.value for n in before if n.kind == FEELING}
        for n in notices:
            if n.kind == RELATION and n.value in people:
                n.variant, n.score = "again", 85
            elif n.kind == FEELING and n.value in feelings and " " not in n.value:
                n.variant, n.score = "again", 72
    notices.sort(key=lambda n: (-n.score, n.position))
    return Analysis(cleaned, notices)


# --- composition ----------------------------------------------------------------


def _templates(notice: Optional[Notice]):
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
    for notice in analysis.notices[:4] + [None]:
        leads, questions = _templates(notice)
        slots = notice.slots if notice else {}
        text = _pick(_candidates(leads, questions, slots, seed), previous)
        if text:
            return Reply(text, notice)
    fallback = texts.NOTICE_SAFE_FALLBACK
    if previous and previous[-1] == fallback:
        fallback = texts.NOTICE_OPEN_LEADS[0] + " " + texts.NOTICE_OPEN_QUESTIONS[1]
    return Reply(fallback, None)


def respond(text: str, earlier_texts: Sequence[str] = (), previous: Sequence[str] = (), nlp=None) -> Reply:
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
