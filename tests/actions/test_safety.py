"""The crisis safety net on its regression corpus (tests/corpora/crisis.yml)."""
from pathlib import Path

import pytest
import yaml

from actions.safety import is_benign_death_idiom, is_crisis, normalise

CORPUS = yaml.safe_load((Path(__file__).parents[1] / "corpora" / "crisis.yml").read_text("utf-8"))


@pytest.mark.parametrize("text", CORPUS["crisis"])
def test_crisis_messages_are_caught(text):
    assert is_crisis(text), text


@pytest.mark.parametrize("text", CORPUS["benign"])
def test_benign_messages_do_not_trigger(text):
    assert not is_crisis(text), text


def test_corpus_is_large_enough():
    assert len(CORPUS["crisis"]) >= 60 and len(CORPUS["benign"]) >= 60


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Ik ZIE het niet meer zitten", "ik zie het niet meer zitten"),
        ("“Ik wíl er niet méér zijn”", '" ik wil er niet meer zijn "'),
        ("k wil ni meer", "ik wil niet meer"),
        ("ik\u200b wil dood", "ik wil dood"),
    ],
)
def test_normalise_folds_case_accents_quotes_and_chat_spelling(raw, expected):
    assert normalise(raw) == expected


def test_death_idioms_are_recognised_as_benign():
    assert is_benign_death_idiom("ik lach me dood om die video")
    assert not is_benign_death_idiom("ik lach me dood maar eigenlijk wil ik dood")
