"""Understanding people (issue 17): the training data, and the trained model on the frozen test set.

- No message of the frozen test set (tests/nlu/test_nlu.yml) or of the dev set
  (tests/nlu/dev_nlu.yml) may be a near-duplicate of a training example: a difflib ratio of 0.9
  or more, lower-cased and whitespace-normalised. Otherwise the sets would measure memory.
- Every intent has at least 60 training examples.
- The trained model (models/reflectie.tar.gz) on the test set reaches issue 17's targets:
  macro F1 >= 0.95 and no intent's F1 below 0.85 (README, "NLU report"), so a regression fails.
  The intent is the final one after every NLU component (fallback, command gate, safety net):
  `nlu_fallback` counts as a miss; the safety net's tiers that answer a `crisis` message
  (`crisis_unclear`, `danger_from_others`) count as `crisis`.
"""
import asyncio
from collections import Counter

import pytest

from bench.quality import NLU_DEV, NLU_TEST, TRAINING, fixed_set, near_duplicates, nlu_examples
from testkit.paths import MODEL

MACRO_F1_TARGET = 0.95
INTENT_F1_TARGET = 0.85
MIN_EXAMPLES = 60


@pytest.mark.parametrize("path", [NLU_TEST, NLU_DEV], ids=["test", "dev"])
def test_no_message_is_a_near_duplicate_of_a_training_example(path):
    training = [text for text, _ in nlu_examples(TRAINING)]
    found = near_duplicates([text for text, _ in nlu_examples(path)], training, ratio=0.9)
    assert not found, "near-duplicates (message, training example, ratio):\n" + "\n".join(map(str, found))


def test_the_near_duplicate_check_finds_them():
    found = near_duplicates(["Ik wil  STOPPEN met de oefening", "iets heel anders"],
                            ["ik wil stoppen met de oefeningen", "hallo"])
    assert [(text, example) for text, example, _ in found] == [
        ("Ik wil  STOPPEN met de oefening", "ik wil stoppen met de oefeningen")]


def test_every_intent_has_enough_varied_training_examples():
    counts = Counter(intent for _, intent in nlu_examples(TRAINING))
    assert not {i: n for i, n in counts.items() if n < MIN_EXAMPLES}, counts
    assert counts.most_common(1)[0][0] == "share_experience"  # the richest intent


def test_the_fixed_sets_are_not_trained_on():
    training = {" ".join(t.lower().split()) for t, _ in nlu_examples(TRAINING)}
    for path in (NLU_TEST, NLU_DEV):
        assert not training & {" ".join(t.lower().split()) for t, _ in nlu_examples(path)}, path


@pytest.fixture(scope="module")
def agent():
    from rasa.core.agent import load_agent

    if not MODEL.exists():
        pytest.fail(f"No trained model at {MODEL}: run `make train` first")
    loop = asyncio.new_event_loop()
    try:
        yield loop.run_until_complete(load_agent(model_path=str(MODEL)))
    finally:
        loop.close()


@pytest.fixture(scope="module")
def test_set(agent):
    return fixed_set(agent, NLU_TEST)


def _report(result, macro_floor, intent_floor):
    return "\n".join(
        [f"macro F1 {result['macro_f1']} (floor {macro_floor}), accuracy {result['accuracy']}",
         f"per intent F1 (floor {intent_floor}):"]
        + [f"  {name:20s} {row['f1-score']:.3f}  (P {row['precision']:.2f} R {row['recall']:.2f}, n {row['support']})"
           for name, row in sorted(result["per_intent"].items(), key=lambda kv: kv[1]["f1-score"])]
        + ["top confusions (gold -> predicted: count):"]
        + [f"  {gold} -> {predicted}: {n}" for gold, predicted, n in result["confusions"][:15]])


def _weak(result, floor):
    return {name: row["f1-score"] for name, row in result["per_intent"].items() if row["f1-score"] < floor}


def test_the_model_reaches_the_issue_targets_on_the_frozen_test_set(test_set):
    assert test_set["macro_f1"] >= MACRO_F1_TARGET and not _weak(test_set, INTENT_F1_TARGET), \
        _report(test_set, MACRO_F1_TARGET, INTENT_F1_TARGET)
