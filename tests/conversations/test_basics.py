"""Basic dialogue through the trained model: welcome, honesty, help, explanations, fallbacks."""
import pytest

from core.advice_guard import find_violations


def test_first_contact_welcomes_with_choices(assistant, sender):
    reply = assistant.say(sender, "hallo")
    text = "\n".join(m.get("text", "") for m in reply)
    assert "computerprogramma" in text and "geen therapeut" in text
    assert "wis" in text  # says how to delete what it keeps
    payloads = [b["payload"] for m in reply for b in m.get("buttons", [])]
    assert "/just_talk" in payloads
    assert sum("start_exercise" in p for p in payloads) == 6


@pytest.mark.parametrize(
    "message, expected",
    [
        ("ben jij een echte mens?", "computerprogramma"),
        ("wat kan je allemaal", "geen adviezen"),
        ("wat is eenzaamheid eigenlijk", "verdriet van afstand"),
        ("waarom geef je geen advies", "jij kent je eigen leven het best"),
        ("wat is het weer morgen in gent", "Daar kan ik je niet mee helpen|Dat valt buiten wat ik kan"),
        ("dank je wel", "Graag gedaan"),
        ("doei", "Tot een volgende keer"),
    ],
)
def test_basic_intents_get_their_answer(assistant, sender, message, expected):
    text = assistant.texts(sender, message)
    assert any(option.lower() in text.lower() for option in expected.split("|")), text
    assert not find_violations(text)


def test_explaining_a_topic_does_not_stick_to_the_next_question(assistant, sender):
    assert "verdriet van afstand" in assistant.texts(sender, "wat is eenzaamheid?")
    assert "elkaar kennen" in assistant.texts(sender, "leg eens uit hoe dat werkt, dat idee achter jou")
