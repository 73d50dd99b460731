"""The demo script format: loading and validation that points at the line of a mistake.

A script is a YAML file with `title`, `audience`, `purpose` and `steps` (see demos/README.md).
Each step is one of

- `say: "..."`     the participant types this line;
- `button: "..."`  the participant presses the button with this title in the last reply;
- `later: "..."`   time passes: the same person comes back in a new session (caption optional);
- only `note:`     a pause for the facilitator, nothing is sent;

with an optional `note` (shown to the presenter only) and `expect` (what must hold for the reply).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

SCRIPTS_DIR = Path(__file__).resolve().parent / "scripts"

TOP_KEYS = {"title": True, "audience": True, "purpose": True, "steps": True, "duration": False}
STEP_KINDS = ("say", "button", "later")
STEP_KEYS = set(STEP_KINDS) | {"note", "expect"}
#: what `notices:` may name, with what it means (checked in demos/check.py)
NOTICE_KINDS = {
    "event": "what happened to the participant (a loss, a move, retirement, illness ...)",
    "feeling": "a feeling the participant named",
    "person": "a person the participant mentioned (zus, collega ...)",
    "absolute": "an absolute word (nooit, niemand, altijd ...)",
    "contrast": "a contrast in what they said (... maar ...)",
}
#: expectation -> kind of value: "bool", "text" (string or list of strings), "titles", "kinds"
EXPECT_KEYS = {
    "notices": "kinds",
    "no_advice": "bool",
    "buttons": "titles",
    "crisis_lines": "bool",
    "contains": "text",
    "not_contains": "text",
    "ends_with_question": "bool",
}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int  # 1-based; 0 when the file itself is the problem
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class ScriptError(Exception):
    """A script that does not follow the format; `problems` lists every mistake with its line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


