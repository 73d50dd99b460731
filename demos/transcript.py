"""Transcripts for handouts: a played demo as Markdown or as a self-contained HTML page.

Facilitator notes are left out unless asked for (`notes=True`): a handout is for participants.
"""
from __future__ import annotations

import html
from typing import List

from demos.check import Turn
from demos.script import Script

PARTICIPANT, ASSISTANT, BUTTONS = "Deelnemer", "Assistent", "Knoppen"

_CSS = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem;
       color: #1f2933; }
.meta { color: #52606d; }
.turn { margin: .6rem 0; padding: .5rem .8rem; border-radius: 12px; white-space: pre-wrap; }
.participant { background: #e3f2fd; margin-left: 4rem; }
.assistant { background: #e8f5e9; margin-right: 4rem; }
.who { display: block; font-size: .8rem; font-weight: 600; color: #52606d; }
.buttons { font-size: .85rem; color: #52606d; }
.later { text-align: center; color: #7b2cbf; margin: 1rem 0; }
.note { font-style: italic; color: #8d6e00; border-left: 3px solid #f0b400; padding-left: .6rem; }
@media print { .turn { break-inside: avoid; } }
"""


def _titles(turn: Turn) -> List[str]:
    return [b.get("title") or "" for m in turn.messages for b in (m.get("buttons") or [])]


def _participant_text(turn: Turn) -> str:
    return f"[{turn.step.text}]" if turn.step.kind == "button" else turn.step.text


def to_markdown(script: Script, turns: List[Turn], notes: bool = False) -> str:
    out = [f"# {script.title}", "", f"*Voor wie:* {script.audience}  ", f"*Doel:* {script.purpose}", ""]
    played = {t.step.number: t for t in turns}
    for step in script.steps:
        if notes and step.note:
            out += [f"> *Notitie voor de begeleider:* {step.note}", ""]
        turn = played.get(step.number)
        if turn is None:
            continue
        if step.kind == "later":
            out += ["---", "", f"*{step.text or 'Later'}*", ""]
        else:
            out += [f"**{PARTICIPANT}:** {_participant_text(turn)}", ""]
        reply = [line for line in turn.reply.strip().splitlines() if line.strip()] or ["…"]
        out.append(f"**{ASSISTANT}:** " + "  \n".join(reply))  # hard line breaks
        titles = _titles(turn)
        if titles:
            out += ["", f"*{BUTTONS}:* " + " · ".join(titles)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_html(script: Script, turns: List[Turn], notes: bool = False) -> str:
    e = html.escape
    body = [f"<h1>{e(script.title)}</h1>",
            f'<p class="meta">Voor wie: {e(script.audience)}<br>Doel: {e(script.purpose)}</p>']
    played = {t.step.number: t for t in turns}
    for step in script.steps:
        if notes and step.note:
            body.append(f'<p class="note">Notitie voor de begeleider: {e(step.note)}</p>')
        turn = played.get(step.number)
        if turn is None:
            continue
        if step.kind == "later":
            body.append(f'<p class="later">— {e(step.text or "Later")} —</p>')
        else:
            body.append(f'<div class="turn participant"><span class="who">{PARTICIPANT}</span>'
                        f"{e(_participant_text(turn))}</div>")
        titles = _titles(turn)
        buttons = (f'<div class="buttons">{BUTTONS}: {e(" · ".join(titles))}</div>' if titles else "")
        body.append(f'<div class="turn assistant"><span class="who">{ASSISTANT}</span>'
                    f"{e(turn.reply.strip() or '…')}{buttons}</div>")
    return ("<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{e(script.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")
