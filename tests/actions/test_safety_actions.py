"""The safety dialogue's actions: bookkeeping after a crisis, the direct question, its answers."""
import pytest

from actions.safety_actions import ActionSafetyAnswer, ActionSafetyCheckIn, ActionSafetyResponse
from core import texts
from testkit.trackers import make_tracker, run_action, slot_values


def test_a_crisis_marks_the_session_without_moving_the_follow_up():
    messages, events = run_action(ActionSafetyResponse(),
                                  make_tracker(text="ik wil dood", intent="crisis"))
    assert slot_values(events) == {"after_crisis": True, "safety_question": False} and messages == []


@pytest.mark.parametrize("current, following", [(None, "tweede"), ("tweede", "derde"), ("derde", None)])
def test_later_crisis_messages_take_turns_in_the_follow_ups(current, following):
    tracker = make_tracker(text="ik wil dood", intent="crisis",
                           slots={"after_crisis": True, "crisis_follow_up": current})
    _, events = run_action(ActionSafetyResponse(), tracker)
    assert slot_values(events)["crisis_follow_up"] == following


def test_a_crisis_with_danger_from_someone_else_adds_those_lines():
    tracker = make_tracker(text="mijn man slaat me en ik wil dood", intent="crisis")
    messages, _ = run_action(ActionSafetyResponse(), tracker)
    assert [m["text"] for m in messages] == [texts.CRISIS_DANGER_TOO]


def test_the_first_question_quotes_their_words_and_offers_yes_and_no():
    tracker = make_tracker(text="ik kan niet meer", intent="crisis_unclear")
    messages, events = run_action(ActionSafetyCheckIn(), tracker)
    assert messages[0]["text"].startswith("Je schrijft: “ik kan niet meer”.")
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/deny"]
    assert slot_values(events) == {"safety_question": True, "safety_questions_asked": 1.0}


def test_the_question_comes_at_most_twice_a_session():
    tracker = make_tracker(text="ik kan niet meer", intent="crisis_unclear",
                           slots={"safety_questions_asked": 1.0})
    messages, _ = run_action(ActionSafetyCheckIn(), tracker)
    assert texts.CHECK_IN_QUESTIONS[1] in messages[0]["text"]
    tracker = make_tracker(text="ik kan niet meer", intent="crisis_unclear",
                           slots={"safety_questions_asked": 2.0})
    messages, events = run_action(ActionSafetyCheckIn(), tracker)
    assert slot_values(events) == {"safety_question": False}
    assert not any(q in m.get("text", "") for m in messages for q in texts.CHECK_IN_QUESTIONS)


def test_yes_gets_the_crisis_response_and_marks_the_session():
    tracker = make_tracker(text="ja, soms", intent="affirm", slots={"safety_question": True})
    messages, events = run_action(ActionSafetyAnswer(), tracker)
    assert [m["response"] for m in messages] == ["utter_safety_yes", "utter_crisis", "utter_crisis_stay"]
    assert slot_values(events)["after_crisis"] is True


def test_no_is_believed():
    messages, events = run_action(ActionSafetyAnswer(),
                                  make_tracker(text="nee", intent="deny", slots={"safety_question": True}))
    assert [m["response"] for m in messages] == ["utter_safety_no"]
    assert slot_values(events) == {"safety_question": False}
