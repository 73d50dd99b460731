"""Text normalisation shared by the safety net, the advice guard and the noticing engine."""
import re
import unicodedata

#: Curly, low and angle quotes, backtick and acute accent as straight quotes.
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'",
                        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"'})
#: Zero-width characters, direction marks, word joiner, byte order mark, soft hyphen.
INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")


def fold_quotes(text: str) -> str:
    return text.translate(QUOTES)


def drop_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


def fold_accents(text: str) -> str:
    """Compatibility forms decomposed and accents dropped: 'één' -> 'een', '𝐈𝐤' -> 'Ik'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """For matching: no invisible characters, straight quotes, no accents, lower case."""
    return fold_accents(fold_quotes(drop_invisible(text or ""))).lower()
