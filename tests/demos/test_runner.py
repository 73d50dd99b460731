"""Playing, checking and exporting demos on a stand-in assistant (no model needed)."""
import io
import json

import pytest
from rich.console import Console

from demos.__main__ import main
from demos.check import check_script, evaluate, run_script, unquoted
from demos.play import Player
from demos.runner import DemoError, DemoSession
from demos.script import Step, load_script
from demos.transcript import to_html, to_markdown
from tests.demos.fakes import MENU, FakeBackend
from tests.demos.test_script import GOOD, write

REPLIES = {"Hoi": "Hoi, fijn dat je er bent.", "/just_talk": "Vertel maar. Wat speelt er?",
           "/session_start": "Fijn dat je er weer bent. Wil je terug naar waar je was?"}


@pytest.fixture
def script(tmp_path):
    return load_script(write(tmp_path, GOOD))


def fake():
    return FakeBackend(REPLIES, {"Hoi": MENU})


def step(**expect):
    return Step(1, 1, "say", "x", expect=expect)


def test_buttons_are_pressed_by_title_and_a_missing_one_is_named(script):
    backend = fake()
    session = DemoSession(backend)
    assert session.sender.startswith("demo-")
    session.send(script.steps[1])
    assert session.message_for(script.steps[2]) == "/just_talk"
    session.last = []
    with pytest.raises(DemoError, match="no button 'Gewoon praten'"):
        session.message_for(script.steps[2])
    assert session.message_for(script.steps[3]) == "/session_start"


def test_a_run_checks_every_reply_and_always_cleans_up(script):
    backend = fake()
    turns = run_script(script, backend, sender="demo-x")
    assert [m for _, m in backend.sent] == ["Hoi", "/just_talk", "/session_start", "/session_start"]
    assert backend.cleaned == ["demo-x"]
    assert [t.failures for t in turns] == [[], [], [], []]
    backend.replies["/session_start"] = "Hallo."
    failures = check_script(script, backend)
    assert len(failures) == 2 and "does not contain 'welkom | fijn'" in failures[0].problem
    assert "script.yml:12: step 4" in str(failures[0]) and "Hallo." in str(failures[0])
    assert len(backend.cleaned) == 2


@pytest.mark.parametrize("reply, expect, problem", [
    ("", {}, "said nothing"),
    ("Je moet eens gaan wandelen.", {}, "advice"),
    ("Maak je geen zorgen, het komt wel goed.", {}, "advice"),
    ("Bel 113 of 1813.", {}, "crisis lines appeared"),
    ("Wat fijn.", {"crisis_lines": True}, "crisis lines (113, 1813) are missing"),
    ("Dat begreep ik niet helemaal. Wil je het nog eens zeggen?", {}, "did not understand"),
    ("Goed.", {"ends_with_question": True}, "does not end with a question"),
    ("Goed.", {"contains": ["zus"]}, "does not contain 'zus'"),
    ("Je zus.", {"not_contains": ["zus"]}, "contains 'zus'"),
    ("Goed.", {"buttons": True}, "no buttons"),
])
def test_guards_and_expectations(reply, expect, problem):
    problems = evaluate(step(**expect), [{"text": reply}], ["ik voel me alleen"])
    assert any(problem in p for p in problems), problems


def test_quoted_words_of_the_participant_are_not_the_assistants_advice():
    reply = "Je schreef “je moet eens rust nemen”. Wat zag je?"
    assert unquoted(reply) == "Je schreef …. Wat zag je?"
    assert evaluate(step(ends_with_question=True), [{"text": reply}], []) == []


def test_notices_look_for_the_participants_own_words():
    lines = ["Er waren dertig mensen en toch voelde ik me heel alleen. Niemand vroeg iets."]
    good = "Je schrijft “dertig mensen”, en ook “toch voelde ik me heel alleen”. Niemand?"
    assert evaluate(step(notices=["contrast", "absolute", "feeling"]), [{"text": good}], lines) == []
    problems = evaluate(step(notices=["contrast", "person"]), [{"text": "Vertel eens?"}], lines)
    assert len(problems) == 2


def test_the_player_shows_who_says_what_and_the_notes(script):
    out = io.StringIO()
    backend = fake()
    player = Player(Console(file=out, width=100, force_terminal=False), pace="instant")
    assert player.play(script, backend)
    shown = out.getvalue()
    for text in ("Deelnemer", "Assistent", "Notitie voor de begeleider", "Alleen voor de begeleider",
                 "[knop] Gewoon praten", "[ Gewoon praten ]", "De volgende dag", "gewist"):
        assert text in shown, text
    assert backend.cleaned


def test_typing_pace_types_the_participant_lines(script):
    out = io.StringIO()
    player = Player(Console(file=out, width=80), pace="typing", cps=100000, pause=0)
    assert player.play(script, fake())
    assert "Hoi" in out.getvalue() and "Gewoon praten" in out.getvalue()


def test_step_mode_waits_for_the_facilitator_and_can_stop(script):
    answers = iter(["", "q"])
    backend = fake()
    player = Player(Console(file=io.StringIO()), pace="step", notes=False, ask=lambda _: next(answers))
    assert player.play(script, backend) is False
    assert [m for _, m in backend.sent] == [] and backend.cleaned  # the note step, then stop


def test_transcripts_for_handouts(script):
    turns = run_script(script, fake())
    markdown = to_markdown(script, turns)
    assert markdown.startswith("# Proef") and "**Deelnemer:** Hoi" in markdown
    assert "*Knoppen:* Gewoon praten · De vier lijstjes" in markdown
    assert "begeleider" not in markdown and "begeleider" in to_markdown(script, turns, notes=True)
    turns[0].messages = [{"text": "<img src=x onerror=alert(1)>"}]
    page = to_html(script, turns)
    assert "<img" not in page and "&lt;img src=x" in page and page.startswith("<!doctype html>")


def test_cli_validate_and_export(tmp_path, capsys):
    assert main(["validate"]) == 0
    broken = write(tmp_path, GOOD.replace("steps:", "stappen:"))
    assert main(["validate", str(broken)]) == 1
    assert "script.yml:4: unknown key 'stappen'" in capsys.readouterr().out
    out = tmp_path / "demos.json"
    assert main(["export-json", "-o", str(out)]) == 0
    demos = json.loads(out.read_text())["demos"]
    assert len(demos) >= 5 and all(d["steps"] for d in demos)
