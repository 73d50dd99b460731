"""The dialogue asks which command was meant only where that makes sense (synthetic trackers)."""
from pathlib import Path

import pytest
from rasa.core.constants import RULE_POLICY_PRIORITY
from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.command_doubt import ASK_ACTION, CommandDoubtPolicy, next_action

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def tracker(intent, doubt=None, form=False, after=()):
    parse = {"intent": {"name": intent, "confidence": 0.5}, "entities": [], "text": "x"}
    if doubt:
        parse["command_doubt"] = doubt
    events = [ActionExecuted("action_listen")]
    if form:
        events += [ActiveLoop("reflection_form"), SlotSet("requested_slot", "antwoord_2"),
                   ActionExecuted("reflection_form"), ActionExecuted("action_listen")]
    events += [UserUttered("x", parse["intent"], [], parse_data=parse), *after]
    return DialogueStateTracker.from_events("someone", events, slots=DOMAIN.slots)


def test_a_doubt_outside_a_reflection_is_asked_about():
    assert next_action(tracker("goodbye", ["goodbye", "continue_exercise"]), DOMAIN) == ASK_ACTION
    assert next_action(tracker("nlu_fallback", ["goodbye", "stop_exercise"]), DOMAIN) == ASK_ACTION


def test_after_the_question_it_listens():
    asked = tracker("goodbye", ["goodbye", "continue_exercise"], after=[ActionExecuted(ASK_ACTION)])
    assert next_action(asked, DOMAIN) == "action_listen"


def test_no_doubt_no_question():
    assert next_action(tracker("stop_exercise"), DOMAIN) is None


def test_crisis_wins():
    for intent in ("crisis", "crisis_unclear", "danger_from_others", "bereaved_by_suicide"):
        assert next_action(tracker(intent, ["stop_exercise", "goodbye"]), DOMAIN) is None


def test_nothing_to_offer_outside_a_reflection_no_question():
    assert next_action(tracker("stop_exercise", ["stop_exercise", "skip_question"]), DOMAIN) is None


def test_an_answer_in_a_reflection_stays_an_answer():
    # the form takes these as the answer (their intent is not in the slot's not_intent)
    for intent in ("nlu_fallback", "share_experience", "goodbye", "continue_exercise", "skip_question"):
        assert next_action(tracker(intent, ["stop_exercise", "goodbye"], form=True), DOMAIN) is None, intent


def test_a_command_that_would_leave_the_question_is_asked_about_in_a_reflection():
    for intent in ("stop_exercise", "delete_my_data", "show_reflections", "export_reflections"):
        assert next_action(tracker(intent, [intent, "skip_question"], form=True), DOMAIN) == ASK_ACTION


def test_in_a_reflection_only_goodbye_and_go_on_offer_nothing():
    assert next_action(tracker("stop_exercise", ["goodbye", "continue_exercise"], form=True), DOMAIN) is None


@pytest.fixture
def policy(tmp_path):
    context = ExecutionContext(GraphSchema({}), "test")
    return CommandDoubtPolicy.create(CommandDoubtPolicy.get_default_config(), LocalModelStorage(tmp_path),
                                     Resource("command_doubt"), context)


def form_happy_path():
    """What RulePolicy predicts while a form waits for an answer: the form, as a prediction
    without user input, which overrules every prediction based on user input."""
    probabilities = [0.0] * DOMAIN.num_actions
    probabilities[DOMAIN.index_for_action("reflection_form")] = 1.0
    return PolicyPrediction(probabilities, "RulePolicy", RULE_POLICY_PRIORITY, is_no_user_prediction=True)


def rule_answer(action):
    probabilities = [0.0] * DOMAIN.num_actions
    probabilities[DOMAIN.index_for_action(action)] = 1.0
    return PolicyPrediction(probabilities, "RulePolicy", RULE_POLICY_PRIORITY)


def best(*predictions):
    chosen = DefaultPolicyPredictionEnsemble._pick_best_policy(list(predictions))
    return DOMAIN.action_names_or_texts[chosen.max_confidence_index]


def test_the_question_wins_over_the_form_and_the_rules(policy):
    doubtful = tracker("stop_exercise", ["stop_exercise", "skip_question"], form=True)
    assert best(form_happy_path(), policy.predict_action_probabilities(doubtful, DOMAIN)) == ASK_ACTION
    outside = tracker("goodbye", ["goodbye", "continue_exercise"])
    assert best(rule_answer("utter_goodbye"), policy.predict_action_probabilities(outside, DOMAIN)) == ASK_ACTION
    asked = tracker("goodbye", ["goodbye", "continue_exercise"], form=True, after=[ActionExecuted(ASK_ACTION)])
    assert best(form_happy_path(), policy.predict_action_probabilities(asked, DOMAIN)) == "action_listen"


def test_a_silent_policy_changes_nothing(policy):
    for clear in (tracker("stop_exercise", form=True), tracker("goodbye")):
        silent = policy.predict_action_probabilities(clear, DOMAIN)
        assert silent.max_confidence == 0 and not silent.is_no_user_prediction
        assert best(form_happy_path(), silent) == "reflection_form"
        assert best(rule_answer("utter_goodbye"), silent) == "utter_goodbye"


def test_training_keeps_nothing(policy):
    assert policy.train([], DOMAIN) is not None
