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
    mine, theirs = ours.pop("tracker"), rasas.pop("tracker")
    assert ours == rasas
    assert {k: v for k, v in mine.items() if k != "events"} == \
        {k: v for k, v in theirs.items() if k != "events"}
    assert mine["events"][-speedups.RECENT_EVENTS:] == theirs["events"][-speedups.RECENT_EVENTS:]
    kept = [e for e in theirs["events"][:older] if e["event"] not in speedups.LEFT_OUT]
    assert len(kept) < older and len(mine["events"]) == len(kept) + speedups.RECENT_EVENTS
    assert len(json.dumps(mine["events"][:len(kept)])) < len(json.dumps(theirs["events"][:older])) / 2
    for short, full in zip(mine["events"], kept + theirs["events"][older:], strict=True):
        for key in ("event", "timestamp", "text", "name", "value", "input_channel"):
            assert short.get(key) == full.get(key)


def test_no_action_reads_the_events_left_out_of_older_history():
    """The slot, featurization and active-loop events older than ``RECENT_EVENTS`` are not
    sent: no module that reads the conversation's events may look for them."""
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    readers = set()
    for name, run in executor.actions.items():
        if name not in speedups.RECENT_ONLY_ACTIONS:
            readers |= {m for m in imported_actions_modules(inspect.getmodule(run.__self__))
                        if READS_EVENTS.search(inspect.getsource(importlib.import_module(m)))}
    assert "actions.noticing_actions" in readers
    for module in readers:
        source = inspect.getsource(importlib.import_module(module))
        for kind in speedups.LEFT_OUT:
            assert f'"{kind}"' not in source and f"'{kind}'" not in source, (module, kind)


# --- past_states, continued from the last call (issue 16) --------------------------------------

from rasa.shared.core.events import (  # noqa: E402
    AllSlotsReset,
    DefinePrevUserUtteredFeaturization,
    EntitiesAdded,
    FollowupAction,
    LoopInterrupted,
)

STATES_DOMAIN = Domain.from_yaml("""
version: "3.1"
intents:
  - greet
  - share:
      use_entities: [gevoel]
  - deny
entities: [gevoel, topic]
slots:
  x:
    type: float
    influence_conversation: true
    mappings: [{type: custom}]
  mood:
    type: categorical
    values: [blij, boos]
    influence_conversation: true
    mappings: [{type: custom}]
  seen:
    type: bool
    influence_conversation: true
    mappings: [{type: custom}]
  note:
    type: text
    influence_conversation: false
    mappings: [{type: custom}]
forms:
  reflection_form:
    required_slots: [mood]
  other_form:
    required_slots: [seen]
actions: [utter_x, action_notice]
responses:
  utter_x: [{text: x}]
""")

RULE_ONLY = {"rule_only_slots": ["seen"], "rule_only_loops": ["other_form"]}
STATE_ARGS = [{}, {"omit_unset_slots": True}, {"ignore_rule_only_turns": True},
              {"ignore_rule_only_turns": True, "rule_only_data": RULE_ONLY},
              {"rule_only_data": RULE_ONLY}]


def random_state_event(rng):
    entities = rng.choice([[], [{"entity": "gevoel", "value": "blij"}],
                           [{"entity": "topic", "value": "werk", "role": "r"}]])
    return rng.choice([
        lambda: UserUttered("hoi", {"name": rng.choice(["greet", "share", "deny"])}, entities),
        lambda: UserUttered(None, {"name": "share"}),
        lambda: ActionExecuted("action_listen"),
        lambda: ActionExecuted("action_listen"),
        lambda: ActionExecuted("utter_x", hide_rule_turn=rng.random() < 0.5),
        lambda: ActionExecuted("action_notice", hide_rule_turn=rng.random() < 0.3),
        lambda: ActionExecuted("reflection_form", hide_rule_turn=rng.random() < 0.3),
        lambda: ActionExecuted("other_form"),
        lambda: ActiveLoop(rng.choice(["reflection_form", "other_form", None])),
        lambda: ActionExecutionRejected("reflection_form"),
        lambda: LoopInterrupted(rng.random() < 0.5),
        lambda: FollowupAction("utter_x"),
        lambda: BotUttered("antwoord"),
        lambda: SlotSet("x", rng.choice([None, rng.random()])),
        lambda: SlotSet("mood", rng.choice([None, "blij", "boos"])),
        lambda: SlotSet("seen", rng.choice([None, True, False])),
        lambda: SlotSet("note", "iets"),
        lambda: AllSlotsReset(),
        lambda: DefinePrevUserUtteredFeaturization(rng.random() < 0.5),
        lambda: DefinePrevUserUtteredFeaturization(rng.random() < 0.5),
        lambda: EntitiesAdded([{"entity": "gevoel", "value": "boos"}]),
        lambda: ActionReverted(),
        lambda: UserUtteranceReverted(),
        lambda: rng.choice([Restarted(), SessionStarted(), BotUttered("x"), BotUttered("y")]),
    ])()


