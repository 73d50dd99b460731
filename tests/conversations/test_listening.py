"""Feeling heard, through the trained model: the listening corpora (tuning floor, frozen held-out
floor) and the multi-turn conversations corpus, turn by turn with its expectations."""
import uuid

import pytest

from bench.listening import (
    HELD_OUT,
    TUNING,
    acknowledges,
    conversations,
    is_goodbye,
    messages,
    names,
    names_rate,
    questions,
)
from core.advice_guard import find_violations

TUNING_FLOOR = 0.85
#: Set once, after measuring the frozen held-out part through the model (54/66 = 0.82 when it was
#: set, 25/66 before issue 13); never tuned on: it only guards against a collapse.
HELD_OUT_FLOOR = 0.70
#: Per-turn `names` over all listening turns of conversations.yml (the replies of an exercise's
#: own questions excluded): set after measuring once through the model (90/117 = 0.77); per turn
#: they are a measure, not a gate, because NLU sometimes routes a sharing turn elsewhere
#: ("ja dat doet pijn" -> affirm).
CONVERSATION_NAMES_FLOOR = 0.70
NAMED = {"named": 0, "total": 0}


def _say_fresh(assistant):
    return lambda text: assistant.texts(f"listen-{uuid.uuid4().hex[:10]}", text)


def test_listening_tuning_part_names_what_matters(assistant):
    result = names_rate(_say_fresh(assistant), messages(TUNING))
    print(f"listening tuning: {result['named']}/{result['total']} = {result['rate']}")
    misses = "\n".join(f"{m['text']} | {m['names']} -> {m['reply']}" for m in result["misses"][:20])
    assert result["rate"] >= TUNING_FLOOR, f"{result['named']}/{result['total']}\n{misses}"


def test_listening_held_out_part_stays_above_its_floor(assistant):
    result = names_rate(_say_fresh(assistant), messages(HELD_OUT))
    print(f"listening held-out: {result['named']}/{result['total']} = {result['rate']}")
    assert result["rate"] >= HELD_OUT_FLOOR, f"{result['named']}/{result['total']}"


def _starts_exercise(text: str) -> bool:
    return text.startswith("/start_exercise") or "oefening" in text.lower()


def _meets(expect: str, text: str, buttons: list) -> bool:
    if expect == "no_advice":
        return not find_violations(text)
    if expect == "goodbye":
        return is_goodbye(text)
    if expect == "greeting_short":
        return not buttons and len(text) <= 160 and "computerprogramma" not in text
    if expect == "no_buttons":
        return not buttons
    if expect == "acknowledges":
        return acknowledges(text)
    raise ValueError(f"unknown expectation {expect!r}")


@pytest.mark.parametrize("conversation", conversations(), ids=lambda c: c["id"])
def test_conversation_turn_by_turn(assistant, sender, conversation):
    failures = []
    in_exercise = False
    for number, turn in enumerate(conversation["turns"], 1):
        said = turn["say"]
        in_exercise = in_exercise or _starts_exercise(said)
        reply = assistant.say(sender, said)
        text = "\n".join(m.get("text") or "" for m in reply)
        buttons = [b for m in reply for b in m.get("buttons") or []]
        where = f"turn {number} {said!r} -> {text!r}"
        if find_violations(text, own_words=said):  # a quote of their own words is theirs
            failures.append(f"advice: {where}")
        if questions(text) > 1:
            failures.append(f"one_question: {where}")
        if turn.get("names") and not in_exercise:
            NAMED["total"] += 1
            NAMED["named"] += names(text, turn["names"])
        for expect in turn.get("expect", []):
            if not _meets(expect, text, buttons):
                failures.append(f"{expect}: {where}")
    assert not failures, "\n".join(failures)


def test_conversation_turns_name_what_matters():
    """Runs after the conversations above (same module, in order)."""
    if not NAMED["total"]:
        pytest.skip("the conversations did not run")
    rate = NAMED["named"] / NAMED["total"]
    print(f"conversation turns named: {NAMED['named']}/{NAMED['total']} = {rate:.3f}")
    assert rate >= CONVERSATION_NAMES_FLOOR, f"{NAMED['named']}/{NAMED['total']}"
