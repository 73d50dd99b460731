"""Is a stop or continue command about this conversation, or about the person's life?

"ik wil stoppen met roken", "ik wil niet meer verder met hem" and "ik wil eruit stappen, uit die
groep" use the words of the commands, but tell about life. The classifier cannot know that
"roken" is not a reflection; this module reads the object after the verb (core/command_objects.yml)
and components/command_gate.py then treats the message as free text. A command without an
object ("stop", "ik wil stoppen") or with an object about this conversation ("stop met deze
oefening", "verder waar we waren", "ik kap ermee, met die vragen") stays a command; a message
that names a reflection ("verder met kennen") is recognised by the gate from its `exercise` entity.
"""
import re
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Pattern, Tuple

import yaml

from core.normalise import fold

WORDS_FILE = Path(__file__).parent / "command_objects.yml"
_END = r"(?=$|[,.!?;:]|\s(?:en|maar|want|omdat|of|dus|als)\b)"


@lru_cache(maxsize=1)
def _words() -> dict:
    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))


def _alternatives(items: List[str]) -> str:
    return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> Tuple[Pattern, Pattern]:
    """Verb first: the verb, an optional "ermee,", a preposition and the object up to the end of
    its clause. Verb last: "ik wil met roken stoppen", "ik ben met voetbal gestopt"."""
    w = _words()
    verbs, prepositions = _alternatives(w["verbs"]), _alternatives(w["prepositions"])
    verb_first = (rf"\b(?:{verbs})(?:\s+(?:{_alternatives(w['pronouns'])}))?\s*,?\s+"
                  rf"(?:{prepositions})\s+(?P<object>[^,.!?;:]+?){_END}")
    verb_last = rf"\b(?:{prepositions})\s+(?P<object>(?:[\w']+\s+){{0,3}}?[\w']+)\s+(?:{verbs})\b"
    return re.compile(verb_first), re.compile(verb_last)


def command_object(text: str) -> Optional[str]:
    """The object of the first stop/continue verb in `text` (folded), or None when it has none."""
    norm = " ".join(fold(text).split())
    verb_first, verb_last = _patterns()
    found = verb_first.search(norm) or verb_last.search(norm)
    return found.group("object").strip() if found else None


def about_life(text: str) -> bool:
    """True when a stop/continue command's object is not this conversation ("stoppen met roken")."""
    target = command_object(text)
    if not target:
        return False
    words = _words()
    padded = f" {target} "
    if any(f" {term} " in padded for term in words["conversation"]):
        return False
    return any(word not in words["empty"] for word in re.findall(r"[\w'.]+", target))
