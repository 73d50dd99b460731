"""Loads the project's Dutch spaCy pipeline (built by `language/build_pipeline.py`) once per process."""
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

PIPELINE_DIR = Path(
    os.environ.get("SPACY_PIPELINE_DIR", Path(__file__).resolve().parent.parent / "build" / "spacy_nl")
)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The project pipeline; builds it first if the directory is missing (e.g. a fresh test run)."""
    if not (PIPELINE_DIR / "meta.json").exists():
        from language.build_pipeline import build

        build(PIPELINE_DIR)
    return spacy.load(PIPELINE_DIR)
