"""Data commands (show, export, delete) need a confident classification."""
from rasa.shared.nlu.training_data.message import Message

from components.command_gate import CommandGate


def _run(intent, confidence, second="share_experience"):
    ranking = [{"name": intent, "confidence": confidence}, {"name": second, "confidence": 0.95}]
    msg = Message(data={"text": "x", "intent": ranking[0], "intent_ranking": ranking})
    CommandGate().process([msg])
    return msg.get("intent")["name"]


def test_unsure_delete_guess_becomes_the_next_intent():
    assert _run("delete_my_data", 0.8) == "share_experience"


def test_confident_commands_stand():
    assert _run("delete_my_data", 0.99) == "delete_my_data"
    assert _run("show_reflections", 0.95) == "show_reflections"


def test_other_intents_are_untouched():
    assert _run("greet", 0.5) == "greet"


def test_demoted_guess_with_an_unsure_replacement_becomes_fallback():
    ranking = [{"name": "delete_my_data", "confidence": 0.8}, {"name": "ask_advice", "confidence": 0.08}]
    msg = Message(data={"text": "x", "intent": ranking[0], "intent_ranking": ranking})
    CommandGate().process([msg])
    assert msg.get("intent")["name"] == "nlu_fallback"
