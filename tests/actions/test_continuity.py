"""A returning person is greeted as known, from the reflection store, and only about their own data."""
import asyncio

from rasa_sdk.executor import CollectingDispatcher

from actions.continuity import ActionSessionStart, ActionWelcomeBack
from actions.exercises.progress import save, start
from tests.actions.exercises.conftest import factory, make_tracker, store  # noqa: F401 (fixtures)


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    return asyncio.run(action.run(dispatcher, tracker, {})), dispatcher.messages


def session_request(sender="persoon-1"):
    return make_tracker(sender=sender, text="/session_start", intent="session_start", active_loop=None)


def test_new_person_gets_a_plain_session_start(factory):
    events, messages = run(ActionSessionStart(factory), session_request())
    assert [e["event"] for e in events] == ["session_started", "action"] and messages == []


def test_returning_person_hears_about_the_unfinished_reflection(factory):
    tracker = make_tracker(active_loop=None)
    run_id = start(tracker, "samenhang", factory)
    save(tracker, run_id, {"answers": {"antwoord_1": "Werk."}}, factory)
    _, messages = run(ActionSessionStart(factory), session_request())
    assert "Fijn dat je er weer bent" in messages[0]["text"] and "1 van de 4" in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"] == "/continue_exercise"
    # somebody else hears nothing about it
    assert run(ActionSessionStart(factory), session_request("iemand-anders"))[1] == []


def test_welcome_back_waits_for_a_greeting_when_the_person_typed_something(factory):
    tracker = make_tracker(active_loop=None)
    start(tracker, "kennen", factory)
    events, messages = run(ActionSessionStart(factory), make_tracker(intent="goodbye", active_loop=None,
                                                                     events=[]))
    assert messages == [] and {"event": "slot", "timestamp": None, "name": "welcome_back", "value": True} in events
    events, messages = run(ActionWelcomeBack(factory), make_tracker(intent="greet", active_loop=None))
    assert "Elkaar kennen" in messages[0]["text"] and events[-1]["value"] is False
