"""Check mode: every script's expectations against the trained model; a demo never surprises.

Besides what a step's `expect` asks, every reply must hold these guards: it is not empty, has
no advice, reassurance or worry of its own (core.advice_guard; what it quotes of the
participant does not count), shows the crisis lines only where `crisis_lines: true` is
expected, and is not the "I did not understand" answer.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Sequence

import yaml

from demos.runner import Backend, DemoError, DemoSession, buttons_of, text_of
from demos.script import Script, Step

CRISIS_MARKERS = ("113", "1813")
QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|‘[^’]*’")
DOMAIN = Path(__file__).resolve().parent.parent / "domain.yml"


@dataclass
class Failure:
    script: Script
    step: Step
    problem: str
    reply: str

    def __str__(self) -> str:
        said = {"say": "participant types", "button": "participant presses",
                "later": "comes back later"}.get(self.step.kind, "")
        reply = "\n".join("    | " + line for line in (self.reply or "(no reply)").splitlines())
        return (f"{self.script.path}:{self.step.line}: step {self.step.number} of "
                f"'{self.script.title}': {self.problem}\n  {said}: {self.step.text!r}\n"
                f"  the assistant replied:\n{reply}")


@dataclass
class Turn:
    step: Step
    messages: List[Dict] = field(default_factory=list)
    failures: List[str] = field(default_factory=list)

    @property
    def reply(self) -> str:
        return text_of(self.messages)


def fold(text: str) -> str:
    """Lower case without accents, curly quotes straightened: for forgiving comparisons."""
    text = (text or "").lower().replace("’", "'").replace("‘", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def unquoted(text: str) -> str:
    """The text without what it quotes: the assistant may quote a participant's own advice."""
    return QUOTED.sub("…", text or "")


def _has(reply: str, item: str) -> bool:
    """`item` appears in the reply; `a | b` means either."""
    return any(fold(alt.strip()) in fold(reply) for alt in item.split("|") if alt.strip())


@functools.lru_cache(maxsize=1)
def _not_understood() -> List[str]:
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    return [fold(v["text"]) for v in domain.get("responses", {}).get("utter_default", []) if v.get("text")]


# What happened to a participant, and the words a reply may name it with (used when the noticing
# engine has no event notices of its own).
EVENTS = [
    (r"\b(?:overleden|overlijden|gestorven|begrafenis)\b", ["overle", "verlies", "gestorven", "dood", "afscheid"]),
    (r"\bpensioen\w*|\bgepensioneerd\b", ["pensioen"]),
    (r"\b(?:scheiding|gescheiden)\b", ["scheiding", "gescheiden", "uit elkaar"]),
    (r"\b(?:verhuisd|verhuizing|verhuizen)\b", ["verhui"]),
    (r"\b(?:ontslag|ontslagen|werkloos)\b", ["ontslag", "werk"]),
    (r"\b(?:ziek|ziekte|diagnose|ziekenhuis)\b", ["ziek", "diagnose"]),
    (r"\buit\s+huis\b", ["uit huis"]),
]


def _event_evidence(lines: Sequence[str]) -> List[List[str]]:
    from actions import noticing

    kind = getattr(noticing, "EVENT", None)
    found: List[List[str]] = []
    for line in lines:
        if kind is not None:
            found += [[n.value] for n in noticing.analyse(line).notices if n.kind == kind]
        found += [echo for rx, echo in EVENTS if re.search(rx, line, re.IGNORECASE)]
    return found


def _evidence(kind: str, lines: Sequence[str]) -> List[List[str]]:
    """For each thing of `kind` in the participant's lines: words the reply must echo (one is
    enough; for a contrast, two)."""
    from actions import noticing

    if kind == "event":
        return _event_evidence(lines)

    wanted = {"feeling": noticing.FEELING, "person": noticing.RELATION,
              "absolute": noticing.ABSOLUTE, "contrast": noticing.CONTRAST}[kind]
    found: List[List[str]] = []
    for line in lines:
        for notice in noticing.analyse(line).notices:
            if notice.kind != wanted:
                continue
            if kind == "contrast":
                words = [w for w in fold(notice.quote.replace("…", " ")).split() if len(w) > 3]
                found.append(words)
            else:
                found.append([notice.value])
    return found


