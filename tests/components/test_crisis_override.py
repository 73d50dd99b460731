"""The crisis override NLU component: the net's tier wins; NLU-only crisis guesses are asked about."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from components.crisis_override import CrisisOverride
from components.rule_component import FALLBACK_THRESHOLD


def _run(text, intent, confidence, second="share_experience"):
    ranking = [{"name": intent, "confidence": confidence}, {"name": second, "confidence": 1 - confidence}]
    msg = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    CrisisOverride().process([msg])
    return msg.get("intent")["name"], [r["name"] for r in msg.get("intent_ranking")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ik zie het niet meer zitten", "crisis"),
        ("ik kan niet meer", "crisis_unclear"),
        ("mijn man slaat me", "danger_from_others"),
        ("mijn broer heeft zich van het leven beroofd", "bereaved_by_suicide"),
    ],
)
def test_the_nets_tier_overrides_any_intent(text, expected):
    assert _run(text, "greet", 0.99)[0] == expected


def test_a_sure_nlu_only_guess_falls_back_to_noticing():
    # the classifier (DIET then) was this sure about benign near-misses (make nlu-report): the net decides
    assert _run("ik wil mezelf terugvinden", "crisis", 0.9996)[0] == "nlu_fallback"


def test_unsure_nlu_guess_falls_back_to_the_next_intent():
    assert _run("ik wil niet meer alleen zijn", "crisis", 0.2) == ("share_experience", ["share_experience"])


def test_unsure_replacement_becomes_nlu_fallback():
    # the next intent is below the fallback threshold
    assert _run("ik wil niet meer alleen zijn", "crisis", 1.05 - FALLBACK_THRESHOLD)[0] == "nlu_fallback"


def test_benign_idiom_never_gets_a_safety_intent():
    assert _run("ik lach me dood", "crisis", 0.99, second="out_of_scope")[0] == "nlu_fallback"
    assert _run("ik lach me dood", "crisis", 0.3, second="out_of_scope")[0] == "out_of_scope"


def test_cutting_vegetables_is_not_self_harm():
    assert _run("ik snij de uien voor de soep", "crisis", 0.3, second="out_of_scope")[0] == "out_of_scope"
