"""What a guided reflection is, and the small text helpers the reflections share.

A reflection is a list of questions answered in the generic slots `antwoord_1` … `antwoord_6`.
Answers are passed around as a dict {question key: text}; a skipped question has no entry
(the slot then holds SKIPPED).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from actions.noticing import analyse, compose, second_person, seed_for
from core import texts

MAX_QUESTIONS = 6
SLOTS = [f"antwoord_{i}" for i in range(1, MAX_QUESTIONS + 1)]
SKIPPED = "[overgeslagen]"
QUOTE_CHARS = 90

# What an answer is, for validation.
FREE, NAME, LIST, CHOICE = "free", "name", "list", "choice"

_SOFT = r"(?:eigenlijk|echt|zo|goed|precies|nu|hoor|meer|zeker|ook)"  # "… niet zo goed eigenlijk"
_DONT_KNOW = re.compile(
    r"^\W*(?:(?:pff+|hm+|tja|euh+|uhm+|oei|poeh)\W+)?"
    r"(?:(?:ik\s+)?(?:weet\s+(?:ik\s+)?(?:het\s+)?(?:" + _SOFT + r"\s+)*(?:niet|ni|nie|nog\s+niet)|"
    r"(?:'?k|ik)\s+weet\s+(?:het\s+)?(?:" + _SOFT + r"\s+)*(?:niet|ni|nie)|geen\s+(?:flauw\s+)?idee|"
    r"dat\s+weet\s+ik\s+(?:" + _SOFT + r"\s+)*(?:niet|ni|nie)|geen\s+flauw\s+benul|weet\s+ik\s+veel|idk)"
    r"(?:\s+" + _SOFT + r")*)\W*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Question:
    """One question. `short_ok`: a short answer ("niemand", "nee", an emoji) is welcome here and
    never gets an invitation to say more (the question may invite a short, painful answer)."""

    key: str
    kind: str = FREE
    skippable: bool = True
    short_ok: bool = False


class Exercise:
    """One guided reflection. Subclasses set `key` and `questions` and may refine the hooks."""

    key: str = ""
    questions: Sequence[Question] = ()

    def active_questions(self, answers: Dict[str, str]) -> List[Question]:
        """The questions for this person (some depend on earlier answers)."""
        return list(self.questions)

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        raise NotImplementedError

    def check(self, question: Question, text: str, answers: Dict[str, str]) -> Optional[str]:
        """An exercise-specific hint key when the answer deserves a second try, else None."""
        return None

    def hint_text(self, hint: str, answers: Dict[str, str]) -> Optional[str]:
        """Text for an exercise-specific hint key (None: not ours)."""
        return None

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        """Messages (each a list of parts) that reflect back what was noticed, ending in a question.

        Parts that quote the person may be dropped before sending when they fail the advice
        guard, so every part stands on its own."""
        raise NotImplementedError


# --- helpers -------------------------------------------------------------------


def words(text: str) -> List[str]:
    return _WORD.findall(text or "")


def is_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.match((text or "").strip()))


def is_empty(text: Optional[str]) -> bool:
    """No words and no emoji or other symbol that says something: nothing was answered."""
    return not re.search(r"[^\W_]", text or "") and not has_symbol(text)


def has_symbol(text: Optional[str]) -> bool:
    """An emoji or another pictograph (a real answer, though it has no words)."""
    return any(unicodedata.category(c) == "So" for c in text or "")


def is_symbol_only(text: Optional[str]) -> bool:
    return has_symbol(text) and not words(text or "")


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """Their words, on one line, shortened at a word boundary; no quote marks inside."""
    flat = " ".join((text or "").replace("“", "").replace("”", "").replace('"', "").split())
    if len(flat) <= limit:
        return flat.rstrip(" .")
    cut = flat[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:") + "…"


# Words for who someone is to the person ("mijn zus Anna": relation "zus", name "Anna").
RELATIONS = frozenset("""
zus zusje broer broertje moeder mama ma mams moeke vader papa pa vake ouders oma opa bomma bompa
grootmoeder grootvader dochter dochtertje zoon zoontje kind kleinkind kleindochter kleinzoon tante
oom nicht neef neefje nichtje schoonmoeder schoonvader schoonzus schoonbroer stiefmoeder stiefvader
partner vriend vriendin vriendje vriendinnetje lief man vrouw echtgenoot echtgenote ex buurman
buurvrouw buur collega baas leidinggevende chef teamleider manager klasgenoot docent leraar
lerares juf meester huisarts dokter therapeut huisgenoot kennis peter meter petekind
""".split())
_SMALL = {"mijn", "m'n", "mn", "me", "onze", "ons", "de", "het", "een", "die", "dat", "van"}
_ADJECTIVES = {"beste", "oude", "lieve", "oudste", "jongste", "kleine", "grote", "eigen", "nieuwe",
               "vorige", "goede", "enige", "oudere", "jongere", "andere", "toenmalige", "vroegere"}
_SHORT_NO = re.compile(
    r"^\W*(?:nee+|neen|nope|niemand|niks|niets|geen|geen\s+idee|nooit|helaas\s+niet|niet\s+echt|"
    r"ja+|jawel|soms|misschien|geen\s+een|geen\s+enkele?|weinig|(?:nee|neen),?\s+niemand)"
    r"(?:\s+(?:eigenlijk|echt|hoor|meer|nu|zo|denk\s+ik|helaas))*\W*$", re.IGNORECASE)


def person_parts(text: Optional[str]) -> Tuple[Optional[str], Optional[str]]:
    """(relation, name) in a short answer about someone: "mijn zus Anna" -> ("zus", "Anna"),
    "Anna (mijn zus)" -> ("zus", "Anna"), "Anna" -> (None, "Anna"), "mijn zus" -> ("zus", None)."""
    found = words(text or "")
    if not found or len(found) > 5:
        return None, None
    relation, name_words = None, []
    for word in found:
        low = word.lower()
        if low in RELATIONS and relation is None:
            relation = low
        elif low in _SMALL or low in _ADJECTIVES:
            continue
        elif relation is None and not word[0].isupper() and any(w.lower() in RELATIONS for w in found):
            continue  # a lower-case word before the relation describes it ("lieve zus")
        else:
            name_words.append(word)
    if relation is None:
        return None, " ".join(found) if found else None
    if not name_words or len(name_words) > 2:
        return relation, None
    name = " ".join(w[0].upper() + w[1:] for w in name_words)
    return relation, name


def is_short_answer(text: Optional[str]) -> bool:
    """"nee", "niemand", "soms", an emoji …: a short answer that needs no more words."""
    return bool(_SHORT_NO.match((text or "").strip())) or is_symbol_only(text)


def wie(text: Optional[str], full: bool = False) -> str:
    """The person they chose, ready to repeat: 'mijn zus' -> 'je zus'; 'mijn collega Sanne' ->
    'Sanne' (or 'je collega Sanne' with `full`, for the first mention); long answers -> 'die persoon'."""
    if not text or text == SKIPPED or is_dont_know(text):
        return texts.WIE_FALLBACK
    cleaned = re.sub(r"[^\w\s'’-]", " ", text, flags=re.UNICODE)
    parts = cleaned.split()
    relation, name = person_parts(text)
    if relation and name and not full:
        return name
    if relation and name and full:
        return f"je {relation} {name}"
    if not parts or len(parts) > 3:
        return texts.WIE_FALLBACK
    phrase = second_person(" ".join(parts))
    first = phrase.split()[0]
    if first.lower() in {"de", "het", "een"}:
        phrase = phrase[0].lower() + phrase[1:]
    elif first.lower() not in {"je", "jouw", "jullie"} and first[0].islower():
        phrase = "je " + phrase if len(parts) == 1 else phrase
    return phrase


def notice_reply(parts: Sequence[str], seed_text: str = "") -> Optional[str]:
    """What the noticing engine would reflect back on these answers, or None if nothing specific."""
    usable = [p for p in parts if p and p != SKIPPED and not is_dont_know(p)]
    if not usable:
        return None
    analysis = analyse("\n".join(usable))
    if not analysis.notices:
        return None
    return compose(analysis, (), seed_for(seed_text or usable[-1])).text


def ending_in_question(reply: Optional[str]) -> List[str]:
    """The noticing reply as closing parts, always ending in the open closing question."""
    if reply and reply.rstrip().endswith("?"):
        return [reply]
    return [p for p in (reply, texts.CLOSING_OPEN_QUESTION) if p]


_DOUBLED = re.compile(r"([?!])”([.:])")


def tidy(text: str) -> str:
    """No doubled punctuation after a quote that ends in its own: “Hoe is het?”. -> “Hoe is het?”"""
    return _DOUBLED.sub(lambda m: f"{m.group(1)}”", text)
