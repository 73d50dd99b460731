"""`vier_lijstjes`: the four lists (I know well / know me well / I care about / care about me).

Names may be separated by commas, "en", "/", ";", "&", "+" or new lines; "niemand" is an empty
list. The closing shows the four lists and notices patterns across them: someone cared about
who is not on "cares about me", someone known who is not on "knows me", an empty list, someone
on all four. The overview is kept as a reflection so the person can compare later.
"""
import re
from typing import Dict, List, Optional

from actions.exercises.base import (
    LIST,
    Exercise,
    Question,
    is_dont_know,
    is_empty,
    person_parts,
    words,
)
from actions.noticing import second_person
from core import texts

KEYS = ("ken_ik", "kent_mij", "geef_om", "geeft_om_mij")
_SPLIT = re.compile(r"\s*(?:[,;/&+\n•·|]|\s-\s|\ben\b|\bof\b|\bmet\b|^\s*-\s*)\s*", re.IGNORECASE | re.MULTILINE)
_NOBODY = re.compile(
    r"^\W*(?:eigenlijk\s+)?(?:niemand|geen\s+(?:een|mens|enkel)|nobody|niet\s+echt\s+iemand|geen)"
    r"(?:\s+(?:eigenlijk|echt|denk\s+ik|hoor|meer|nu|zo))*\W*$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:mijn|m'n|mn|de|het|een|nog|ook|misschien|wel|vooral|zeker)\s+", re.IGNORECASE)


def parse_names(text: str) -> Optional[List[str]]:
    """The names in a list answer; [] for "niemand"; None when they do not know or wrote nothing
    (an emoji alone is an answer, but no list)."""
    if text is None or is_empty(text) or not words(text) or is_dont_know(text):
        return None
    if _NOBODY.match(text.strip()):
        return []
    names, seen = [], set()
    for part in _SPLIT.split(text):
        name = re.sub(r"[^\w\s'’.-]", "", part or "", flags=re.UNICODE).strip(" .-'’")
        if not name or _NOBODY.match(name):
            continue
        key = person_key(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name)
    return names


def identity_key(name: str) -> str:
    """Compare names loosely: case, 'mijn', 'de' and double spaces do not matter."""
    low = " ".join(name.lower().split())
    while True:
        stripped = _LEADING.sub("", low)
        if stripped == low:
            return low
        low = stripped


def person_key(name: str, known: Optional[Dict[str, str]] = None) -> str:
    """Who a list entry is, as a person would read it: "mijn zus Anna", "Anna" and "zus" are one
    person once any list says that Anna is the sister (`known`: relation -> name)."""
    relation, proper = person_parts(name)
    if proper and (relation or " " not in proper):
        return proper.lower()
    if relation:
        return (known or {}).get(relation, "rel:" + relation)
    return identity_key(name)


def relations_known(lists: Dict[str, Optional[List[str]]]) -> Dict[str, str]:
    """relation -> name, from entries that give both ("mijn zus Anna"), when only one name fits."""
    seen: Dict[str, set] = {}
    for names in lists.values():
        for entry in names or []:
            relation, proper = person_parts(entry)
            if relation and proper:
                seen.setdefault(relation, set()).add(proper.lower())
    return {rel: next(iter(found)) for rel, found in seen.items() if len(found) == 1}


def same_person(a: str, b: str, known: Optional[Dict[str, str]] = None) -> bool:
    """Whether two list entries are the same person: "mijn zus Anna" = "Anna" = "mijn zus";
    "mijn zus Anna" is not "mijn zus Eva"."""
    if known is None:
        known = relations_known({"a": [a], "b": [b]})
    return person_key(a, known) == person_key(b, known)


def on_list(name: str, names: List[str], known: Optional[Dict[str, str]] = None) -> bool:
    return any(same_person(name, other, known) for other in names)


def short_name(name: str) -> str:
    """How to name a list entry again: the name when there is one ("mijn zus Anna" -> "Anna"),
    else the phrase in the second person ("mijn zus" -> "je zus")."""
    relation, proper = person_parts(name)
    if relation and proper:
        return proper
    return second_person(name)


def lists_from(answers: Dict[str, str]) -> Dict[str, Optional[List[str]]]:
    return {key: parse_names(answers[key]) if key in answers else None for key in KEYS}


def observations(lists: Dict[str, Optional[List[str]]], limit: int = 2) -> List[str]:
    """What stands out across the lists, most telling first."""
    names = {k: lists.get(k) or [] for k in KEYS}
    known = relations_known(lists)
    found = []
    if lists.get("geeft_om_mij") is not None:
        missing = [n for n in names["geef_om"] if not on_list(n, names["geeft_om_mij"], known)]
        if missing:
            found.append(texts.VIER_LIJSTJES_NOT_BACK.format(naam=short_name(missing[0])))
    for key in KEYS:
        if lists.get(key) == []:
            found.append(texts.VIER_LIJSTJES_EMPTY.format(lijst=texts.VIER_LIJSTJES_TITLES[key]))
            break
    if lists.get("kent_mij") is not None:
        missing = [n for n in names["ken_ik"] if not on_list(n, names["kent_mij"], known)]
        if missing:
            found.append(texts.VIER_LIJSTJES_NOT_KNOWN_BACK.format(naam=short_name(missing[0])))
    everywhere = [n for n in names["ken_ik"] if all(on_list(n, names[o], known) for o in KEYS[1:])]
    if everywhere:
        found.append(texts.VIER_LIJSTJES_ALL_FOUR.format(naam=short_name(everywhere[0])))
    return found[:limit]


def overview(lists: Dict[str, Optional[List[str]]]) -> str:
    lines = [texts.VIER_LIJSTJES_OVERVIEW_TITLE]
    for key in KEYS:
        names = lists.get(key)
        shown = (", ".join(names) if names else texts.VIER_LIJSTJES_NOBODY) if names is not None \
            else texts.VIER_LIJSTJES_UNKNOWN
        lines.append(texts.VIER_LIJSTJES_OVERVIEW_LINE.format(lijst=texts.VIER_LIJSTJES_TITLES[key],
                                                             namen=shown))
    return "\n".join(lines)


class VierLijstjes(Exercise):
    key = "vier_lijstjes"
    questions = tuple(Question(key, LIST, short_ok=True) for key in KEYS)

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        return texts.VIER_LIJSTJES_QUESTIONS[question.key]

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        lists = lists_from(answers)
        found = observations(lists) or [texts.VIER_LIJSTJES_ALIKE]
        messages = [[overview(lists)], found + [texts.VIER_LIJSTJES_QUESTION]]
        if extra.get("done_before"):
            messages.append([texts.VIER_LIJSTJES_EARLIER])
        return messages
