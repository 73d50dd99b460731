"""The demo script format: valid scripts load, mistakes are reported with their line."""
from pathlib import Path

import pytest

from demos.script import ScriptError, discover, load_script, validate

GOOD = """\
title: "Proef"
audience: "Een test"
purpose: "Laten zien dat het formaat werkt"
steps:
  - note: "Alleen voor de begeleider"
  - say: "Hoi"
    expect:
      buttons: ["Gewoon praten"]
      no_advice: true
  - button: "Gewoon praten"
    note: "Een knop"
  - later: "De volgende dag"
    expect:
      contains: ["welkom | fijn", "terug"]
  - later: true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "script.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_script_loads_with_lines_and_kinds(tmp_path):
    script = load_script(write(tmp_path, GOOD))
    assert script.id == "script" and script.title == "Proef"
    assert [s.kind for s in script.steps] == ["note", "say", "button", "later", "later"]
    assert [s.line for s in script.steps] == [5, 6, 10, 12, 15]
    assert script.steps[1].expect == {"buttons": ["Gewoon praten"], "no_advice": True}
    assert script.steps[3].expect["contains"] == ["welkom | fijn", "terug"]
    assert script.steps[4].text == ""
    exported = script.as_dict()
    assert exported["steps"][3] == {"kind": "later", "text": "De volgende dag", "payload": "/session_start"}
    assert exported["steps"][0] == {"kind": "note", "text": "", "note": "Alleen voor de begeleider"}


@pytest.mark.parametrize("broken, line, message", [
    (GOOD.replace('title: "Proef"\n', ""), 1, "'title' is missing"),
    (GOOD.replace("steps:", "stappen:"), 4, "unknown key 'stappen'"),
    (GOOD.replace('  - say: "Hoi"', '  - zeg: "Hoi"'), 6, "unknown key 'zeg'"),
    (GOOD.replace("      no_advice: true", "      no_advice: ja graag"), 9,
     "'no_advice' must be true or false"),
    (GOOD.replace("      no_advice: true", "      notices: gevoel"), 9, "cannot check notices 'gevoel'"),
    (GOOD.replace("      no_advice: true", "      is_kind: true"), 9, "unknown expectation 'is_kind'"),
    (GOOD.replace('  - button: "Gewoon praten"', '  - button: "Gewoon praten"\n    say: "x"'), 10, "one of"),
    (GOOD.replace('  - say: "Hoi"', '  - say: ""'), 6, "'say' must be a non-empty text"),
    (GOOD.replace('  - say: "Hoi"', '  - say: "Hoi"\n    say: "Dag"'), 7, "not valid YAML"),
    (GOOD.replace("  - later: true", '  - "Dag"'), 15, "step 5: write"),
    (GOOD.replace('  - say: "Hoi"', '  - say: "Hoi'), 0, "not valid YAML"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 40 else None)
def test_mistakes_point_at_their_line(tmp_path, broken, line, message):
    problems = validate(write(tmp_path, broken))
    assert problems, broken
    assert any(message in p.message and (line == 0 or p.line == line) for p in problems), problems
    with pytest.raises(ScriptError) as raised:
        load_script(write(tmp_path, broken))
    assert "script.yml:" in str(raised.value)


def test_a_button_cannot_come_first_and_a_note_expects_nothing(tmp_path):
    first_say = '  - say: "Hoi"\n    expect:\n      buttons: ["Gewoon praten"]\n      no_advice: true\n'
    problems = validate(write(tmp_path, GOOD.replace(first_say, "")))
    assert any("cannot press a button" in p.message and p.line == 6 for p in problems)
    note = '  - note: "x"\n    expect:\n      buttons: true'
    text = GOOD.replace('  - note: "Alleen voor de begeleider"', note)
    assert any("has no reply to expect" in p.message for p in validate(write(tmp_path, text)))


def test_every_shipped_script_is_valid():
    paths = discover()
    assert len(paths) >= 5
    for path in paths:
        assert validate(path) == [], path


def test_the_shipped_scripts_cover_what_facilitators_need():
    scripts = [load_script(p) for p in discover()]
    said = " ".join(s.text.lower() for script in scripts for s in script.steps)
    buttons = {s.text for script in scripts for s in script.steps if s.kind == "button"}
    reflections = {"Iemand echt kennen", "Laten merken dat je om iemand geeft", "De vier lijstjes",
                   "Reflectievragen", "Richtingen van verbondenheid", "Grip op een situatie"}
    assert reflections <= buttons
    assert any(s.kind == "later" for script in scripts for s in script.steps)
    assert "wis mijn gegevens" in said and "ja, wis alles" in {b.lower() for b in buttons}
    assert "wat moet ik doen" in said  # an advice request
    assert "verjaardag" in said and "collega" in said
    kinds = {k for script in scripts for s in script.steps for k in s.expect.get("notices", [])}
    assert {"contrast", "absolute", "feeling"} <= kinds


def test_the_readme_example_is_a_valid_script(tmp_path):
    import re

    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    example = re.search(r"A script looks like this:\n\n```yaml\n(.*?)```", readme, re.S).group(1)
    assert validate(write(tmp_path, example)) == []
