"""A returning person is greeted as known, from the reflection store, and only about their own data."""
from actions.continuity import ActionSessionStart, ActionWelcomeBack
from actions.exercises.progress import save, start
from testkit.trackers import make_tracker, run_action


def session_request(sender="persoon-1"):
    return make_tracker(sender=sender, text="/session_start", intent="session_start")


def test_new_person_gets_a_plain_session_start(factory):
    messages, events = run_action(ActionSessionStart(factory), session_request())
    assert [e["event"] for e in events] == ["session_started", "action"] and messages == []


def test_returning_person_hears_about_the_unfinished_reflection(factory):
    tracker = make_tracker()
    run_id = start(tracker, "samenhang", factory)
    save(tracker, run_id, {"answers": {"antwoord_1": "Werk."}}, factory)
    messages, _ = run_action(ActionSessionStart(factory), session_request())
    assert "Fijn dat je er weer bent" in messages[0]["text"] and "1 van de 4" in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"] == "/continue_exercise"
    # somebody else hears nothing about it
    assert run_action(ActionSessionStart(factory), session_request("iemand-anders"))[0] == []


def test_welcome_back_waits_for_a_greeting_when_the_person_typed_something(factory):
    tracker = make_tracker()
    start(tracker, "kennen", factory)
    messages, events = run_action(ActionSessionStart(factory), make_tracker(intent="goodbye"))
    assert messages == [] and {"event": "slot", "timestamp": None, "name": "welcome_back", "value": True} in events
    messages, events = run_action(ActionWelcomeBack(factory), make_tracker(intent="greet"))
    assert "Elkaar kennen" in messages[0]["text"] and events[-1]["value"] is False
