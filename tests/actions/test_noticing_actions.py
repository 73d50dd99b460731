"""action_notice and action_respond_advice_request, run on a rasa_sdk Tracker with a CollectingDispatcher."""
import pytest

from actions.noticing_actions import (
    ActionGreet,
    ActionNotice,
    ActionRespondAdviceRequest,
    ActionThank,
)
from core import texts
from core.advice_guard import is_clean
from testkit.trackers import SENDER, action, bot, make_tracker, run_action, user


def _tracker(events, sender=SENDER):
    """The tracker after ``events``; the last one is the user message being answered."""
    *before, latest = events
    return make_tracker(text=latest["text"], intent=latest["parse_data"]["intent"]["name"],
                        sender=sender, before=before)


def test_action_notice_reflects_a_feeling():
    messages, events = run_action(ActionNotice(), _tracker([user("Ik voel me zo eenzaam vanavond.")]))
    assert events == []
    assert len(messages) == 1
    text = messages[0]["text"]
    assert "eenzaam" in text and text.endswith("?") and is_clean(text)


def test_action_notice_uses_earlier_messages_of_the_conversation():
    events = [user("Ik had ruzie met mijn zus."), bot("Je noemt je zus. Wil je iets meer over je zus vertellen?"),
              user("Mijn zus belt me niet meer terug.")]
    messages, _ = run_action(ActionNotice(), _tracker(events))
    assert "eerder" in messages[0]["text"] or "terugkomt" in messages[0]["text"]


def test_action_notice_uses_earlier_reflections_of_the_same_person_only():
    asked = []

    def reflections(tracker):
        asked.append(tracker.sender_id)
        return ["Mijn buurman groet me nooit."]

    messages, _ = run_action(ActionNotice(earlier_reflections=reflections), _tracker([user("Ik zag mijn buurman.")], "p-7"))
    assert asked == ["p-7"]
    assert "buurman" in messages[0]["text"]


def test_action_notice_never_repeats_the_previous_bot_message():
    first, _ = run_action(ActionNotice(), _tracker([user("Ik voel me eenzaam.")]))
    events = [user("Ik voel me eenzaam."), bot(first[0]["text"]), user("Ik voel me eenzaam.")]
    second, _ = run_action(ActionNotice(), _tracker(events))
    assert second[0]["text"] != first[0]["text"]


def test_action_notice_on_unhandled_free_text():
    messages, _ = run_action(ActionNotice(), _tracker([user("hmm tja", intent="nlu_fallback")]))
    assert messages[0]["text"].endswith("?")


def test_advice_three_times_gives_three_different_answers_and_never_advice():
    events = [user("Op verjaardagen voel ik me altijd alleen."), bot("Ik hoor dat je je alleen voelt. Hoe is dat?")]
    replies = []
    for ask in ("Wat moet ik doen?", "Zeg nu gewoon wat ik moet doen!", "Geef me alsjeblieft één tip."):
        events.append(user(ask, intent="ask_advice"))
        messages, returned = run_action(ActionRespondAdviceRequest(), _tracker(list(events)))
        assert returned == [] and len(messages) == 1
        text = messages[0]["text"]
        replies.append(text)
        assert is_clean(text) and text.endswith("?")
        events += [action("action_respond_advice_request"), bot(text)]
    assert len(set(replies)) == 3
    # right after sad content it acknowledges first; it never quotes an earlier, unrelated line
    assert any(replies[0].startswith(a) for a in texts.ADVICE_ACKNOWLEDGEMENTS), replies[0]
    assert not any("verjaardagen" in r for r in replies), replies


def test_advice_refusal_is_tied_to_the_latest_message_only():
    events = [user("mijn collega's lunchen altijd zonder mij"), bot("Ik hoor het. Hoe is dat voor je?"),
              user("ik wil meer contact met mijn zus, wat moet ik doen?", intent="ask_advice")]
    messages, _ = run_action(ActionRespondAdviceRequest(), _tracker(events))
    text = messages[0]["text"]
    assert "zus" in text and "lunchen" not in text and is_clean(text), text
    assert text.count("?") == 1


def _greet_or_thank(action, texts_said, intent):
    events = []
    for said in texts_said:
        events += [user(said, intent=intent), bot("...")]
    messages, _ = run_action(action, _tracker(events[:-1]))
    return messages[0]["response"]


def test_greeting_welcomes_first_and_is_short_halfway():
    assert _greet_or_thank(ActionGreet(), ["hoi"], "greet") == "utter_welcome"
    assert _greet_or_thank(ActionGreet(), ["ik voel me alleen", "hoi"], "greet") == "utter_greet_again"
    assert _greet_or_thank(ActionGreet(), ["ik voel me alleen", "Toch fijn om even te praten. Dag hoor."],
                           "greet") == "utter_goodbye"


def test_thanks_with_a_goodbye_in_it_is_a_goodbye():
    assert _greet_or_thank(ActionThank(), ["dank je wel"], "thank") == "utter_thank"
    for bye in ("bedankt, tot ziens", "merci hé, salu", "dankje. slaapwel", "oke dankje 🙂 doei"):
        assert _greet_or_thank(ActionThank(), [bye], "thank") == "utter_goodbye", bye


def test_every_third_sharing_turn_is_a_summary_without_a_question():
    events = []
    replies = []
    for said in ("ik voel me zo eenzaam sinds mijn vrouw is overleden",
                 "de avonden zijn het ergst, dan is het zo stil in huis",
                 "mijn dochter belt elke dag maar dat is anders"):
        events.append(user(said))
        messages, _ = run_action(ActionNotice(earlier_reflections=lambda t: []), _tracker(list(events)))
        replies.append(messages[0]["text"])
        events += [action("action_notice"), bot(replies[-1])]
    assert replies[0].endswith("?") and replies[1].endswith("?")
    assert "?" not in replies[2] and "Je vertelde" in replies[2] or "al veel verteld" in replies[2], replies[2]
    assert "dochter" in replies[2] and "je vrouw" in replies[2], replies[2]


def test_advice_without_earlier_share():
    messages, _ = run_action(ActionRespondAdviceRequest(), _tracker([user("Wat moet ik doen?", intent="ask_advice")]))
    assert messages[0]["text"].endswith("?") and is_clean(messages[0]["text"])


@pytest.mark.parametrize("text, response", [
    ("Dag!", "utter_welcome"), ("dag dag 👋", "utter_welcome"), ("goeiendag", "utter_welcome"),
    ("doei", "utter_goodbye"), ("dag hoor, tot morgen", "utter_goodbye"),
])
def test_a_goodbye_word_that_opens_the_conversation(text, response):
    """'Dag!' says hello and goodbye: as the first message only a bare 'dag' is a hello."""
    messages, _ = run_action(ActionGreet(), make_tracker(text=text, intent="goodbye"))
    assert [m.get("response") for m in messages] == [response]
