"""The crisis override NLU component: phrase matches win, weak or idiomatic NLU guesses do not."""
from rasa.shared.nlu.training_data.message import Message

from components.crisis_override import CrisisOverride


def _run(text, intent, confidence, second="share_experience"):
    ranking = [{"name": intent, "confidence": confidence}, {"name": second, "confidence": 1 - confidence}]
    msg = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    CrisisOverride().process([msg])
    return msg.get("intent")["name"], [r["name"] for r in msg.get("intent_ranking")]


def test_phrase_match_overrides_any_intent():
    assert _run("ik zie het niet meer zitten", "greet", 0.99)[0] == "crisis"


def test_sure_nlu_guess_stands():
    assert _run("alles is zinloos geworden, ik ben er klaar mee", "crisis", 0.97)[0] == "crisis"


def test_unsure_nlu_guess_falls_back_to_the_next_intent():
    assert _run("ik wil niet meer alleen zijn", "crisis", 0.2) == ("share_experience", ["share_experience"])


def test_unsure_replacement_becomes_nlu_fallback():
    assert _run("ik wil niet meer alleen zijn", "crisis", 0.6)[0] == "nlu_fallback"


def test_benign_idiom_never_crisis():
    assert _run("ik lach me dood", "crisis", 0.99, second="out_of_scope")[0] != "crisis"
    assert _run("ik lach me dood", "crisis", 0.3, second="out_of_scope")[0] == "out_of_scope"


def test_sure_nlu_guess_without_any_risk_word_falls_back():
    assert _run("hij is altijd te laat en denkt aan zichzelf", "crisis", 0.99)[0] == "nlu_fallback"
    assert _run("hij is altijd te laat en denkt aan zichzelf", "crisis", 0.3)[0] == "share_experience"


def test_cutting_vegetables_is_not_self_harm():
    assert _run("ik snij de uien voor de soep", "crisis", 0.3, second="out_of_scope")[0] == "out_of_scope"
