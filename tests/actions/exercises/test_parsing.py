"""Parsing and recognising answers: names in lists, directions, kinds of caring sentences."""
import pytest

from actions.exercises.acknowledge import acknowledgement
from actions.exercises.base import is_dont_know, quote, wie
from actions.exercises.geven_om import ADVICE, FIXING, NOTICING, OTHER, REASSURANCE, WORRY, classify
from actions.exercises.kennen import distinctive
from actions.exercises.registry import EXERCISES
from actions.exercises.samenhang import hardest
from actions.exercises.verbondenheid import labels, parse_directions
from actions.exercises.vier_lijstjes import (
    identity_key,
    lists_from,
    observations,
    parse_names,
    same_person,
)


@pytest.mark.parametrize("text, names", [
    ("Anna, Piet en Mo", ["Anna", "Piet", "Mo"]),
    ("Anna/Piet", ["Anna", "Piet"]),
    ("Anna\nPiet\n- Mo", ["Anna", "Piet", "Mo"]),
    ("mijn zus; mijn moeder & Jan", ["mijn zus", "mijn moeder", "Jan"]),
    ("anna en Anna", ["anna"]),
    ("Jan-Willem en Marie-Claire", ["Jan-Willem", "Marie-Claire"]),
    ("niemand", []),
    ("Niemand eigenlijk.", []),
])
def test_names_with_any_separator(text, names):
    assert parse_names(text) == names


def test_nobody_and_unknown_are_different():
    assert parse_names("niemand") == []
    assert parse_names("weet ik niet") is None
    assert parse_names("") is None


def test_names_compare_loosely():
    assert identity_key("Mijn  Zus") == identity_key("zus")


def test_list_observations_notice_one_sided_care_and_empty_lists():
    lists = lists_from({"ken_ik": "Anna, Piet", "kent_mij": "Anna", "geef_om": "Anna, mijn zus",
                        "geeft_om_mij": "niemand"})
    found = observations(lists)
    assert any("Anna" in f and "wie om jou geeft" in f for f in found)
    assert any("leeg" in f for f in found)


def test_list_observation_for_someone_on_all_four():
    lists = lists_from({k: "Mo" for k in ("ken_ik", "kent_mij", "geef_om", "geeft_om_mij")})
    assert observations(lists) == ["Op alle vier de lijstjes staat Mo."]


@pytest.mark.parametrize("text, chosen", [
    ("2 en 4", [1, 3]),
    ("de natuur en mezelf", [2, 0]),
    ("vier", [3]),
    ("1, 3 en 5", [0, 2]),
    ("geen idee", []),
    ("banaan", []),
])
def test_directions_by_number_or_word(text, chosen):
    assert parse_directions(text) == chosen


@pytest.mark.parametrize("sentence, kind", [
    ("Het valt me op dat je de laatste tijd stil bent. Hoe gaat het met je?", NOTICING),
    ("Ik zie dat je moe bent.", NOTICING),
    ("Ik maak me zorgen om je.", WORRY),
    ("Ik ben bang dat het niet goed met je gaat", WORRY),
    ("Je moet echt meer rust nemen.", ADVICE),
    ("Probeer eens wat vaker te wandelen", ADVICE),
    ("Zal ik een afspraak voor je maken bij de dokter?", FIXING),
    ("Ik regel wel iemand voor je", FIXING),
    ("Kop op, het komt wel goed", REASSURANCE),
    ("Hoi", OTHER),
])
def test_caring_sentence_kinds(sentence, kind):
    assert classify(sentence) == kind


def test_samenhang_hardest_from_answers():
    assert hardest({"begrijpen": "ja, dat lukt wel", "grip": "nee, helemaal niet", "zin": "ja"}) == "grip"
    assert hardest({"begrijpen": "ja", "zin": "ja"}) == "grip"  # skipped counts as hard
    assert hardest({"begrijpen": "ja", "grip": "ja", "zin": "ja"}) is None


def test_kennen_words_that_differ():
    assert distinctive("Hij is altijd te laat en lui", "Ik probeer te veel te doen") == ("laat", "probeer")


@pytest.mark.parametrize("answer, expected", [
    ("mijn broer", "je broer"), ("Anna", "Anna"), ("buurman", "je buurman"),
    ("de buurvrouw", "de buurvrouw"), ("iemand van mijn werk die ik al lang ken", "die persoon"),
    ("weet ik niet", "die persoon"),
])
def test_wie_is_ready_to_repeat(answer, expected):
    assert wie(answer) == expected


