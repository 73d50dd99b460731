"""Tokenizer rules for chat text, added on top of spaCy's Dutch tokenizer at build time.

- `'k` (ik), `'m` (hem), `'r` (haar): one token, like spaCy's own `'t` and `m'n`;
- `me.`, `dat.`, `al.` … at a sentence end are a word and a full stop, not abbreviations;
- a full stop typed without the space after it between two words (`dood.niemand`) splits;
- repeated `!`/`?` stay separate tokens (spaCy already does that), emoticons stay whole.
"""
import re

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex

# spaCy's Dutch abbreviations that are everyday words at the end of a chat sentence ("niemand belt
# me.", "dat is al.", "ik ben er vol.", "ik kon."): there the full stop ends the sentence.
WORDS_NOT_ABBREVIATIONS = {"al", "best", "dat", "hand", "kon", "me", "min", "pas", "top", "vol", "ver", "pers"}
CONTRACTIONS = ("'k", "'m", "'r", "'s", "’k", "’t")
# a full stop between two words of at least two letters each (not d.w.z., not 3.5, not URLs)
MISSING_SPACE = r"(?<=[a-zà-ÿ]{2})\.(?=[a-zà-ÿ]{2})"
_TLDS = {"nl", "be", "com", "org", "net", "eu", "de", "fr", "uk", "info", "io", "nu", "app"}


def fit_for_chat(nlp: Language) -> Language:
    nlp.tokenizer.rules = {
        text: tokens for text, tokens in nlp.tokenizer.rules.items()
        if not (text.endswith(".") and text[:-1].lower() in WORDS_NOT_ABBREVIATIONS)
    }
    for form in CONTRACTIONS:
        for variant in {form, form.capitalize(), form.upper()}:
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
    infixes = list(nlp.Defaults.infixes) + [MISSING_SPACE]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # `dood.niemand` is two words; `113.nl` and `www.x.com` stay addresses (a regex, so it is saved)
    pattern = nlp.tokenizer.url_match.__self__.pattern
    if pattern.startswith("(?u)"):
        pattern = pattern[4:]
    tlds = "|".join(sorted(_TLDS))
    nlp.tokenizer.url_match = re.compile(
        rf"(?!^[^\W\d_]{{2,}}\.(?!(?:{tlds})$)[^\W\d_]{{2,}}$){pattern}", re.UNICODE
    ).match
    return nlp