def shared(states):
    """Which sub-states are one object (Rasa shares some between states)."""
    first = {}
    return [[first.setdefault(id(sub), (index, key)) for key, sub in state.items()]
            for index, state in enumerate(states)]


def as_a_caller_does(states):
    """Callers change the states they get (e.g. `_choose_last_user_input`)."""
    for state in states:
        state.get("user", {}).pop("text", None)
        state.pop("active_loop", None)


def test_installed_past_states():
    assert DialogueStateTracker.past_states is speedups.past_states


@pytest.mark.parametrize("seed", range(40))
def test_past_states_equal_rasas_after_every_append(seed, monkeypatch):
    rng = random.Random(seed)
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    fresh, rewound = [], []
    init, rewind = speedups._StateFold.__init__, speedups._StateFold.rewind

    def counted_rewind(fold, applied):
        went_back = len(applied) < len(fold.applied) or any(
            a is not b for a, b in zip(fold.applied, applied, strict=False))
        done = rewind(fold, applied)
        rewound.append(went_back and done)
        return done

    monkeypatch.setattr(speedups._StateFold, "__init__",
                        lambda *args: fresh.append(1) or init(*args))
    monkeypatch.setattr(speedups._StateFold, "rewind", counted_rewind)
    monkeypatch.setattr(speedups, "STATE_FOLDS", len(STATE_ARGS))
    for _ in range(100):
        for _ in range(rng.randint(1, 4)):
            tracker.update(random_state_event(rng), STATES_DOMAIN)
        for args in rng.sample(STATE_ARGS, 3):
            ours = tracker.past_states(STATES_DOMAIN, **args)
            rasas = speedups._RASA_PAST_STATES(tracker, STATES_DOMAIN, **args)
            assert ours == rasas and shared(ours) == shared(rasas), args
            as_a_caller_does(ours)
    assert len(fresh) < 200 and sum(rewound) > 5  # of 300 calls: most go on, some go back


def test_past_states_fold_only_new_events(monkeypatch):
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    for n in range(200):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"bericht {n}", {"name": "share"}))
        tracker.update(DefinePrevUserUtteredFeaturization(False))
        tracker.update(ActionExecuted("utter_x"))
    tracker.past_states(STATES_DOMAIN)
    made = []
    monkeypatch.setattr(Domain, "get_active_state",
                        lambda *args, **kwargs: made.append(1) or {"slots": {}})
    tracker.update(ActionExecuted("action_listen"))
    assert len(tracker.past_states(STATES_DOMAIN)) == 402 and len(made) == 2


def test_a_form_running_again_goes_back_only_a_turn(monkeypatch):
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    for event in [ActionExecuted("action_listen"), UserUttered("ja", {"name": "greet"}),
                  ActionExecuted("reflection_form"), ActiveLoop("reflection_form")]:
        tracker.update(event)
    for n in range(200):
        for event in [ActionExecuted("action_listen"),
                      UserUttered(f"bericht {n}", {"name": "share"}),
                      DefinePrevUserUtteredFeaturization(False), SlotSet("mood", "blij")]:
            tracker.update(event)
        tracker.past_states(STATES_DOMAIN)
        tracker.update(ActionExecuted("reflection_form"))  # drops the turn from the applied events
        tracker.past_states(STATES_DOMAIN)
    made = []
    get_active_state = Domain.get_active_state
    monkeypatch.setattr(Domain, "get_active_state",
                        lambda *args, **kwargs: made.append(1) or get_active_state(*args, **kwargs))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("nog een", {"name": "share"}))
    tracker.update(ActionExecuted("reflection_form"))
    states = tracker.past_states(STATES_DOMAIN)
    assert states == speedups._RASA_PAST_STATES(tracker, STATES_DOMAIN)
    assert len(made) <= 4


def test_a_featurized_message_changed_in_place_is_replayed():
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    for event in [ActionExecuted("action_listen"), UserUttered("hoi", {"name": "greet"}),
                  ActionExecuted("utter_x"), ActionExecuted("action_listen")]:
        tracker.update(event)
    assert tracker.past_states(STATES_DOMAIN)[2]["user"] == {"text": "hoi", "intent": "greet"}
    tracker.update(DefinePrevUserUtteredFeaturization(False))  # changes the message in place
    tracker.update(EntitiesAdded([{"entity": "gevoel", "value": "blij"}]))
    states = tracker.past_states(STATES_DOMAIN)
    assert states == speedups._RASA_PAST_STATES(tracker, STATES_DOMAIN)
    assert states[2]["user"] == {"intent": "greet", "entities": ("gevoel",)}


