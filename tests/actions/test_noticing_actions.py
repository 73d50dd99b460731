"""action_notice and action_respond_advice_request, run on a rasa_sdk Tracker with a CollectingDispatcher."""
from actions.noticing_actions import ActionNotice, ActionRespondAdviceRequest
from core.advice_guard import is_clean
from testkit.trackers import action, bot, make_tracker, run_action, user


def test_action_notice_reflects_a_feeling():
    messages, events = run_action(ActionNotice(), make_tracker(text="Ik voel me zo eenzaam vanavond."))
    assert events == []
    assert len(messages) == 1
    text = messages[0]["text"]
    assert "eenzaam" in text and text.endswith("?") and is_clean(text)


def test_action_notice_uses_earlier_messages_of_the_conversation():
    before = [user("Ik had ruzie met mijn zus."), bot("Je noemt je zus. Wil je iets meer over je zus vertellen?")]
    messages, _ = run_action(ActionNotice(), make_tracker(text="Mijn zus belt me niet meer terug.", before=before))
    assert "eerder" in messages[0]["text"] or "terugkomt" in messages[0]["text"]


def test_action_notice_uses_earlier_reflections_of_the_same_person_only():
    asked = []

    def reflections(tracker):
        asked.append(tracker.sender_id)
        return ["Mijn buurman groet me nooit."]

    tracker = make_tracker(text="Ik zag mijn buurman.", sender="p-7")
    messages, _ = run_action(ActionNotice(earlier_reflections=reflections), tracker)
    assert asked == ["p-7"]
    assert "buurman" in messages[0]["text"]


def test_action_notice_never_repeats_the_previous_bot_message():
    first, _ = run_action(ActionNotice(), make_tracker(text="Ik voel me eenzaam."))
    before = [user("Ik voel me eenzaam."), bot(first[0]["text"])]
    second, _ = run_action(ActionNotice(), make_tracker(text="Ik voel me eenzaam.", before=before))
    assert second[0]["text"] != first[0]["text"]


def test_action_notice_on_unhandled_free_text():
    messages, _ = run_action(ActionNotice(), make_tracker(text="hmm tja", intent="nlu_fallback"))
    assert messages[0]["text"].endswith("?")


def test_advice_three_times_gives_three_different_answers_and_never_advice():
    events = [user("Op verjaardagen voel ik me altijd alleen."), bot("Ik hoor dat je je alleen voelt. Hoe is dat?")]
    replies = []
    for ask in ("Wat moet ik doen?", "Zeg nu gewoon wat ik moet doen!", "Geef me alsjeblieft één tip."):
        tracker = make_tracker(text=ask, intent="ask_advice", before=events)
        messages, returned = run_action(ActionRespondAdviceRequest(), tracker)
        assert returned == [] and len(messages) == 1
        text = messages[0]["text"]
        replies.append(text)
        assert is_clean(text) and text.endswith("?")
        events += [user(ask, intent="ask_advice"), action("action_respond_advice_request"), bot(text)]
    assert len(set(replies)) == 3
    assert any("alleen" in r for r in replies)


def test_advice_without_earlier_share():
    messages, _ = run_action(ActionRespondAdviceRequest(), make_tracker(text="Wat moet ik doen?", intent="ask_advice"))
    assert messages[0]["text"].endswith("?") and is_clean(messages[0]["text"])
