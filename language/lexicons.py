"""Reads the project lexicons in `language/lexicons/` (plain text, one term per line)."""
from pathlib import Path
from typing import Dict, List, Tuple

LEXICON_DIR = Path(__file__).parent / "lexicons"
#: spaCy entity labels built from a word list, by file name.
WORD_LISTS = ("gevoel", "relatie", "absoluut")


def _lines(name: str) -> List[str]:
    text = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def words(label: str) -> List[str]:
    """Terms of one word-list lexicon, in file order."""
    return _lines(label)


#: spaCy entity labels built from a "canonical<TAB>phrase" list, by file name.
TAGGED_LISTS = ("exercise", "topic")


def tagged_phrases(label: str) -> List[Tuple[str, str]]:
    """(canonical value, phrase) pairs of a tagged lexicon such as `exercise`."""
    pairs = []
    for line in _lines(label):
        canonical, phrase = line.split("\t")
        pairs.append((canonical.strip(), phrase.strip()))
    return pairs


def ruler_patterns() -> List[Dict]:
    """Entity-ruler token patterns (matched on lower-cased text) for every lexicon."""
    patterns = []
    for label in WORD_LISTS:
        for term in words(label):
            patterns.append({"label": label, "pattern": [{"LOWER": t} for t in term.split()]})
    for label in TAGGED_LISTS:
        for canonical, phrase in tagged_phrases(label):
            patterns.append(
                {"label": label, "id": canonical, "pattern": [{"LOWER": t} for t in phrase.split()]}
            )
    return patterns
