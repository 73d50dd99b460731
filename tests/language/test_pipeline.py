"""The project's Dutch spaCy pipeline (language/), on whichever base is installed."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from actions.language import get_nlp
from language.evaluate import TARGETS, below
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


# Held-out quality of the pipeline actually built (build/spacy_nl), whichever base it has: scored
# on UD_Dutch-Alpino test, which neither training nor tuning sees, as written and lower-cased.


@pytest.fixture(scope="module")
def heldout():
    from language import evaluate, train, ud

    data = ud.write_if_missing(train.BUILD / "ud")
    return {split: evaluate.score(get_nlp(), data[split]) for split in ("test", "test_lower")}


def test_heldout_reaches_the_targets(heldout):
    low = below(heldout["test"], TARGETS)
    assert not low, f"test: below the targets {TARGETS}: {low} (all: {heldout['test']})"


def test_heldout_lower_cased_reaches_the_targets(heldout):
    """Chat text arrives lower-cased (Rasa's `case_sensitive: false`): the same targets hold."""
    low = below(heldout["test_lower"], TARGETS)
    assert not low, f"test_lower: below the targets {TARGETS}: {low} (all: {heldout['test_lower']})"


def test_pipeline_has_the_analysis_components():
    nlp = get_nlp()
    assert {"tagger", "parser", "entity_ruler"} <= set(nlp.pipe_names)
    doc = nlp("Ik voel me niet gezien door mijn zus.")
    assert doc.has_annotation("POS") and doc.has_annotation("DEP") and doc.has_annotation("MORPH")
    assert [t.pos_ for t in doc][:2] == ["PRON", "VERB"]


def test_heldout_split_is_not_in_training():
    from language import ud

    def texts(name):
        return {line for block in ud.sentences(name) for line in block.split("\n") if line.startswith("# text =")}

    test_texts = texts("alpino_test")
    assert len(test_texts) > 500
    train_texts = texts("alpino_dev") | texts("lassy_dev") | texts("lassy_test")
    assert len(test_texts & train_texts) <= 2  # a few one-word headings may repeat


def test_rasa_loads_the_light_nlu_pipeline():
    """Rasa's NLU reads tokens, lemmas and the lexicon entities only: no tagger or parser per turn."""
    import yaml

    from language.build_pipeline import NLU_OUTPUT

    config = yaml.safe_load((Path(__file__).parents[2] / "config.yml").read_text("utf-8"))
    spacy_nlp = next(c for c in config["pipeline"] if c["name"] == "SpacyNLP")
    assert (Path(__file__).parents[2] / spacy_nlp["model"]).resolve() == NLU_OUTPUT.resolve()
    nlu = spacy.load(NLU_OUTPUT)
    assert nlu.pipe_names == ["lemmatizer", "entity_ruler"]
    doc = nlu("ik voel me zo eenzaam sinds mijn zus weg is")
    assert "voelen" in [t.lemma_ for t in doc]
    assert {("eenzaam", "gevoel"), ("zus", "relatie")} <= {(e.text, e.label_) for e in doc.ents}


def test_the_own_pipeline_trains_once_per_stamp(tmp_path, monkeypatch):
    from language import train

    def must_not_train(output):
        raise AssertionError("trained again although corpus, config and code are unchanged")

    (tmp_path / train.PIPELINE).mkdir()
    (tmp_path / train.PIPELINE / "meta.json").write_text("{}")
    final = {"stamp": train.stamp(), "mode": "final (train + tuning split)", "dev": {}}
    (tmp_path / train.STAMP_FILE).write_text(json.dumps(final))
    monkeypatch.setattr(train, "train", must_not_train)
    assert train.trained_base(tmp_path)["stamp"] == train.stamp()
    for stale in ({**final, "stamp": "another corpus"}, {**final, "mode": "tuning (train)"}):
        (tmp_path / train.STAMP_FILE).write_text(json.dumps(stale))
        with pytest.raises(AssertionError, match="trained again"):
            train.trained_base(tmp_path)


def test_nl_pipeline_forces_a_base_or_fails_clearly(monkeypatch):
    from language import build_pipeline

    monkeypatch.setenv("NL_PIPELINE", "groot")
    with pytest.raises(SystemExit, match="NL_PIPELINE must be one of official, own"):
        build_pipeline.base()
    monkeypatch.setenv("NL_PIPELINE", "official")
    monkeypatch.setattr(build_pipeline, "_official_base", lambda: None)
    with pytest.raises(SystemExit, match="cannot be loaded"):
        build_pipeline.base()


def test_openblas_kernel_can_be_forced():
    """The mechanism train.py relies on: OPENBLAS_CORETYPE chooses the kernels when numpy loads."""
    from language import train

    if not train._can_force_kernel():
        pytest.skip("no AVX2 on this CPU: the Haswell kernels cannot run here")
    probe = "from language.train import blas_kernel; print(blas_kernel())"
    forced = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).parents[2], env={**os.environ, "OPENBLAS_CORETYPE": train.KERNEL})
    assert forced.stdout.strip() == train.KERNEL


def test_the_own_pipeline_was_trained_with_the_fixed_kernels():
    """Same seed, same kernels: every machine with AVX2 trains the same pipeline (and scores)."""
    from language import train

    stamp = train.DEFAULT_OUTPUT / train.STAMP_FILE
    if not stamp.exists():
        pytest.skip("the own pipeline is not built on this machine (official base)")
    if not train._can_force_kernel():
        pytest.skip("no AVX2 on this CPU: trained with the kernels it has")
    assert json.loads(stamp.read_text()).get("blas_kernel") == train.KERNEL


def test_the_built_pipeline_is_trained_on_train_and_tuning_split_never_the_heldout():
    """Final mode: the settings are chosen on the tuning split, then trained on train + tuning split."""
    from language import train, ud

    splits = ud.splits()
    texts = {name: [d.text for d in docs] for name, docs in splits.items()}
    assert sorted(texts["train_all"]) == sorted(texts["train"] + texts["dev"])
    assert len(set(texts["test"]) & set(texts["train_all"])) <= 2  # a few one-word headings repeat
    stamp = train.DEFAULT_OUTPUT / train.STAMP_FILE
    if not stamp.exists():
        pytest.skip("the own pipeline is not built on this machine (official base)")
    assert json.loads(stamp.read_text())["mode"].startswith("final")
