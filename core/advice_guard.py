"""The advice guard: the one list of advice, reassurance and worry patterns the assistant must never say.

Used by the noticing engine on its own output before sending, and by the test that checks
every text the assistant can say. Patterns target *directives* ("je moet", "probeer eens"),
so honest refusals such as "Ik geef geen tips of adviezen" stay allowed.
"""
import re
from typing import List, NamedTuple

from core.normalise import fold

# Second person, Dutch and Flemish ("ge", "gij"), plus the polite "u".
_JE = r"(?:je|jij|ge|gij|u)"
_CLAUSE = r"[^.?!\n]{0,60}?"  # the rest of the same sentence, kept short

#: (rule name, regular expression on normalised text)
PATTERNS = [
    # advice: directives
    ("je moet", rf"\b{_JE}\s+moet(?:en)?\b"),
    ("moet je", rf"\bmoet(?:en)?\s+{_JE}\b"),
    ("je zou ... moeten", rf"\b{_JE}\s+zou(?:dt|den)?\b{_CLAUSE}\bmoeten\b"),
    ("zou je ... moeten/proberen", rf"\bzou(?:dt|den)?\s+{_JE}\b{_CLAUSE}\b(?:moeten|proberen)\b"),
    ("je zou eens/kunnen", rf"\b{_JE}\s+zou(?:dt|den)?\s+(?:eens|best|beter|misschien|kunnen)\b"),
    ("probeer eens", r"\bprobeer\s+(?:eens|om|dan|gewoon|toch|maar|ook|het|dit|dat|te)\b"),
    ("mijn advies", r"\bmijn\s+(?:advies|tip|raad|raadgeving)\b"),
    ("tip:", r"\b(?:tip|tips|advies)\s*:"),
    ("een tip", r"\b(?:een|klein|kleine)\s+tip(?:je)?\b"),
    ("ik raad je aan", rf"\b(?:ik\s+)?raad\s+(?:ik\s+)?(?:je|jou|u|ge|gij)\b{_CLAUSE}\baan\b"),
    ("ik raad je aan", r"\bik\s+(?:raad|adviseer)\b"),
    ("adviseer ik", r"\badviseer\s+ik\b"),
    ("ik zou ...", r"\bik\s+zou\b"),
    ("als ik jou was", r"\bals\s+ik\s+(?:jou|u|gij|jij)\s+(?:was|ben|zou)\b"),
    ("in jouw plaats", r"\bin\s+(?:jouw|uw|je)\s+plaats\b"),
    ("het beste is", r"\bhet\s+beste?\s+(?:is|kun|kan|kunt|doe|doet)\b"),
    ("het is beter", r"\bhet\s+is\s+(?:beter|best|verstandig|slim)\s+(?:om|als|dat|te)\b"),
    ("je kunt beter", rf"\b(?:{_JE}\s+(?:kunt|kan|kun)|(?:kunt|kan|kun)\s+{_JE})\s+(?:beter|best|gewoon)\b"),
    ("je doet er goed aan", rf"\b{_JE}\s+doet\s+er\s+(?:goed|beter|verstandig)\s+aan\b"),
    ("misschien kun je", rf"\bmisschien\s+(?:kun|kan|kunt|zou|zoudt|moet)\s+{_JE}\b"),
    ("waarom ga je niet", rf"\bwaarom\s+\w+\s+{_JE}\s+(?:\w+\s+){{0,2}}?(?:niet|eens|gewoon)\b"),
    ("wat als je eens", rf"\bwat\s+als\s+{_JE}\s+(?:eens|gewoon)\b"),
    ("laat het los", r"\blaat\s+(?:het|dat|dit)\s+(?:gewoon\s+)?los\b"),
    # reassurance
    ("maak je geen zorgen", rf"\bmaak\s+{_JE}\s+(?:geen\s+zorgen|niet\s+(?:zo\s+)?druk)\b"),
    ("geen zorgen", r"\bgeen\s+zorgen\b"),
    ("het komt wel goed", r"\b(?:komt|komen)\s+(?:het\s+)?(?:wel|zeker|vast|allemaal)\s+(?:\w+\s+)?goed\b"),
    ("het komt wel goed", r"\bhet\s+komt\s+goed\b"),
    ("het valt wel mee", r"\bvalt\s+(?:vast\s+|echt\s+)?wel\s+mee\b"),
    ("kop op", r"\bkop\s+op\b"),
    ("kom op", r"\b(?:kom\s+op|komaan|kom\s+aan)\b"),
    ("denk positief", r"\b(?:denk|blijf|wees)\s+(?:\w+\s+)?positief\b"),
    ("denk positief", r"\bpositief\s+(?:denken|blijven)\b"),
    ("zie het positief", r"\b(?:de\s+)?(?:positieve|zonnige)\s+kant\b"),
    ("niet zo somber", r"\bniet\s+zo\s+(?:somber|negatief|pessimistisch)\b"),
    ("wees gerust", r"\bwees\s+(?:maar\s+)?gerust\b"),
    ("hou vol", r"\b(?:hou|houd)\s+(?:je\s+)?(?:vol|taai)\b"),
    ("het kan erger", r"\b(?:kan|kon)\s+(?:altijd\s+|nog\s+)?erger\b"),
    ("het ligt niet aan jou", r"\b(?:ligt|lag)\s+(?:echt\s+|heus\s+)?niet\s+aan\s+(?:jou|u|je)\b"),
    ("niet jouw schuld", r"\bniet\s+(?:jouw|je|uw)\s+(?:eigen\s+)?schuld\b"),
    # worry aloud
    ("ik maak me zorgen", r"\bik\s+maak(?:te)?\s+(?:me|mij)\s+(?:\w+\s+){0,3}?zorgen\b"),
    ("ik ben bezorgd", r"\bik\s+ben\s+(?:\w+\s+)?(?:bezorgd|ongerust)\b"),
]
_COMPILED = [(name, re.compile(rx)) for name, rx in PATTERNS]


class Violation(NamedTuple):
    rule: str
    match: str


def normalise(text: str) -> str:
    """Folded (core/normalise.py: case, accents, quotes, invisible characters), whitespace collapsed."""
    return re.sub(r"\s+", " ", fold(text)).strip()


def find_violations(text: str) -> List[Violation]:
    """Every advice, reassurance or worry pattern found in the text (empty list when clean)."""
    norm = normalise(text)
    return [Violation(name, m.group(0)) for name, rx in _COMPILED for m in rx.finditer(norm)]


def is_clean(text: str) -> bool:
    return not find_violations(text)
