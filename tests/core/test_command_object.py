"""Stop and continue about life ("stoppen met roken") are told apart from commands to this
conversation ("stop met deze oefening") by the object after the verb (core/command_object.py)."""
import pytest

from core.command_object import about_life, command_object

LIFE = [
    "ik wil stoppen met roken",
    "ik wil niet meer verder met hem",
    "ik wil eruit stappen, uit die whatsappgroep",
    "ik stop ermee, met die cursus",
    "ik ben met voetbal gestopt",
    "ik wil verder met mijn leven",
    "ik wil niet meer verder in deze job",
    "Ik wil STOPPEN met mijn werk!",
    "ik wil stoppen met rοken",  # a Greek omicron: still an object, still life
]
CONVERSATION = [
    "stop",
    "ik wil stoppen",
    "stop met deze oefening",
    "ik kap ermee, met die vragen",
    "ik wil met de oefening stoppen",
    "verder waar we gebleven waren",
    "verder met de vorige keer",
    "ga door met de volgende vraag",
    "stop met dit",
    "ik wil stoppen met dit gedoe",
    "verder met de vier lijstjes",
    "ik stop hiermee, het is te zwaar vandaag",
    "stop maar",
    "ik wil stoppen met jou te praten",
    "",
    "😊",
]


@pytest.mark.parametrize("text", LIFE)
def test_an_object_in_the_persons_life_is_about_life(text):
    assert about_life(text), command_object(text)


@pytest.mark.parametrize("text", CONVERSATION)
def test_no_object_or_this_conversation_stays_a_command(text):
    assert not about_life(text), command_object(text)


def test_the_object_ends_with_its_clause():
    assert command_object("ik wil stoppen met roken, maar het lukt niet") == "roken"
    assert command_object("ik ben gestopt met zwemmen en nu ken ik niemand") == "zwemmen"


def test_curly_quotes_and_a_huge_message_are_read_quickly():
    assert about_life("ik wil stoppen met ‘roken’")
    assert not about_life("stop " + "bla " * 20000)
