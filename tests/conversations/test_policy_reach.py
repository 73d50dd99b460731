"""The memoization and rule policies predict the same from the states within their reach as
from all states of a long conversation (components/speedups.py, 8.), with the trained model."""
import pytest
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

from bench.load import PROJECT_SCRIPT
from components import speedups

# a long, varied conversation: sharing, buttons, a reflection, help, advice, commands, goodbye
MESSAGES = PROJECT_SCRIPT + [
    "help", "wat bedoel je daarmee?", "wat moet ik doen met mijn broer?", "laat mijn reflecties zien",
    '/start_exercise{"exercise": "samenhang"}', "stop", "ja", "dag", "hoi",
    '/start_exercise{"exercise": "samenhang"}', "Mijn buurman groet me niet meer.", "overslaan",
    "ik wil verder", "weet ik niet", "dank je", "wat is het weer morgen",
]


def policies(assistant):
    nodes = assistant.agent.processor.graph_runner._instantiated_nodes.values()
    found = [node._component for node in nodes
             if type(node._component) in (MemoizationPolicy, RulePolicy)]
    assert {type(p) for p in found} == {MemoizationPolicy, RulePolicy}
    return found


def predictions(policy, tracker, domain, monkeypatch, reach: bool):
    if not reach:
        monkeypatch.setattr(MemoizationPolicy, "_prediction_states", speedups._RASA_MEMO_PREDICTION_STATES)
        monkeypatch.setattr(RulePolicy, "_find_action_from_rules", speedups._RASA_FIND_FROM_RULES)
    try:
        result = policy.predict_action_probabilities(tracker, domain)
    finally:
        monkeypatch.undo()
    return (result.probabilities, result.events, result.hide_rule_turn, result.is_end_to_end_prediction,
            result.is_no_user_prediction, result.policy_priority)


@pytest.mark.slow
def test_policies_predict_the_same_from_their_reach(assistant, sender, monkeypatch):
    for _ in range(3):
        for text in MESSAGES:
            assistant.say(sender, text)
    events = list(assistant.tracker(sender).events)
    domain = assistant.agent.domain
    points = [i for i, e in enumerate(events) if isinstance(e, ActionExecuted)]
    assert len(points) > 150
    compared = 0
    for policy in policies(assistant):
        for index in points:
            tracker = DialogueStateTracker.from_events(sender, events[:index], domain.slots)
            full = predictions(policy, tracker, domain, monkeypatch, reach=False)
            tracker = DialogueStateTracker.from_events(sender, events[:index], domain.slots)
            assert predictions(policy, tracker, domain, monkeypatch, reach=True) == full, (type(policy), index)
            compared += 1
    assert compared > 150


def states_within(tracker, domain, reach):
    with speedups.states_reach(reach):
        return tracker.past_states(domain)


def test_within_reach_past_states_gives_only_the_last_states(assistant):
    rule_policy = next(p for p in policies(assistant) if type(p) is RulePolicy)
    reach = speedups._longest_rule(rule_policy) + 1
    assert 2 < reach < 30
    domain = assistant.agent.domain
    tracker = DialogueStateTracker("rest:reach", domain.slots)
    for _ in range(40):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(ActionExecuted("utter_greet"))
    every = tracker.past_states(domain)
    assert len(every) > 60 and states_within(tracker, domain, reach) == every[-reach:]
    for _ in range(3):  # states after `action_unlikely_intent` are dropped before slicing: not counted
        tracker.update(ActionExecuted("action_unlikely_intent"))
        tracker.update(ActionExecuted("utter_greet"))
    every = tracker.past_states(domain)
    assert states_within(tracker, domain, reach) == every[-(reach + 3):]
