"""The lexicon features of the own pipeline (language/lexicon_vectors.py): what they say about a word,
and that the built pipeline carries them without needing project code to load."""
import os
import subprocess
import sys

import pytest

from actions.language import PIPELINE_DIR, get_nlp
from language import lexicon_vectors


@pytest.fixture(scope="module")
def rows():
    return lexicon_vectors.features()


def _feature(rows, word, name):
    return rows[word][lexicon_vectors.FEATURES.index(name)]


def test_known_words_get_their_classes(rows):
    assert len(rows) > 150_000
    assert _feature(rows, "huis", "known") == 1 and _feature(rows, "huis", "index_noun") == 1
    assert _feature(rows, "liep", "inflected") == 1 and _feature(rows, "liep", "lemma_verb") == 1
    assert _feature(rows, "mooie", "exception_adj") == 1
    assert all(len(row) == len(lexicon_vectors.FEATURES) for row in rows.values())


def test_names_are_not_in_the_lexicon(rows):
    # the point of the table: a lower-cased name is still told apart from a Dutch word
    for name in ("amsterdam", "brussel", "antwerpen", "rutte", "frankrijk"):
        assert name not in rows


@pytest.fixture(scope="module")
def own_pipeline():
    nlp = get_nlp()
    if nlp.vocab.vectors.name != "reflectie_nl_lexicon":
        pytest.skip(f"the built pipeline is not the own one ({nlp.meta.get('description')})")
    return nlp


def test_the_built_pipeline_carries_the_table_without_its_strings(own_pipeline):
    vocab = own_pipeline.vocab
    assert vocab.vectors.n_keys > 150_000 and vocab.vectors.shape[1] == len(lexicon_vectors.FEATURES)
    assert vocab.has_vector("huis") and vocab.has_vector("liep") and not vocab.has_vector("amsterdam")
    assert len(vocab.strings) < 100_000  # the words are keys, not strings: memory of the action server


def test_the_built_pipeline_loads_without_project_code(own_pipeline, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    script = ("import spacy, sys; nlp = spacy.load(sys.argv[1]); "
              "print([t.pos_ for t in nlp('ik woon in amsterdam')])")
    done = subprocess.run([sys.executable, "-c", script, str(PIPELINE_DIR)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "PROPN" in done.stdout
