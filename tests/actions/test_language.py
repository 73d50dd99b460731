"""The action server only loads the language pipeline; a missing one names `make setup`."""
import pytest

from actions import language


def test_missing_pipeline_names_make_setup(tmp_path, monkeypatch):
    monkeypatch.setattr(language, "PIPELINE_DIR", tmp_path / "spacy_nl")
    with pytest.raises(language.PipelineMissing, match="make setup"):
        language.check_pipeline()
