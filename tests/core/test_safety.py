"""The safety net on its tuning corpus (tests/corpora/crisis.yml), tier by tier, and on odd input.

The frozen held-out part (crisis_heldout.yml) is measured by `make nlu-report`, not here.
"""
import time
from pathlib import Path

import pytest
import yaml

from core.safety import BENIGN, CRISIS, answer_to_question, assess, normalise, tier

ROOT = Path(__file__).parents[2]
CORPUS = yaml.safe_load((ROOT / "tests" / "corpora" / "crisis.yml").read_text("utf-8"))
CASES = [(t, text) for t, items in CORPUS.items() for text in items]


@pytest.mark.parametrize("expected, text", CASES, ids=[f"{t}:{x[:40]}" for t, x in CASES])
def test_every_corpus_message_gets_its_tier(expected, text):
    assert tier(text) == expected, (text, normalise(text))


def test_corpus_is_large_enough():
    crisisish = sum(len(CORPUS[t]) for t in ("crisis", "unclear", "violence", "bereaved"))
    assert crisisish >= 300 and len(CORPUS["benign"]) >= 300


def _training_examples(intent):
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text("utf-8")).get("nlu") or []:
            if block.get("intent") == intent:
                yield from (line[2:] for line in block["examples"].splitlines() if line.startswith("- "))


@pytest.mark.parametrize("text", list(_training_examples("crisis")))
def test_every_crisis_training_example_is_caught(text):
    assert tier(text) != BENIGN, text


@pytest.mark.parametrize(
    "text",
    [
        "mijn broer denkt aan zelfmoord en ik eigenlijk ook",
        "in die film wil iedereen dood, en ik wil ook dood",
        "ik denk niet aan zelfmoord, maar ik wil wel dood",
        "mijn vriendin zegt dat het wel goed komt maar ik zie het niet meer zitten",
        "haha ja, maar serieus: ik wil er niet meer zijn",
    ],
)
def test_context_never_cancels_a_first_person_statement(text):
    assert tier(text) == CRISIS, normalise(text)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Ik ZIE het niet meer zitten", "ik zie het niet meer zitten"),
        ("“Ik wíl er niet méér zijn”", '" ik wil er niet meer zijn "'),
        ("k wil ni meer", "ik wil niet meer"),
        ("kwil er nimeer zijn", "ik wil er niet meer zijn"),
        ("ik\u200b wil dood", "ik wil dood"),
        ("ikbenklaarmethetleven", "ik ben klaar met het leven"),
        ("doodgewoon", "doodgewoon"),
    ],
)
def test_normalise_folds_case_accents_quotes_chat_spelling_and_glued_words(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("text", ["", "   ", "😂😂😂", "“”‘’", "\u200b\u200b", "?!?!", "a" * 20000, None])
def test_odd_input_never_crashes(text):
    assert tier(text) == BENIGN


def test_long_text_is_read_completely():
    assert tier("bla " * 3000 + "ik wil dood") == CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "ik " * 1400,
        "ik wil " + "heel " * 800 + "erg",
        "mijn broer " + "zegt dat " * 450,
        "niet " * 1000,
        "a" * 4000,
        "ik heb " + "pillen " * 550,
        ", " * 2000,
    ],
    ids=["ik", "wil-heel", "others", "niet", "one-word", "pills", "commas"],
)
def test_pathological_messages_are_read_in_linear_time(text):
    assess.cache_clear()
    start = time.perf_counter()
    tier(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("ja", "affirm", True),
        ("soms wel", "share_experience", True),
        ("ik weet het niet", "nlu_fallback", True),  # doubt counts as yes: the lines follow
        ("nee", "deny", False),
        ("neen hoor, ik ben gewoon moe", "share_experience", False),
        ("mijn werk is zo druk", "share_experience", None),
    ],
)
def test_answers_to_the_direct_question(text, intent, expected):
    assert answer_to_question(text, intent) is expected
