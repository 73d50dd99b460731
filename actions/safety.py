"""Crisis safety net: phrase matching on normalised text, independent of NLU confidence.

Used by the Rasa server (components/crisis_override.py) and by actions. The phrase list
is data: actions/safety_phrases.yml.
"""
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

PHRASES_FILE = Path(__file__).with_name("safety_phrases.yml")

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "´": "'", "`": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"'})
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
# chat spellings expanded before matching (whole words only)
_CHAT = {
    "ni": "niet", "nie": "niet", "nt": "niet", "nit": "niet", "mn": "mijn", "m'n": "mijn",
    "k": "ik", "'k": "ik", "ikke": "ik", "wl": "wil", "wilt": "wil", "mzelf": "mezelf",
    "mezelve": "mezelf", "dod": "dood", "doot": "dood", "t": "het", "da": "dat",
    "kzie": "ik zie", "kwil": "ik wil", "kheb": "ik heb", "kben": "ik ben", "kga": "ik ga",
}
_WORD = re.compile(r"[\w']+|[^\w\s]", re.UNICODE)


def normalise(text: str) -> str:
    """Lower case, fold accents and curly quotes, drop invisible characters, expand chat spelling."""
    text = _INVISIBLE.sub("", text or "").translate(_QUOTES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(.)\1{2,}", r"\1\1", text)  # "nieeeet" -> "niee"
    words = [_CHAT.get(w, _CHAT.get(w.strip("'"), w.strip("'"))) for w in _WORD.findall(text)]
    return " ".join(words)


@lru_cache(maxsize=1)
def _patterns() -> dict:
    data = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
    return {kind: [re.compile(p) for p in patterns] for kind, patterns in data.items()}


@lru_cache(maxsize=8)  # one message is checked several times in a turn; keep only a few
def _found(text: str) -> frozenset:
    """The phrase-list kinds (crisis, benign, ...) with a match in the text, normalised once."""
    norm = normalise(text)
    return frozenset(kind for kind, patterns in _patterns().items() if any(p.search(norm) for p in patterns))


def is_crisis(text: str) -> bool:
    """True when the text shows signs of suicidal thoughts, self-harm or acute danger."""
    found = _found(text)
    return "crisis" in found or ("mention" in found and "mention_context" not in found)


def has_risk_cue(text: str) -> bool:
    """True when the text talks about death, harm or danger at all (used to check NLU guesses)."""
    return "nlu_cues" in _found(text)


def is_benign_death_idiom(text: str) -> bool:
    """True when the text only uses death words in an everyday, non-crisis way."""
    return not is_crisis(text) and "benign" in _found(text)