def test_other_arguments_or_a_shorter_history_are_replayed():
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    for event in [ActionExecuted("action_listen"), UserUttered("hoi", {"name": "greet"}),
                  ActionExecuted("utter_x"), SlotSet("seen", True),
                  ActionExecuted("action_listen")]:
        tracker.update(event)
    for args in STATE_ARGS:
        tracker.past_states(STATES_DOMAIN, **args)
    tracker.update(ActionReverted())
    other = Domain.from_dict({**STATES_DOMAIN.as_dict(), "slots": {}})
    for domain in (STATES_DOMAIN, other):
        for args in STATE_ARGS:
            assert tracker.past_states(domain, **args) == \
                speedups._RASA_PAST_STATES(tracker, domain, **args)


# --- copy, replaying only appended events (issue 16) -------------------------------------------

from rasa.shared.core.trackers import EventVerbosity  # noqa: E402


def tracker_state(tracker):
    """All a tracker's state, as far as events make it."""
    return (tracker.current_state(EventVerbosity.ALL), type(tracker), tracker.sender_id,
            tracker.latest_bot_utterance, tracker.active_loop, tracker._max_event_history,
            tracker.is_rule_tracker, tracker.model_id, tracker.assistant_id, tracker.sender_source,
            {name: (slot.value, slot.has_been_set) for name, slot in tracker.slots.items()})


def test_installed_copy():
    assert DialogueStateTracker.copy is speedups.copy_tracker


@pytest.mark.parametrize("seed", range(30))
def test_copy_equals_rasas_after_every_append(seed):
    rng = random.Random(seed)
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    tracker.model_id = "model"
    for _ in range(100):
        for _ in range(rng.randint(1, 4)):
            tracker.update(random_state_event(rng), STATES_DOMAIN)
        ours, rasas = tracker.copy(), speedups._RASA_COPY(tracker)
        assert tracker_state(ours) == tracker_state(rasas)
        assert list(ours.events) == list(tracker.events) and ours.events is not tracker.events
        for _ in range(3):  # what an action does with its copy stays there
            ours.update(random_state_event(rng), STATES_DOMAIN)


def test_copy_replays_only_new_events(monkeypatch):
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    for n in range(200):
        tracker.update(UserUttered(f"bericht {n}", {"name": "share"}))
        tracker.update(ActionExecuted("action_listen"))
    tracker.copy()
    applied = []
    monkeypatch.setattr(UserUttered, "apply_to", lambda *args: applied.append(1))
    tracker.update(UserUttered("nog een", {"name": "share"}))
    assert len(tracker.copy().events) == 401 and len(applied) == 2


def test_copy_of_a_tracker_whose_events_were_replaced():
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    for event in [ActionExecuted("action_listen"), SlotSet("mood", "blij")]:
        tracker.update(event)
    tracker.copy()
    tracker.events.clear()
    tracker._reset()
    for event in [ActionExecuted("action_listen"), SlotSet("seen", True), BotUttered("hoi")]:
        tracker.update(event)
    assert tracker_state(tracker.copy()) == tracker_state(speedups._RASA_COPY(tracker))


# --- actions that read only the current turn get only the latest events (issue 16) ------------

import ast  # noqa: E402
import importlib  # noqa: E402
import importlib.util  # noqa: E402
import inspect  # noqa: E402
import re  # noqa: E402

READS_EVENTS = re.compile(r"(?<!rasa_sdk)\.events\b|applied_events|events_after_latest_restart|"
                          r"get_last_event_for|last_executed_action_has|idx_after_latest_restart")


def imported_actions_modules(module):
    """`module` and every module of the actions package it imports, directly or not."""
    seen, todo = set(), [module.__name__]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse(inspect.getsource(importlib.import_module(name)))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("actions"):
                todo.append(node.module)
                if hasattr(importlib.import_module(node.module), "__path__"):  # a package
                    todo += [f"{node.module}.{alias.name}" for alias in node.names
                             if importlib.util.find_spec(f"{node.module}.{alias.name}")]
            elif isinstance(node, ast.Import):
                todo += [alias.name for alias in node.names if alias.name.startswith("actions")]
    return seen


def test_recent_only_actions_read_no_earlier_events():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    assert speedups.RECENT_ONLY_ACTIONS <= set(executor.actions)
    for name in speedups.RECENT_ONLY_ACTIONS:
        module = inspect.getmodule(executor.actions[name].__self__)
        for used in imported_actions_modules(module):
            source = inspect.getsource(importlib.import_module(used))
            assert not READS_EVENTS.search(source), (name, used)


def test_the_history_readers_are_caught():
    import actions.safety_actions

    readers = [m for m in imported_actions_modules(actions.safety_actions)
               if READS_EVENTS.search(inspect.getsource(importlib.import_module(m)))]
    assert "actions.noticing_actions" in readers


