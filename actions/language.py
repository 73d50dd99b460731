"""Loads the project's Dutch spaCy pipeline once per process.

The action server only loads it: `make setup` builds it (`python -m language.build_pipeline`).
"""
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

PIPELINE_DIR = Path(
    os.environ.get("SPACY_PIPELINE_DIR", Path(__file__).resolve().parent.parent / "build" / "spacy_nl")
)


class PipelineMissing(RuntimeError):
    """The pipeline directory has not been built."""


def check_pipeline() -> None:
    """Raises PipelineMissing, naming `make setup`, when the pipeline was never built."""
    if not (PIPELINE_DIR / "meta.json").exists():
        raise PipelineMissing(f"no Dutch language pipeline in {PIPELINE_DIR}; build it with "
                              "`make setup` (or `python -m language.build_pipeline`)")


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The project pipeline (PipelineMissing when it was never built)."""
    check_pipeline()
    return spacy.load(PIPELINE_DIR)
