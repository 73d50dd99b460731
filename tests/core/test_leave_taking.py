"""Farewell words (core/leave_taking.py): what leaves a running reflection, and what stays an answer."""
import pytest

from core.leave_taking import takes_leave

FAREWELLS = [
    "doei 👋", "dank je, ik moet weer aan het werk. tot later", "bedankt, dag!", "Goed. Dank u wel, dag.",
    "Toch fijn om even te praten. Dag hoor.", "dag", "salukes", "allez salu he", "later 👋",
    "ik zeg je gedag", "fijne avond nog, ik log uit", "Tot Ziens", "ik ga slapen, slaap lekker",
    "merci hé, salu", "ciao 👋", "Daag!", "oke dankje 🙂 doei", "wélterusten", "tot de volgende keer",
]
ANSWERS = [
    "ik ga er een nachtje over slapen", "elke dag denk ik aan haar", "de hele dag alleen",
    "ik zie hem elke dag", "we hadden een fijne dag samen", "dag op dag hetzelfde",
    "ik wil gewoon slapen tot de vakantie", "elke zondag kijk ik netflix tot ik in slaap val",
    "tot dan had ik niemand", "mijn buurman zegt nooit goeiedag", "zaterdag was het feest",
    "ik ben weg van hem", "doeltreffend", "", "   ",
]


@pytest.mark.parametrize("text", FAREWELLS)
def test_a_farewell_takes_leave(text):
    assert takes_leave(text)


@pytest.mark.parametrize("text", ANSWERS)
def test_an_everyday_sentence_does_not(text):
    assert not takes_leave(text)