def test_a_recent_only_action_gets_the_latest_events_in_full():
    tracker = long_tracker(100)
    action = RemoteAction("validate_reflection_form", None)
    ours = speedups._action_call_format(action, tracker, Domain.empty())
    rasas = speedups._RASA_ACTION_CALL_FORMAT(action, tracker, Domain.empty())
    mine, theirs = ours.pop("tracker"), rasas.pop("tracker")
    assert ours == rasas
    assert {k: v for k, v in mine.items() if k != "events"} == \
        {k: v for k, v in theirs.items() if k != "events"}
    assert mine["events"] == theirs["events"][-speedups.RECENT_EVENTS:]


def test_a_recent_only_action_gets_events_back_to_the_latest_user_message():
    tracker = long_tracker(10)
    for n in range(300):
        tracker.update(SlotSet("x", n))
    action = RemoteAction("action_ask_antwoord_1", None)
    events = speedups._action_call_format(action, tracker, Domain.empty())["tracker"]["events"]
    assert events[0]["event"] == "user" and events[0]["text"] == "bericht 9"
    assert events == [event.as_dict() for event in tracker.events][-len(events):]


# --- the form's temporary tracker, from a shared replay (issue 16) -----------------------------

import time  # noqa: E402

from rasa.core.actions.forms import FormAction  # noqa: E402


def test_installed_form_tracker():
    assert FormAction._temporary_tracker is speedups._form_temporary_tracker


@pytest.mark.parametrize("seed", range(30))
def test_form_tracker_equals_rasas_after_every_append(seed, monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 1.0)  # the form's own events get equal times
    rng = random.Random(seed)
    form = FormAction("reflection_form", None)
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    for _ in range(100):
        for _ in range(rng.randint(1, 4)):
            tracker.update(random_state_event(rng), STATES_DOMAIN)
        copied = tracker.copy()
        for _ in range(rng.randint(0, 2)):  # the prediction's events, on the copy only
            copied.update(random_state_event(rng), STATES_DOMAIN)
        extra = [SlotSet("mood", rng.choice(["blij", "boos"]))]
        ours = form._temporary_tracker(copied, list(extra), STATES_DOMAIN)
        rasas = speedups._RASA_TEMPORARY_TRACKER(form, copied, list(extra), STATES_DOMAIN)
        assert tracker_state(ours) == tracker_state(rasas)
        for _ in range(2):  # what the form does with it stays there
            ours.update(random_state_event(rng), STATES_DOMAIN)


def test_form_tracker_replays_only_new_events(monkeypatch):
    form = FormAction("reflection_form", None)
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    for n in range(200):
        tracker.update(UserUttered(f"bericht {n}", {"name": "share"}))
        tracker.update(ActionExecuted("action_listen"))
    form._temporary_tracker(tracker.copy(), [], STATES_DOMAIN)
    tracker.update(UserUttered("nog een", {"name": "share"}))
    copied = tracker.copy()
    applied = []
    monkeypatch.setattr(UserUttered, "apply_to", lambda *args: applied.append(1))
    assert len(form._temporary_tracker(copied, [], STATES_DOMAIN).events) == 403
    assert len(applied) == 1


def test_form_tracker_of_a_tracker_whose_events_were_replaced(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 1.0)
    form = FormAction("reflection_form", None)
    tracker = DialogueStateTracker("x", STATES_DOMAIN.slots)
    for event in [ActionExecuted("action_listen"), SlotSet("mood", "blij")]:
        tracker.update(event)
    form._temporary_tracker(tracker.copy(), [], STATES_DOMAIN)
    first = tracker.events[0]
    tracker.events.clear()
    tracker._reset()
    for event in [first, SlotSet("seen", True), BotUttered("hoi")]:
        tracker.update(event)
    copied = tracker.copy()
    assert tracker_state(form._temporary_tracker(copied, [], STATES_DOMAIN)) == \
        tracker_state(speedups._RASA_TEMPORARY_TRACKER(form, copied, [], STATES_DOMAIN))


# --- the rule policy's debug text of the states (issue 16) ------------------------------------


def test_states_are_formatted_only_for_a_debug_log(caplog):
    import logging

    from rasa.core.policies.rule_policy import RulePolicy

    states = [{}, {"user": {"intent": "greet"}, "prev_action": {"action_name": "action_listen"}}]
    assert RulePolicy.format_tracker_states is not speedups._RASA_FORMAT_STATES
    with caplog.at_level(logging.INFO, logger=RulePolicy.__module__):
        assert RulePolicy.format_tracker_states(states) == ""
    with caplog.at_level(logging.DEBUG, logger=RulePolicy.__module__):
        text = RulePolicy.format_tracker_states(states)
    assert text == speedups._RASA_FORMAT_STATES(states) and "user intent: greet" in text