def test_dont_know_variants_and_quotes():
    assert all(is_dont_know(t) for t in ("weet ik niet", "Ik weet het niet.", "geen idee", "k weet het ni"))
    assert not is_dont_know("ik weet niet of hij het merkt")
    assert quote("x " * 200).endswith("…") and len(quote("x " * 200)) <= 90


def test_dont_know_with_softeners_and_fillers_is_not_a_person():
    """"ik weet het niet zo goed eigenlijk" was repeated back as if it were someone's name."""
    for text in ("ik weet het niet zo goed eigenlijk", "geen idee eigenlijk", "dat weet ik eigenlijk niet",
                 "pff ik weet het niet", "hmm, geen idee", "weet ik veel"):
        assert is_dont_know(text), text
        assert wie(text) == wie(None), text
    for text in ("ik weet het niet, mijn zus misschien", "ik weet het goed", "ik weet niet of ze belt"):
        assert not is_dont_know(text), text


# --- issue 13: names as a person reads them, own directions, advice as a question, acknowledgements



@pytest.mark.parametrize("a, b", [("mijn zus Anna", "Anna"), ("mijn zus Anna", "zus"), ("Anna (mijn zus)", "anna"),
                                  ("mijn zus", "Zus"), ("m'n collega Sanne", "Sanne")])
def test_the_same_person_in_other_words(a, b):
    assert same_person(a, b)


def test_different_people_with_the_same_relation():
    assert not same_person("mijn zus Anna", "mijn zus Eva")
    assert not same_person("Anna", "Piet")


def test_four_lists_with_a_relation_word_in_one_list_only():
    lists = lists_from({"ken_ik": "mijn zus Anna, Piet en Mo", "kent_mij": "Anna en Mo, Piet",
                        "geef_om": "Anna, mijn broer", "geeft_om_mij": "mijn zus, broer"})
    found = " ".join(observations(lists, limit=4))
    assert "Anna" not in found.replace("Op alle vier de lijstjes staat Anna", "")
    assert "wie jou goed kent" not in found and "wie om jou geeft" not in found


def test_four_lists_name_the_one_missing_by_name():
    lists = lists_from({"ken_ik": "mijn zus Anna, mijn collega Sanne", "kent_mij": "Anna",
                        "geef_om": "Anna", "geeft_om_mij": "Anna"})
    assert any("Sanne" in o and "je collega Sanne" not in o for o in observations(lists, limit=4))


@pytest.mark.parametrize("text, expected", [
    ("ik voel me een met de natuur", ["met je omgeving en de natuur"]),
    ("een en vier", ["met jezelf", "met zin en betekenis"]),
    ("mijn hond", ["met je hond"]),
    ("muziek en mijn geloof", ["met muziek", "met je geloof"]),
    ("de zee", ["met de zee"]),
])
def test_directions_by_number_own_words_and_een_is_not_one(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize("sentence", [
    "Het valt me op dat je moe bent. Heb je al eens aan yoga gedacht?",
    "Ik zie dat je stil bent. Waarom ga je niet eens wandelen?",
    "Het valt me op dat je weinig slaapt. Heb je al eens geprobeerd om eerder naar bed te gaan?",
])
def test_a_question_that_gives_advice_is_advice(sentence):
    assert classify(sentence) == "advice"


def test_acknowledgements_receive_short_answers_and_vary():
    kennen, lists = EXERCISES["kennen"], EXERCISES["vier_lijstjes"]
    geef_om = lists.questions[2]
    assert "niemand" in acknowledgement(lists, geef_om, "niemand", {}).lower()
    assert acknowledgement(lists, lists.questions[0], "Ilse, mijn broer Tom en Fatima", {}).count("Tom") == 1
    said = {acknowledgement(kennen, kennen.questions[1], f"Hij is altijd {w}.", {"wie": "Mo"})
            for w in ("laat", "druk", "moe", "stil", "boos", "weg", "ziek", "blij")}
    assert len(said) >= 3  # varied, never one formula
    for short in ("nee", "weet ik niet", "🙁"):
        assert acknowledgement(kennen, kennen.questions[2], short, {"wie": "Mo"})
