"""The project's Dutch spaCy pipeline (language/), on whichever base is installed."""
from pathlib import Path

import pytest
import spacy

from actions.language import get_nlp
from language.lexicons import tagged_phrases, words


def _ents(text):
    return {(e.text.lower(), e.label_) for e in get_nlp()(text).ents}


def test_lexicon_entities_in_the_present_base():
    ents = _ents("Op het feest van mijn zus voelde ik me eenzaam, niemand vroeg iets.")
    assert {("zus", "relatie"), ("eenzaam", "gevoel"), ("niemand", "absoluut")} <= ents


def test_multiword_terms_and_exercise_ids():
    doc = get_nlp()("Mijn buurman zegt dat ik niet gezien word. Ik wil de vier lijstjes doen.")
    found = {(e.text.lower(), e.label_, e.ent_id_) for e in doc.ents}
    assert ("niet gezien", "gevoel", "") in found
    assert ("vier lijstjes", "exercise", "vier_lijstjes") in found


def test_lemmas_are_available():
    assert "voelen" in [t.lemma_ for t in get_nlp()("ik voel me alleen")]


def test_every_lexicon_term_is_recognised():
    nlp = get_nlp()
    for label in ("gevoel", "relatie", "absoluut"):
        for term in words(label):
            assert (term, label) in {(e.text.lower(), e.label_) for e in nlp(f"dus {term} .").ents}


def test_every_exercise_phrase_has_a_rasa_synonym():
    nlu = (Path(__file__).parents[2] / "data" / "nlu" / "exercises.yml").read_text("utf-8")
    for canonical, phrase in tagged_phrases("exercise"):
        assert phrase == canonical or f"- {phrase}\n" in nlu, phrase


def test_official_model_when_installed():
    try:
        official = spacy.load("nl_core_news_sm")
    except OSError:
        pytest.skip("nl_core_news_sm is not installed (not on PyPI; set NL_CORE_NEWS_SM to a wheel to use it)")
    assert "ner" in official.pipe_names
    assert "nl_core_news_sm" in get_nlp().meta.get("description", "")
