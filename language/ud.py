"""The vendored Universal Dependencies Dutch corpus (language/corpus/) as spaCy training data.

Splits (fixed, no randomness):
- train: UD_Dutch-Alpino dev, UD_Dutch-LassySmall test, and LassySmall dev without its last fifth;
- dev:   the last fifth of LassySmall dev (contiguous, so no article is split across the line
         more than once); settings are tuned on it with a pipeline trained on `train` alone;
- train_all: train + dev, what the built pipeline is trained on once the settings are chosen;
- test:  UD_Dutch-Alpino test, held out: scored only when the pipeline is built, never trained on
         or tuned against; `test_lower` is the same text lower-cased (chat text, Rasa's
         `case_sensitive: false`).
All docs hold one sentence (the parser is trained within a sentence, which is
also 3-5x cheaper; sentence starts come from the `sentencizer` placed before it); dev and test docs one sentence each (scored per sentence
with spaCy's own tokenization, aligned to the gold tokens: like a chat message).

Lemmas: Alpino writes the parts of compound lemmas with an underscore (`Frans_talig`,
`af_vragen`, 5% of the tokens); the underscores are removed and lemmas are lower-cased (`franstalig`, `afvragen`,
`amsterdam`), the form the project and spaCy's Dutch lookup/rule lemmatizers use.
"""
import gzip
import hashlib
from pathlib import Path
from typing import Dict, Iterable, List

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training.converters import conllu_to_docs
from spacy.vocab import Vocab

CORPUS = Path(__file__).resolve().parent / "corpus"
ALPINO = CORPUS / "UD_Dutch-Alpino"
LASSY = CORPUS / "UD_Dutch-LassySmall"
FILES = {
    "alpino_dev": ALPINO / "nl_alpino-ud-dev.conllu.gz",
    "alpino_test": ALPINO / "nl_alpino-ud-test.conllu.gz",
    "lassy_dev": LASSY / "nl_lassysmall-ud-dev.conllu.gz",
    "lassy_test": LASSY / "nl_lassysmall-ud-test.conllu.gz",
}
DEV_FRACTION = 5  # the last 1/5 of LassySmall dev is the tuning split
SENTS_PER_DOC = 1


def _clean_conllu(text: str) -> str:
    """Drops empty nodes (`8.1`, enhanced dependencies) and multiword-token lines; strips `_` in lemmas."""
    lines = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            if "." in cols[0] or "-" in cols[0]:
                continue
            if cols[2] != "_":
                cols[2] = cols[2].replace("_", "").lower() or cols[2]
            cols[8] = "_"  # enhanced dependencies: not used
            line = "\t".join(cols)
        lines.append(line)
    return "\n".join(lines) + "\n"


def sentences(name: str) -> List[str]:
    """The CoNLL-U sentence blocks of one vendored file, cleaned."""
    text = gzip.open(FILES[name], "rt", encoding="utf-8").read()
    return [block for block in _clean_conllu(text).split("\n\n") if block.strip()]


def _docs(blocks: List[str], vocab: Vocab, n_sents: int = SENTS_PER_DOC) -> List[Doc]:
    text = "\n\n".join(blocks) + "\n\n"
    docs = list(conllu_to_docs(text, n_sents=n_sents, merge_subtokens=False, no_print=True))
    out = []
    for doc in docs:  # the converter's docs have their own vocab; rebuild on the shared one
        out.append(Doc(vocab).from_bytes(doc.to_bytes()))
    return out


def lowercase(doc: Doc) -> Doc:
    """A lower-cased copy of an annotated doc (words lower-cased; tags, lemmas, parse kept)."""
    lower = Doc(
        doc.vocab,
        words=[t.text.lower() for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in doc],
        pos=[t.pos_ for t in doc],
        morphs=[str(t.morph) for t in doc],
        lemmas=[t.lemma_ for t in doc],
        heads=[t.head.i for t in doc],
        deps=[t.dep_ for t in doc],
        sent_starts=[bool(t.is_sent_start) for t in doc],
    )
    return lower


def splits(vocab: Vocab = None) -> Dict[str, List[Doc]]:
    vocab = vocab or spacy.blank("nl").vocab
    lassy = sentences("lassy_dev")
    cut = len(lassy) - len(lassy) // DEV_FRACTION
    train = sentences("alpino_dev") + sentences("lassy_test") + lassy[:cut]
    test = _docs(sentences("alpino_test"), vocab, n_sents=1)
    return {
        "train": _docs(train, vocab),
        "train_all": _docs(train + lassy[cut:], vocab),
        "dev": _docs(lassy[cut:], vocab, n_sents=1),
        "test": test,
        "test_lower": [lowercase(d) for d in test],
    }


def fingerprint(paths: Iterable[Path]) -> str:
    """A hash over the contents of the given files (the build stamp)."""
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def write(target: Path) -> Dict[str, Path]:
    """Writes the splits as .spacy files under `target` (build/, never committed)."""
    target.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, docs in splits().items():
        path = target / f"{name}.spacy"
        DocBin(docs=docs, store_user_data=False).to_disk(path)
        out[name] = path
    return out


def write_if_missing(target: Path) -> Dict[str, Path]:
    """`write()`, unless the files under `target` were written from the same corpus and code."""
    stamp = fingerprint([Path(__file__), *FILES.values()])
    paths = {name: target / f"{name}.spacy" for name in ("train", "train_all", "dev", "test", "test_lower")}
    stamp_path = target / "stamp"
    if stamp_path.exists() and stamp_path.read_text() == stamp and all(p.exists() for p in paths.values()):
        return paths
    paths = write(target)
    stamp_path.write_text(stamp)
    return paths


if __name__ == "__main__":
    import sys

    for name, path in write_if_missing(Path(sys.argv[1] if len(sys.argv) > 1 else "build/ud")).items():
        docs = list(DocBin().from_disk(path).get_docs(spacy.blank("nl").vocab))
        print(f"{name}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens -> {path}")
