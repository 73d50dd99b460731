"""Chat-text tokenizer rules (language/tokenizer.py), also after saving and loading."""
import spacy

from language.tokenizer import fit_for_chat


def _words(nlp, text):
    return [t.text for t in nlp(text)]


def test_chat_rules_survive_saving(tmp_path):
    fit_for_chat(spacy.blank("nl")).to_disk(tmp_path)
    nlp = spacy.load(tmp_path)
    assert _words(nlp, "'k wil dood.niemand ziet me") == ["'k", "wil", "dood", ".", "niemand", "ziet", "me"]
    assert _words(nlp, "zie 113.nl of www.luisterlijn.nl") == ["zie", "113.nl", "of", "www.luisterlijn.nl"]
    assert _words(nlp, "d.w.z. 3.5 bv. zo eenzaam :(") == ["d.w.z.", "3.5", "bv.", "zo", "eenzaam", ":("]
    assert _words(nlp, "niemand belt me. dat is al.") == ["niemand", "belt", "me", ".", "dat", "is", "al", "."]
    assert _words(nlp, "m'n zus en 't werk") == ["m'n", "zus", "en", "'t", "werk"]
