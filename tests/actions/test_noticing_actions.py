"""action_notice and action_respond_advice_request, run on a rasa_sdk Tracker with a CollectingDispatcher."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.noticing_actions import ActionNotice, ActionRespondAdviceRequest
from core.advice_guard import is_clean


def _user(text, intent="share_experience"):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "entities": []}}


def _bot(text):
    return {"event": "bot", "text": text}


def _action(name):
    return {"event": "action", "name": name}


def _tracker(events, sender="persoon-1"):
    latest = next((e for e in reversed(events) if e["event"] == "user"), {"text": ""})
    return Tracker(sender, {}, {"text": latest["text"], "intent": latest.get("parse_data", {}).get("intent", {})},
                   events, False, None, {}, "action_listen")


def _run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_action_notice_reflects_a_feeling():
    messages, events = _run(ActionNotice(), _tracker([_user("Ik voel me zo eenzaam vanavond.")]))
    assert events == []
    assert len(messages) == 1
    text = messages[0]["text"]
    assert "eenzaam" in text and text.endswith("?") and is_clean(text)


def test_action_notice_uses_earlier_messages_of_the_conversation():
    events = [_user("Ik had ruzie met mijn zus."), _bot("Je noemt je zus. Wil je iets meer over je zus vertellen?"),
              _user("Mijn zus belt me niet meer terug.")]
    messages, _ = _run(ActionNotice(), _tracker(events))
    assert "eerder" in messages[0]["text"] or "terugkomt" in messages[0]["text"]


def test_action_notice_uses_earlier_reflections_of_the_same_person_only():
    asked = []

    def reflections(tracker):
        asked.append(tracker.sender_id)
        return ["Mijn buurman groet me nooit."]

    messages, _ = _run(ActionNotice(earlier_reflections=reflections), _tracker([_user("Ik zag mijn buurman.")], "p-7"))
    assert asked == ["p-7"]
    assert "buurman" in messages[0]["text"]


def test_action_notice_never_repeats_the_previous_bot_message():
    first, _ = _run(ActionNotice(), _tracker([_user("Ik voel me eenzaam.")]))
    events = [_user("Ik voel me eenzaam."), _bot(first[0]["text"]), _user("Ik voel me eenzaam.")]
    second, _ = _run(ActionNotice(), _tracker(events))
    assert second[0]["text"] != first[0]["text"]


def test_action_notice_on_unhandled_free_text():
    messages, _ = _run(ActionNotice(), _tracker([_user("hmm tja", intent="nlu_fallback")]))
    assert messages[0]["text"].endswith("?")


def test_advice_three_times_gives_three_different_answers_and_never_advice():
    events = [_user("Op verjaardagen voel ik me altijd alleen."), _bot("Ik hoor dat je je alleen voelt. Hoe is dat?")]
    replies = []
    for ask in ("Wat moet ik doen?", "Zeg nu gewoon wat ik moet doen!", "Geef me alsjeblieft één tip."):
        events.append(_user(ask, intent="ask_advice"))
        messages, returned = _run(ActionRespondAdviceRequest(), _tracker(list(events)))
        assert returned == [] and len(messages) == 1
        text = messages[0]["text"]
        replies.append(text)
        assert is_clean(text) and text.endswith("?")
        events += [_action("action_respond_advice_request"), _bot(text)]
    assert len(set(replies)) == 3
    assert any("alleen" in r for r in replies)


def test_advice_without_earlier_share():
    messages, _ = _run(ActionRespondAdviceRequest(), _tracker([_user("Wat moet ik doen?", intent="ask_advice")]))
    assert messages[0]["text"].endswith("?") and is_clean(messages[0]["text"])
