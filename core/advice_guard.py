"""The advice guard: the one list of advice, reassurance and worry patterns the assistant must never say.

Used by the noticing engine on its own output before sending, and by the test that checks
every text the assistant can say. Patterns target *directives* ("je moet", "probeer eens"),
so honest refusals such as "Ik geef geen tips of adviezen" stay allowed. A quote of the person's
own words ("Je vertelt: “ik zou het hem willen zeggen”") is theirs, not advice: pass their message
as `own_words` and such quotes are left out of the check.
"""
import re
from typing import List, NamedTuple, Optional

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
    # suggestions dressed as questions or hints
    ("heb je al eens geprobeerd",
     rf"\bheb\s+{_JE}\s+(?:al\s+|ook\s+)?(?:eens|ooit|weleens|wel\s+eens|al|nooit)\b{_CLAUSE}\b(?:geprobeerd|gedacht|overwogen)\b"),
    ("heb je al eens geprobeerd", r"\b(?:al\s+eens|ooit)\s+(?:aan\s+)?gedacht\s+om\b"),
    ("het kan helpen om", r"\b(?:het|dat|dit|wat)\s+(?:kan|kon|zou)\s+(?:\w+\s+){0,2}(?:helpen|goed\s+doen)\b"),
    ("het helpt om", r"\bhet\s+helpt\s+(?:vaak\s+|soms\s+|meestal\s+)?(?:om|als|te)\b"),
    ("zorg goed voor jezelf", r"\bzorg\s+(?:\w+\s+)?(?:goed\s+)?voor\s+(?:jezelf|jouzelf|uzelf|je\s+eigen)\b"),
    ("zorg goed voor jezelf", r"\b(?:pas|let)\s+(?:goed\s+)?op\s+(?:jezelf|jouzelf|uzelf)\b"),
    ("wat dacht je van", rf"\bwat\s+dacht\s+{_JE}\s+(?:ervan\s+)?(?:van|om)\b"),
    ("wat als je", rf"\bwat\s+(?:als|indien)\s+{_JE}\s+(?:\w+\s+){{0,4}}?(?:zou|zoudt|gaat|probeert|belt|vraagt)\b"),
    ("je kunt altijd", rf"\b{_JE}\s+(?:kunt|kan|kun)\s+(?:toch\s+)?altijd\s+(?!terugkomen|terug\b|stoppen|typen)"),
    # reassurance
    ("maak je geen zorgen", rf"\bmaak\s+{_JE}\s+(?:geen\s+zorgen|niet\s+(?:zo\s+)?druk)\b"),
    ("geen zorgen", r"\bgeen\s+zorgen\b"),
    ("het komt wel goed", r"\b(?:komt|komen)\s+(?:het\s+)?(?:wel|zeker|vast|allemaal)\s+(?:\w+\s+)?goed\b"),
    ("het komt wel goed", r"\bhet\s+komt\s+goed\b"),
    ("het valt wel mee", r"\bvalt\s+(?:vast\s+|echt\s+|heus\s+|toch\s+)?(?:wel|best|allemaal|reuze)\s+mee\b"),
    ("het komt wel goed", r"\b(?:dat|alles|het)\s+komt\s+(?:heus\s+|echt\s+)?goed\b"),
    ("het komt wel goed", r"\b(?:zal|zullen)\s+(?:\w+\s+){0,3}goed\s+(?:komen|aflopen)\b"),
    ("het komt wel goed", r"\bloopt\s+(?:wel|vast|zeker)\s+(?:\w+\s+)?goed\s+af\b"),
    ("tijd heelt", r"\b(?:de\s+)?tijd\s+heelt\b"),
    ("het leven gaat door", r"\bhet\s+leven\s+gaat\s+(?:gewoon\s+)?door\b"),
    ("zo erg is het niet", r"\b(?:zo|dat)\s+erg\s+is\s+(?:het|dat)\s+(?:toch\s+)?niet\b"),
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
    ("ik maak me zorgen", r"\b(?:dat|dit|het)\s+baart\s+(?:me|mij)\s+zorgen\b"),
    ("ik maak me zorgen", r"\bik\s+ben\s+(?:\w+\s+)?bang\s+dat\s+(?:je|jij|u|ge|gij)\b"),
    ("ik maak me zorgen", r"\bik\s+(?:schrik|schrok)\s+(?:\w+\s+)?(?:ervan|van\s+wat\s+je)\b"),
    ("ik maak me zorgen", r"\b(?:dat|dit)\s+(?:klinkt|is)\s+(?:\w+\s+)?zorgwekkend\b"),
    ("maak je geen zorgen", rf"\b{_JE}\s+hoeft\s+(?:je\s+)?(?:geen\s+zorgen|niet\s+(?:bang|ongerust)|nergens\s+bang)\b"),
]
_COMPILED = [(name, re.compile(rx)) for name, rx in PATTERNS]


class Violation(NamedTuple):
    rule: str
    match: str


def normalise(text: str) -> str:
    """Folded (core/normalise.py: case, accents, quotes, invisible characters), whitespace collapsed."""
    return re.sub(r"\s+", " ", fold(text)).strip()


def _without_their_quotes(norm: str, own_words: Optional[str]) -> str:
    """The text without quotes ("...") of the person's own words: those are theirs, not advice."""
    if not own_words:
        return norm
    own = normalise(own_words)

    def drop(m: "re.Match[str]") -> str:
        quoted = m.group(1).strip(" .…,")
        return " \" \" " if quoted and quoted in own else m.group(0)

    return re.sub(r'"([^"]{1,400})"', drop, norm)


def find_violations(text: str, own_words: Optional[str] = None) -> List[Violation]:
    """Every advice, reassurance or worry pattern found in the text (empty list when clean).
    `own_words`: the person's message; quotes of it are not checked (they are theirs)."""
    norm = _without_their_quotes(normalise(text), own_words)
    return [Violation(name, m.group(0)) for name, rx in _COMPILED for m in rx.finditer(norm)]


def is_clean(text: str, own_words: Optional[str] = None) -> bool:
    return not find_violations(text, own_words)
