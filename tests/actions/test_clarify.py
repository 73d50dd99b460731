"""The question which command was meant, and the answer to "Iets anders"."""
from actions.clarify import ActionAskWhichCommand, ActionSomethingElse
from actions.exercises.form import HINT_RESUMED, HINT_SLOT
from core import texts
from core.names import COMMAND_DOUBT_KEY
from testkit.trackers import make_tracker, run_action, said, slot_values


def doubtful(doubt, text="x", intent="nlu_fallback", active_loop=None):
    tracker = make_tracker(text=text, intent=intent, active_loop=active_loop,
                           slots={"requested_slot": "antwoord_2"} if active_loop else None)
    tracker.latest_message[COMMAND_DOUBT_KEY] = doubt
    return tracker


def payloads(messages):
    return [b["payload"] for b in messages[0].get("buttons") or []]


def test_in_a_reflection_the_question_of_the_issue():
    messages, events = run_action(ActionAskWhichCommand(), doubtful(["stop_exercise", "goodbye"],
                                                                     active_loop="reflection_form"))
    assert said(messages) == ["Wil je stoppen met deze reflectie, of bedoel je iets anders?"]
    assert payloads(messages) == ["/stop_exercise", "/something_else"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Stoppen met de reflectie", "Iets anders"]
    assert events == []


def test_two_commands_are_both_named_with_a_button_each():
    messages, _ = run_action(ActionAskWhichCommand(), doubtful(["goodbye", "continue_exercise"]))
    assert said(messages) == ["Wil je ons gesprek voor nu afsluiten, of verdergaan waar je gebleven was? "
                              "Of bedoel je iets anders?"]
    assert payloads(messages) == ["/goodbye", "/continue_exercise", "/something_else"]


def test_outside_a_reflection_stop_is_not_offered():
    messages, _ = run_action(ActionAskWhichCommand(), doubtful(["stop_exercise", "goodbye"]))
    assert said(messages) == ["Wil je ons gesprek voor nu afsluiten, of bedoel je iets anders?"]
    assert payloads(messages) == ["/goodbye", "/something_else"]


def test_every_command_has_a_plain_name_and_its_own_button():
    for intent, (name, button) in texts.COMMAND_CHOICES.items():
        in_reflection = intent in ("stop_exercise", "skip_question")  # offered only there
        messages, _ = run_action(ActionAskWhichCommand(), doubtful(
            [intent], active_loop="reflection_form" if in_reflection else None))
        assert said(messages) == [f"Wil je {name}, of bedoel je iets anders?"], intent
        assert messages[0]["buttons"][0] == {"title": button, "payload": f"/{intent}"}, intent
        assert len(button) <= 30 and not {"u", "uw"} & set(name.split()), intent


def test_without_anything_to_offer_a_kind_answer_and_no_buttons():
    messages, _ = run_action(ActionAskWhichCommand(), doubtful([]))
    assert said(messages) == [texts.SOMETHING_ELSE]
    assert not messages[0].get("buttons")


def test_something_else_outside_a_reflection():
    messages, events = run_action(ActionSomethingElse(), make_tracker(text="/something_else",
                                                                      intent="something_else"))
    assert said(messages) == [texts.SOMETHING_ELSE]
    assert events == []


def test_something_else_in_a_reflection_asks_the_open_question_again_plainly():
    tracker = make_tracker(text="/something_else", intent="something_else", active_loop="reflection_form")
    messages, events = run_action(ActionSomethingElse(), tracker)
    assert said(messages) == [texts.SOMETHING_ELSE_IN_REFLECTION]
    assert slot_values(events) == {HINT_SLOT: HINT_RESUMED}
