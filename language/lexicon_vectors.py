"""Lexicon features for the own pipeline, stored as a small static-vectors table.

Lower-cased chat text loses the capital that marks a name ("amsterdam", "jan"), and the corpus is
too small to learn every name. spaCy's Dutch lemma tables (spacy-lookups-data, 414,000 lower-case
word forms) can tell what the corpus cannot: whether a word is a known Dutch word and which classes
it has (noun, verb, adjective, preposition, determiner; an inflected form and the class of its
lemma). A name is usually not in them: 66 % of the names of the tuning split are missing, against
6 % of its nouns.
Each known word gets a 0/1 row of those features in a spaCy vectors table that the tok2vec reads
(`include_static_vectors`, `[initialize] vectors`); any other word, a name, gets zeros. The table
is saved with the trained pipeline, so loading it needs no project code. The 126 distinct rows
are shared and the words are keyed by their hash only, without their strings; keys are the
lower-case forms, as typed in chat. The loaded pipeline takes about 100 MB; with the strings and
the capitalised forms it took 350 MB, for no gain on the tuning split (README, "Language pipeline").
"""
from pathlib import Path
from typing import Dict, List, Set

import numpy as np
import spacy
import spacy_lookups_data
import srsly
from spacy.strings import hash_string
from spacy.vectors import Vectors

CLASSES = ("noun", "verb", "adj", "adp", "det")
CLOSED = ("adv", "adp", "det", "pron")
FEATURES = (
    ["known"]
    + [f"index_{c}" for c in CLASSES]
    + [f"exception_{c}" for c in ("noun", "verb", "adj")]
    + ["exception_closed", "inflected"]
    + [f"lemma_{c}" for c in ("noun", "verb", "adj")]
)


def _table(name: str) -> Dict:
    """One of spaCy's Dutch lemma tables as written (string keys; spaCy's loader hashes them)."""
    return srsly.read_gzip_json(str(spacy_lookups_data.get_file(f"nl_{name}.json.gz")))


def features() -> Dict[str, List[int]]:
    """word (lower-cased) -> its 0/1 feature row (FEATURES), for every word the tables know."""
    index: Dict[str, Set[str]] = {c: set(v) for c, v in _table("lemma_index").items()}
    exc: Dict[str, Set[str]] = {c: set(v) for c, v in _table("lemma_exc").items()}
    lookup: Dict[str, str] = _table("lemma_lookup")
    rows = {}
    for word in set().union(*index.values(), *exc.values(), lookup):  # all lower-case
        lemma = lookup.get(word, "")
        row = [1]
        row += [int(word in index.get(c, ())) for c in CLASSES]
        row += [int(word in exc.get(c, ())) for c in ("noun", "verb", "adj")]
        row += [int(any(word in exc.get(c, ()) for c in CLOSED))]
        row += [int(word in lookup)]
        row += [int(lemma in index.get(c, ())) for c in ("noun", "verb", "adj")]
        rows[word] = row
    return rows


def build(output: Path) -> Path:
    """Saves a blank Dutch pipeline holding only the feature table (for `[initialize] vectors`)."""
    nlp = spacy.blank("nl")
    rows = features()
    distinct = sorted({tuple(r) for r in rows.values()})
    row_of = {r: i for i, r in enumerate(distinct)}
    vectors = Vectors(data=np.asarray(distinct, dtype="float32"), name="reflectie_nl_lexicon")
    for word, row in rows.items():
        vectors.add(hash_string(word), row=row_of[tuple(row)])
    nlp.vocab.vectors = vectors
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return output
