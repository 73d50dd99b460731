"""Farewells (core/leave_taking.py): what leaves a running reflection, and what stays an answer."""
import pytest

from core.leave_taking import says_farewell

FAREWELLS = [
    "doei 👋", "dank je, ik moet weer aan het werk. tot later", "bedankt, dag!", "Goed. Dank u wel, dag.",
    "Toch fijn om even te praten. Dag hoor.", "dag", "salukes", "allez salu he", "later 👋",
    "ik zeg je gedag", "fijne avond nog, ik log uit", "Tot Ziens", "ik ga slapen, slaap lekker",
    "merci hé, salu", "ciao 👋", "Daag!", "oke dankje 🙂 doei", "wélterusten", "tot de volgende keer",
    "doeeei", "tot laterrr", "byeee", "ik kruip in mijn bed, nachtnacht", "nacht", "ik zet mijn gsm uit, nachtje", "hou je goed, tot snel",
]
ANSWERS = [
    "ik ga er een nachtje over slapen", "elke dag denk ik aan haar", "de hele dag alleen",
    "ik zie hem elke dag", "we hadden een fijne dag samen", "dag op dag hetzelfde",
    "ik wil gewoon slapen tot de vakantie", "elke zondag kijk ik netflix tot ik in slaap val",
    "tot dan had ik niemand", "mijn buurman zegt nooit goeiedag", "zaterdag was het feest",
    "ik ben weg van hem", "doeltreffend", "", "   ", "ik kan niet wachten tot het weekend",
    "'s nachts lig ik wakker", "de nacht is het ergst",
]


@pytest.mark.parametrize("text", FAREWELLS)
def test_a_farewell_says_farewell(text):
    assert says_farewell(text)


@pytest.mark.parametrize("text", ANSWERS)
def test_an_everyday_sentence_does_not(text):
    assert not says_farewell(text)


def test_every_goodbye_of_the_nlu_data_with_a_farewell_is_seen():
    """The NLU data's goodbyes: all but a few plain statements ("ik ga slapen", "ik moet gaan") say one."""
    from bench.quality import NLU_DEV, TRAINING, nlu_examples

    goodbyes = [t for t, intent in nlu_examples(*sorted(TRAINING.glob("*.yml")), NLU_DEV) if intent == "goodbye"]
    missed = [t for t in goodbyes if not says_farewell(t)]
    assert len(goodbyes) > 150 and len(missed) <= 15, missed
