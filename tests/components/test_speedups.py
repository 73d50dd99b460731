"""The cached action-result validator accepts and rejects exactly what Rasa's own check does."""
import json
import random

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

import components  # noqa: F401  (installs the speed-up)
from components import speedups
from components.speedups import _validate_action_result

GOOD = {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hoi"}]}
BAD = {"events": [{"name": "x"}], "responses": []}


def test_installed():
    assert RemoteAction._validate_action_result is _validate_action_result


@pytest.mark.parametrize("result", [GOOD, {"events": [], "responses": []}])
def test_accepts_what_rasa_accepts(result):
    validate(result, RemoteAction.action_response_format_spec())
    assert _validate_action_result(None, result) is True


def test_rejects_what_rasa_rejects():
    with pytest.raises(ValidationError):
        validate(BAD, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        _validate_action_result(None, BAD)


# --- applied_events, continued from the last call (issue 16) ----------------------------------



def random_event(rng):
    return rng.choice([
        lambda: UserUttered("hoi", {"name": "greet"}),
        lambda: ActionExecuted("action_listen"),
        lambda: ActionExecuted("utter_x"),
        lambda: ActionExecuted("reflection_form"),
        lambda: ActionExecuted("other_form"),
        lambda: ActiveLoop("reflection_form"),
        lambda: ActiveLoop("other_form"),
        lambda: ActiveLoop(None),
        lambda: ActionExecutionRejected("reflection_form"),
        lambda: BotUttered("antwoord"),
        lambda: SlotSet("x", rng.random()),
        lambda: ActionReverted(),
        lambda: UserUtteranceReverted(),
        lambda: Restarted(),
        lambda: SessionStarted(),
    ])()


def test_installed_applied_events():
    assert DialogueStateTracker.applied_events is speedups.applied_events


@pytest.mark.parametrize("seed", range(40))
def test_applied_events_equal_rasas_after_every_append(seed):
    rng = random.Random(seed)
    tracker = DialogueStateTracker("x", [])
    for _ in range(120):
        for _ in range(rng.randint(1, 4)):
            tracker.update(random_event(rng))
        assert tracker.applied_events() == speedups._RASA_APPLIED_EVENTS(tracker)


def test_applied_events_walk_only_new_events(monkeypatch):
    tracker = DialogueStateTracker("x", [])
    for n in range(200):
        tracker.update(UserUttered(f"bericht {n}", {"name": "share"}))
        tracker.update(ActionExecuted("action_listen"))
    tracker.applied_events()
    walked = []
    apply = speedups._apply
    monkeypatch.setattr(speedups, "_apply", lambda *args: walked.append(1) or apply(*args))
    tracker.update(UserUttered("nog een", {"name": "share"}))
    assert tracker.applied_events()[-1].text == "nog een" and len(walked) == 1


# --- the action call: older events in short (issue 16) -----------------------------------------


def long_tracker(turns):
    tracker = DialogueStateTracker("rest:x", None)
    for n in range(turns):
        tracker.update(UserUttered(f"bericht {n}", {"name": "share", "confidence": 0.9},
                                   parse_data={"intent": {"name": "share", "confidence": 0.9},
                                               "entities": [], "text": f"bericht {n}",
                                               "intent_ranking": [{"name": "x", "confidence": 0.1}] * 10},
                                   input_channel="rest"))
        tracker.update(ActionExecuted("action_notice", policy="RulePolicy", confidence=1.0))
        tracker.update(BotUttered(f"antwoord {n}", {"buttons": [{"title": "a", "payload": "/a"}]}))
        tracker.update(SlotSet("x", n))
        tracker.update(ActionExecuted("action_listen"))
    return tracker


def test_a_short_conversation_is_sent_as_rasa_sends_it():
    tracker = long_tracker(10)
    action = RemoteAction("action_notice", None)
    assert speedups._action_call_format(action, tracker, Domain.empty()) == \
        speedups._RASA_ACTION_CALL_FORMAT(action, tracker, Domain.empty())


def test_older_events_go_in_short_with_all_an_action_reads():
    tracker = long_tracker(100)
    action = RemoteAction("action_notice", None)
    ours = speedups._action_call_format(action, tracker, Domain.empty())
    rasas = speedups._RASA_ACTION_CALL_FORMAT(action, tracker, Domain.empty())
    older = len(tracker.events) - speedups.RECENT_EVENTS
    assert len(json.dumps(ours["tracker"]["events"][:older])) < \
        len(json.dumps(rasas["tracker"]["events"][:older])) / 2
    mine, theirs = ours.pop("tracker"), rasas.pop("tracker")
    assert ours == rasas
    assert {k: v for k, v in mine.items() if k != "events"} == \
        {k: v for k, v in theirs.items() if k != "events"}
    assert len(mine["events"]) == len(theirs["events"]) == len(tracker.events)
    assert mine["events"][-speedups.RECENT_EVENTS:] == theirs["events"][-speedups.RECENT_EVENTS:]
    for short, full in zip(mine["events"], theirs["events"], strict=False):
        for key in ("event", "timestamp", "text", "name", "value", "input_channel"):
            assert short.get(key) == full.get(key)
        if full["event"] == "user":
            assert short["parse_data"]["intent"] == full["parse_data"]["intent"]
    from rasa_sdk import Tracker

    sdk = Tracker.from_dict(mine)
    assert sdk.get_latest_input_channel() == "rest" and sdk.slots == Tracker.from_dict(theirs).slots
