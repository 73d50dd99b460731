"""The noticing engine's word lists and weights, read once from lexicon.yml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, Pattern, Tuple, get_args, get_origin, get_type_hints

import yaml

LEXICON_FILE = Path(__file__).with_name("lexicon.yml")


@dataclass(frozen=True)
class Weights:
    """How much each kind of notice counts: the reply answers the heaviest."""

    self_blame: int
    event: int
    contrast_strong: int
    feeling_again: int
    feeling_phrase: int
    occasion: int
    relation_again: int
    contrast: int
    feeling_word: int
    absolute_strong: int
    time: int
    name: int
    label: int
    relation: int
    absolute: int


@dataclass(frozen=True)
class Lexicon:
    """The entries of lexicon.yml (its comments say what each one is for)."""

    first_person: FrozenSet[str]
    reflexive: FrozenSet[str]
    feel_verbs: Dict[str, str]
    be_verbs: Dict[str, str]
    have_verbs: Dict[str, str]
    feel_in_message: FrozenSet[str]
    negations: FrozenSet[str]
    degree_words: FrozenSet[str]
    skip_words: FrozenSet[str]
    phrase_stops: FrozenSet[str]
    not_a_feeling: FrozenSet[str]
    noun_feelings: FrozenSet[str]
    feeling_canon: Dict[str, str]
    ambiguous_feelings: FrozenSet[str]
    feeling_context: FrozenSet[str]
    not_alone: FrozenSet[str]
    clause_conjunctions: FrozenSet[str]
    maar_particles: FrozenSet[str]
    contrast_markers: Tuple[str, ...]
    concessive: FrozenSet[str]
    not_contrast_after_maar: FrozenSet[str]
    contrast_before_toch: FrozenSet[str]
    strong_absolutes: FrozenSet[str]
    second_person: Dict[str, str]
    possessives: Dict[str, str]
    needs_possessive: FrozenSet[str]
    relation_canon: Dict[str, str]
    label_verbs: FrozenSet[str]
    copulas: FrozenSet[str]
    label_markers: FrozenSet[str]
    label_frequency: FrozenSet[str]
    judgements: FrozenSet[str]
    label_articles: FrozenSet[str]
    self_blame: Tuple[Pattern[str], ...]
    event_loss: Tuple[Pattern[str], ...]
    event_change: Tuple[Pattern[str], ...]
    event_occasions: Tuple[Pattern[str], ...]
    event_frames: Tuple[Pattern[str], ...]
    event_clause_starts: FrozenSet[str]
    event_clause_ends: FrozenSet[str]
    times: Tuple[Pattern[str], ...]
    je_verbs: Dict[str, str]
    weights: Weights


def _text(value: Any) -> str:
    if not isinstance(value, str):  # YAML reads e.g. `no` as False
        raise ValueError(f"{LEXICON_FILE.name}: {value!r} is not text; put it in quotes")
    return value


def _convert(hint: Any, raw: Any) -> Any:
    """One YAML entry as the type of its field."""
    if hint is Weights:
        return Weights(**raw)
    if get_origin(hint) is frozenset:
        return frozenset(_text(w) for w in raw)
    if get_origin(hint) is dict:
        return {_text(k): _text(v) for k, v in raw.items()}
    if get_args(hint)[0] == Pattern[str]:
        return tuple(re.compile(_text(p)) for p in raw)
    return tuple(_text(w) for w in raw)


def load(path: Path = LEXICON_FILE) -> Lexicon:
    """The lexicon; a missing or unknown entry is an error."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hints = get_type_hints(Lexicon)
    if set(data) != set(hints):
        raise ValueError(f"{path.name}: entries differ from Lexicon: {sorted(set(data) ^ set(hints))}")
    return Lexicon(**{name: _convert(hint, data[name]) for name, hint in hints.items()})


LEX = load()
