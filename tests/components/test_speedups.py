"""The cached action-result validator accepts and rejects exactly what Rasa's own check does."""
import random

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction
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
