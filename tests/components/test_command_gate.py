"""Data commands (show, export, delete) need a confident classification."""
import yaml
from rasa.shared.nlu.training_data.message import Message

from components.command_gate import ASK_BELOW, THRESHOLD, CommandGate, command_doubt
from components.rule_component import FALLBACK_THRESHOLD
from core.names import COMMAND_DOUBT_KEY
from testkit.paths import ROOT


def _run(intent, confidence, second="share_experience"):
    ranking = [{"name": intent, "confidence": confidence}, {"name": second, "confidence": 0.95}]
    msg = Message(data={"text": "x", "intent": ranking[0], "intent_ranking": ranking})
    CommandGate().process([msg])
    return msg.get("intent")["name"]


def test_unsure_delete_guess_becomes_the_next_intent():
    assert _run("delete_my_data", THRESHOLD - 0.05) == "share_experience"


def test_confident_commands_stand():
    assert _run("delete_my_data", 0.99) == "delete_my_data"
    assert _run("show_reflections", 0.95) == "show_reflections"


def test_other_intents_are_untouched():
    assert _run("greet", 0.5) == "greet"


def test_demoted_guess_with_an_unsure_replacement_becomes_fallback():
    ranking = [{"name": "delete_my_data", "confidence": THRESHOLD - 0.05}, {"name": "ask_advice", "confidence": 0.08}]
    msg = Message(data={"text": "x", "intent": ranking[0], "intent_ranking": ranking})
    CommandGate().process([msg])
    assert msg.get("intent")["name"] == "nlu_fallback"


# --- doubt between two commands ---------------------------------------------------------------


def _rank(*pairs):
    return [{"name": n, "confidence": c} for n, c in pairs]


def _marked(text, *pairs):
    ranking = _rank(*pairs)
    msg = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    CommandGate().process([msg])
    return msg.get("command_doubt"), msg.as_dict(only_output_properties=True).get("command_doubt")


def test_a_command_guess_below_sure_is_a_doubt_most_likely_first():
    # measured: "ik stap eruit, uit dat project" was stop_exercise 0.39 / goodbye 0.13 (free text)
    assert command_doubt(_rank(("stop_exercise", 0.39), ("goodbye", 0.13))) == ["stop_exercise", "goodbye"]
    # measured: "ga voort" was continue_exercise 0.51 / goodbye 0.26 (it was continue)
    assert command_doubt(_rank(("continue_exercise", 0.51), ("goodbye", 0.26))) == ["continue_exercise", "goodbye"]


def test_a_clear_command_is_no_doubt():
    assert command_doubt(_rank(("stop_exercise", 0.93), ("continue_exercise", 0.01))) is None
    assert command_doubt(_rank(("stop_exercise", ASK_BELOW), ("skip_question", 0.05))) is None


def test_no_guess_no_doubt_such_messages_are_noticed_as_free_text():
    assert command_doubt(_rank(("show_reflections", FALLBACK_THRESHOLD - 0.01), ("continue_exercise", 0.19))) is None
    assert command_doubt(_rank(("stop_exercise", FALLBACK_THRESHOLD - 0.02), ("goodbye", 0.25))) is None


def test_fallback_in_the_ranking_is_looked_past():
    ranking = _rank(("nlu_fallback", 0.6), ("goodbye", 0.5), ("continue_exercise", 0.22), ("greet", 0.1))
    assert command_doubt(ranking) == ["goodbye", "continue_exercise"]


def test_a_command_next_to_free_text_is_no_doubt_between_commands():
    assert command_doubt(_rank(("stop_exercise", 0.5), ("share_experience", 0.34))) is None
    assert command_doubt(_rank(("share_experience", 0.5), ("stop_exercise", 0.34))) is None


def test_a_single_intent_is_no_doubt():
    assert command_doubt(_rank(("stop_exercise", 0.5))) is None
    assert command_doubt([]) is None


def test_the_gate_marks_the_doubt_in_the_parse_output():
    inside, output = _marked("ga voort", ("continue_exercise", 0.51), ("goodbye", 0.26), ("greet", 0.1))
    assert inside == output == ["continue_exercise", "goodbye"]


def test_a_button_payload_is_never_in_doubt():
    assert _marked("/stop_exercise", ("stop_exercise", 0.5), ("goodbye", 0.34))[0] is None


def test_a_clear_message_is_not_marked():
    assert _marked("stop", ("stop_exercise", 0.99), ("goodbye", 0.005))[0] is None


def test_a_doubt_on_a_data_command_is_kept_when_the_guess_is_demoted():
    ranking = _rank(("delete_my_data", 0.5), ("export_reflections", 0.2), ("share_experience", 0.1))
    msg = Message(data={"text": "x", "intent": ranking[0], "intent_ranking": ranking})
    CommandGate().process([msg])
    assert msg.get("intent")["name"] == "nlu_fallback"
    assert msg.get("command_doubt") == ["delete_my_data", "export_reflections"]


def test_the_gates_fallback_threshold_is_the_one_in_config_yml():
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text("utf-8"))["pipeline"]
    fallback = next(c for c in pipeline if c["name"] == "FallbackClassifier")
    assert fallback["threshold"] == FALLBACK_THRESHOLD


# --- stop and continue about life ---------------------------------------------------------------


def _typed(text, intent, confidence=0.95, second="share_experience", second_confidence=0.04):
    ranking = [{"name": intent, "confidence": confidence}, {"name": "goodbye", "confidence": 0.01},
               {"name": second, "confidence": second_confidence}]
    msg = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    CommandGate().process([msg])
    return msg


def test_a_stop_about_life_is_free_text_never_another_command():
    msg = _typed("ik wil stoppen met roken", "stop_exercise", second_confidence=0.4)
    assert msg.get("intent")["name"] == "share_experience"
    assert msg.get(COMMAND_DOUBT_KEY) is None


def test_a_continue_about_life_without_a_sure_second_is_noticed():
    msg = _typed("ik wil verder met mijn leven", "continue_exercise")
    assert msg.get("intent")["name"] == "nlu_fallback"


def test_a_stop_of_this_reflection_stays_a_stop():
    assert _typed("ik wil stoppen met deze oefening", "stop_exercise").get("intent")["name"] == "stop_exercise"
    assert _typed("stop", "stop_exercise").get("intent")["name"] == "stop_exercise"


def test_a_named_reflection_is_this_conversation():
    ranking = [{"name": "continue_exercise", "confidence": 0.95}, {"name": "share_experience", "confidence": 0.04}]
    msg = Message(data={"text": "ga verder met kennen", "intent": ranking[0], "intent_ranking": ranking,
                        "entities": [{"entity": "exercise", "value": "kennen", "start": 15, "end": 21}]})
    CommandGate().process([msg])
    assert msg.get("intent")["name"] == "continue_exercise"
    assert _typed("ga verder met kennen", "continue_exercise").get("intent")["name"] != "continue_exercise"


def test_a_button_is_never_read_for_an_object():
    msg = _typed("/stop_exercise", "stop_exercise")
    assert msg.get("intent")["name"] == "stop_exercise"
