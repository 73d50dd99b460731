"""The safety dialogue's actions: bookkeeping after a crisis, the direct question, its answers."""
import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.safety_actions import ActionSafetyAnswer, ActionSafetyCheckIn, ActionSafetyResponse
from core import texts
from tests.actions.exercises.conftest import make_tracker


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, dispatcher.messages


def tracker(text, intent, **slots):
    return make_tracker(text=text, intent=intent, slots=slots, active_loop=None)


def test_a_crisis_marks_the_session_without_moving_the_follow_up():
    slots, messages = run(ActionSafetyResponse(), tracker("ik wil dood", "crisis"))
    assert slots == {"after_crisis": True, "safety_question": False} and messages == []


@pytest.mark.parametrize("current, following", [(None, "tweede"), ("tweede", "derde"), ("derde", None)])
def test_later_crisis_messages_take_turns_in_the_follow_ups(current, following):
    slots, _ = run(ActionSafetyResponse(), tracker("ik wil dood", "crisis", after_crisis=True,
                                                   crisis_follow_up=current))
    assert slots["crisis_follow_up"] == following


def test_a_crisis_with_danger_from_someone_else_adds_those_lines():
    _, messages = run(ActionSafetyResponse(), tracker("mijn man slaat me en ik wil dood", "crisis"))
    assert [m["text"] for m in messages] == [texts.CRISIS_DANGER_TOO]


def test_the_first_question_quotes_their_words_and_offers_yes_and_no():
    slots, messages = run(ActionSafetyCheckIn(), tracker("ik kan niet meer", "crisis_unclear"))
    assert messages[0]["text"].startswith("Je schrijft: “ik kan niet meer”.")
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/deny"]
    assert slots == {"safety_question": True, "safety_questions_asked": 1.0}


def test_the_question_comes_at_most_twice_a_session():
    _, messages = run(ActionSafetyCheckIn(), tracker("ik kan niet meer", "crisis_unclear",
                                                     safety_questions_asked=1.0))
    assert texts.CHECK_IN_QUESTIONS[1] in messages[0]["text"]
    slots, messages = run(ActionSafetyCheckIn(), tracker("ik kan niet meer", "crisis_unclear",
                                                         safety_questions_asked=2.0))
    assert slots == {"safety_question": False}
    assert not any(q in m.get("text", "") for m in messages for q in texts.CHECK_IN_QUESTIONS)


def test_yes_gets_the_crisis_response_and_marks_the_session():
    slots, messages = run(ActionSafetyAnswer(), tracker("ja, soms", "affirm", safety_question=True))
    assert [m["response"] for m in messages] == ["utter_safety_yes", "utter_crisis", "utter_crisis_stay"]
    assert slots["after_crisis"] is True


def test_no_is_believed():
    slots, messages = run(ActionSafetyAnswer(), tracker("nee", "deny", safety_question=True))
    assert [m["response"] for m in messages] == ["utter_safety_no"] and slots == {"safety_question": False}