@dataclass
class Step:
    number: int  # 1-based position in `steps`
    line: int  # 1-based line in the file
    kind: str  # say | button | later | note
    text: str = ""  # the typed line, the button title, or the caption of `later`
    note: str = ""
    expect: Dict[str, Any] = field(default_factory=dict)

    @property
    def sends(self) -> bool:
        """True when the step sends something to the assistant (all but a bare note)."""
        return self.kind != "note"

    def as_dict(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.kind == "later":
            data["payload"] = "/session_start"
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class Script:
    path: Path
    title: str
    audience: str
    purpose: str
    steps: List[Step]
    duration: str = ""

    @property
    def id(self) -> str:
        return self.path.stem

    def as_dict(self) -> Dict[str, Any]:
        """The script for the browser player (channels/demo.py, `export-json`)."""
        return {
            "id": self.id, "title": self.title, "audience": self.audience, "purpose": self.purpose,
            "duration": self.duration, "steps": [s.as_dict() for s in self.steps],
        }


def discover(paths: Iterable[str] = ()) -> List[Path]:
    """The given script files (folders are searched for *.yml), or every shipped script."""
    found: List[Path] = []
    for raw in list(paths) or [str(SCRIPTS_DIR)]:
        path = Path(raw)
        found.extend(sorted(path.glob("*.yml")) + sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return found


def load_script(path: Path) -> Script:
    """The script in `path`; raises ScriptError with every problem and its line."""
    path = Path(path)
    name = str(path)
    try:
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ScriptError([Problem(name, 0, f"cannot read the file ({error.strerror})")]) from error
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise ScriptError([Problem(name, line, f"not valid YAML: {error.problem or error}")]) from error
    return _Validator(name).script(path, data)


def validate(path: Path) -> List[Problem]:
    """Every problem of one script (empty when it is valid)."""
    try:
        load_script(path)
    except ScriptError as error:
        return error.problems
    return []


class _Validator:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: List[Problem] = []

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))

    def script(self, path: Path, data: Any) -> Script:
        if not isinstance(data, dict):
            self.fail(1, "a script is a mapping with title, audience, purpose and steps")
            raise ScriptError(self.problems)
        for key in data:
            if key not in TOP_KEYS:
                self.fail(_key_line(data, key), f"unknown key '{key}' (allowed: {', '.join(TOP_KEYS)})")
        for key, required in TOP_KEYS.items():
            if required and key not in data:
                self.fail(1, f"'{key}' is missing")
        texts = {k: self.text(data, k) for k in ("title", "audience", "purpose", "duration") if k in data}
        steps = self.steps(data) if "steps" in data else []
        if self.problems:
            raise ScriptError(self.problems)
        return Script(path, texts["title"], texts["audience"], texts["purpose"], steps,
                      texts.get("duration", ""))

    def text(self, mapping: dict, key: str) -> str:
        value = mapping[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.fail(_value_line(mapping, key), f"'{key}' must be a non-empty text")
            return ""
        return value.strip()

    def steps(self, data: dict) -> List[Step]:
        raw = data["steps"]
        if not isinstance(raw, list) or not raw:
            self.fail(_value_line(data, "steps"), "'steps' must be a list with at least one step")
            return []
        steps = [self.step(i, item, _item_line(raw, i)) for i, item in enumerate(raw)]
        steps = [s for s in steps if s is not None]
        sent = [s for s in steps if s.sends]
        if not sent:
            self.fail(_value_line(data, "steps"), "no step sends anything: add a `say` step")
        elif sent[0].kind == "button":
            self.fail(sent[0].line, "the first step that sends something cannot press a button: "
                                    "there is no reply with buttons yet")
        return steps

    def step(self, index: int, item: Any, line: int) -> Optional[Step]:
        number = index + 1
        if not isinstance(item, dict):
            self.fail(line, f"step {number}: write `- say: \"...\"`, `- button: \"...\"`, "
                            "`- later: \"...\"` or `- note: \"...\"`")
            return None
        for key in item:
            if key not in STEP_KEYS:
                self.fail(_key_line(item, key), f"step {number}: unknown key '{key}' "
                                                f"(allowed: {', '.join(sorted(STEP_KEYS))})")
        kinds = [k for k in STEP_KINDS if k in item]
        if len(kinds) > 1:
            self.fail(line, f"step {number}: one of {', '.join(kinds)} per step, not more")
            return None
        kind = kinds[0] if kinds else "note"
        if kind == "note" and "note" not in item:
            self.fail(line, f"step {number}: needs `say`, `button`, `later` or `note`")
            return None
        text = ""
        if kind == "later":
            value = item["later"]
            text = "" if value is True or value is None else self.text(item, "later")
        elif kind != "note":
            text = self.text(item, kind)
        note = self.text(item, "note") if "note" in item else ""
        expect = self.expect(item, number, kind) if "expect" in item else {}
        return Step(number, line, kind, text, note, expect)

    def expect(self, item: dict, number: int, kind: str) -> Dict[str, Any]:
        raw = item["expect"]
        where = _value_line(item, "expect")
        if kind == "note":
            self.fail(where, f"step {number}: a note alone sends nothing, so it has no reply to expect")
            return {}
        if not isinstance(raw, dict) or not raw:
            self.fail(where, f"step {number}: 'expect' must be a mapping such as `no_advice: true`")
            return {}
        result: Dict[str, Any] = {}
        for key, value in raw.items():
            line = _key_line(raw, key)
            shape = EXPECT_KEYS.get(key)
            if shape is None:
                self.fail(line, f"step {number}: unknown expectation '{key}' "
                                f"(known: {', '.join(EXPECT_KEYS)})")
            elif shape == "bool":
                if not isinstance(value, bool):
                    self.fail(line, f"step {number}: '{key}' must be true or false")
                else:
                    result[key] = value
            elif shape == "titles" and isinstance(value, bool):
                result[key] = value
            else:
                words = _strings(value)
                if words is None:
                    hint = "true, false, a button title or a list of titles" if shape == "titles" \
                        else "a text or a list of texts"
                    self.fail(line, f"step {number}: '{key}' must be {hint}")
                    continue
                if shape == "kinds":
                    unknown = [w for w in words if w not in NOTICE_KINDS]
                    if unknown:
                        self.fail(line, f"step {number}: cannot check notices '{', '.join(unknown)}' "
                                        f"(known: {', '.join(NOTICE_KINDS)})")
                        continue
                result[key] = words
        return result


def _strings(value: Any) -> Optional[List[str]]:
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        return None
    return [v.strip() for v in values]


def _key_line(mapping: Any, key: Any) -> int:
    try:
        return mapping.lc.key(key)[0] + 1
    except Exception:  # noqa: BLE001 - plain dicts carry no marks
        return 0


def _value_line(mapping: Any, key: Any) -> int:
    try:
        return mapping.lc.value(key)[0] + 1
    except Exception:  # noqa: BLE001
        return _key_line(mapping, key)


def _item_line(sequence: Any, index: int) -> int:
    try:
        return sequence.lc.item(index)[0] + 1
    except Exception:  # noqa: BLE001
        return 0
