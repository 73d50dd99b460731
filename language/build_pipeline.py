"""Build the project's Dutch spaCy pipeline directory.

Base: the official `nl_core_news_sm` when it can be loaded (installed package, or a
local wheel/directory named by `NL_CORE_NEWS_SM`), otherwise `spacy.blank("nl")` with
the lookup lemmatizer from `spacy-lookups-data`. On top, always: an entity ruler built
from the project lexicons. Usage: `python -m language.build_pipeline [output_dir]`.
"""
import os
import subprocess
import sys
from pathlib import Path

import spacy

from language.lexicons import ruler_patterns

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "build" / "spacy_nl"
OFFICIAL = "nl_core_news_sm"


def _official_base():
    """The official model, or None. Installs a local wheel named by NL_CORE_NEWS_SM first."""
    local = os.environ.get("NL_CORE_NEWS_SM", "").strip()
    if local and local.endswith(".whl"):
        subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", local], check=True)
    try:
        return spacy.load(local if local and not local.endswith(".whl") else OFFICIAL)
    except OSError:
        return None


def build(output: Path = DEFAULT_OUTPUT) -> str:
    """Build and save the pipeline; returns a one-line description of the base used."""
    nlp = _official_base()
    if nlp is not None:
        base = f"official {OFFICIAL} {nlp.meta.get('version', '')}".strip()
        before = "ner" if "ner" in nlp.pipe_names else None
    else:
        nlp = spacy.blank("nl")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()  # loads the Dutch lemma tables from spacy-lookups-data
        base = "spacy.blank('nl') + lookup lemmatizer (spacy-lookups-data)"
        before = None
    ruler = nlp.add_pipe(
        "entity_ruler", before=before, config={"overwrite_ents": True, "phrase_matcher_attr": None}
    )
    ruler.add_patterns(ruler_patterns())
    nlp.meta["name"] = "reflectie_nl"
    nlp.meta["description"] = f"Project pipeline on {base}"
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return base


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    print(f"Dutch language pipeline: {build(target)} -> {target}")