def _notices(kind: str, reply: str, lines: Sequence[str]) -> bool:
    folded = fold(reply)
    for words in _evidence(kind, lines):
        hits = sum(fold(w) in folded for w in words)
        if hits >= (2 if kind == "contrast" else 1):
            return True
    return False


def evaluate(step: Step, messages: List[Dict], participant_lines: Sequence[str]) -> List[str]:
    """What does not hold for this reply (empty when all is well)."""
    from core.advice_guard import find_violations

    reply = text_of(messages)
    expect = step.expect
    problems: List[str] = []
    if not reply.strip():
        return ["the assistant said nothing"]
    if expect.get("no_advice", True):
        problems += [f"advice, reassurance or worry: '{v.match}' ({v.rule})"
                     for v in find_violations(unquoted(reply))]
    crisis = all(m in reply for m in CRISIS_MARKERS)
    if expect.get("crisis_lines") and not crisis:
        problems.append("the crisis lines (113, 1813) are missing")
    if not expect.get("crisis_lines") and any(m in reply for m in CRISIS_MARKERS):
        problems.append("crisis lines appeared where the script does not expect them")
    if any(fold(reply).startswith(d[:40]) for d in _not_understood()):
        problems.append("the assistant did not understand the line")
    titles = [b.get("title") or "" for b in buttons_of(messages)]
    wanted_buttons = expect.get("buttons")
    if wanted_buttons is True and not titles:
        problems.append("no buttons were offered")
    elif wanted_buttons is False and titles:
        problems.append(f"buttons were offered: {titles}")
    elif isinstance(wanted_buttons, list):
        for title in wanted_buttons:
            if not any(_has(t, title) for t in titles):
                problems.append(f"no button '{title}' (offered: {titles or 'none'})")
    for item in expect.get("contains", []):
        if not _has(reply, item):
            problems.append(f"does not contain '{item}'")
    for item in expect.get("not_contains", []):
        if _has(reply, item):
            problems.append(f"contains '{item}'")
    if expect.get("ends_with_question") is not None:
        asks = reply.rstrip().endswith("?")
        if asks != expect["ends_with_question"]:
            problems.append("does not end with a question" if not asks else "ends with a question")
    for kind in expect.get("notices", []):
        if not _notices(kind, reply, participant_lines):
            problems.append(f"does not notice a {kind} in the participant's words")
    return problems


def run_script(script: Script, backend: Backend, on_turn=None, sender: str = "") -> List[Turn]:
    """Plays the whole script once, checking each reply; always cleans up the demo identity."""
    session = DemoSession(backend, sender or None)
    lines: List[str] = []
    turns: List[Turn] = []
    try:
        for step in script.steps:
            if not step.sends:
                continue
            if step.kind == "say" and not step.text.startswith("/"):
                lines.append(step.text)
            turn = Turn(step)
            try:
                turn.messages = session.send(step)
                turn.failures = evaluate(step, turn.messages, lines)
            except DemoError as error:
                turn.failures = [str(error)]
            turns.append(turn)
            if on_turn:
                on_turn(turn)
            if turn.failures and not turn.messages:
                break  # a step that could not be played: the rest would not make sense
    finally:
        session.close()
    return turns


def check_script(script: Script, backend: Backend, sender: str = "") -> List[Failure]:
    turns = run_script(script, backend, sender=sender)
    return [Failure(script, t.step, p, t.reply) for t in turns for p in t.failures]


def check_all(scripts: Sequence[Script], backend: Backend) -> List[Failure]:
    failures: List[Failure] = []
    for script in scripts:
        failures += check_script(script, backend)
    return failures
