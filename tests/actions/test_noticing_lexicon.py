"""The noticing engine's lexicon.yml: every entry typed, a YAML slip caught when it loads."""
import pytest

from actions.noticing.lexicon import LEX, LEXICON_FILE, load


def test_lexicon_loads_with_named_weights():
    assert "eenzaamheid" in LEX.noun_feelings and LEX.feel_verbs["voelde"] == "voelde"
    assert LEX.contrast_markers[0] == "en toch"  # order matters: the first marker that matches wins
    assert LEX.weights.self_blame > LEX.weights.label > LEX.weights.relation


def test_unknown_entry_and_unquoted_yaml_word_are_errors(tmp_path):
    text = LEXICON_FILE.read_text("utf-8")
    unknown = tmp_path / "unknown.yml"
    unknown.write_text(text + "\nextra_words: [x]\n", "utf-8")
    with pytest.raises(ValueError, match="extra_words"):
        load(unknown)
    unquoted = tmp_path / "unquoted.yml"
    unquoted.write_text(text.replace("negations: [niet, nooit, geen]", "negations: [niet, nooit, no]"), "utf-8")
    with pytest.raises(ValueError, match="quotes"):
        load(unquoted)


def test_order_of_attention():
    """What happened to them, then the feeling, then an absolute, then a time or place, then people;
    the other person's side (a label) never before a feeling or an absolute."""
    w = LEX.weights
    assert w.event > w.feeling_phrase > w.feeling_word > w.absolute_strong > w.time > w.relation
    assert w.label < w.feeling_word and w.label < w.absolute_strong
