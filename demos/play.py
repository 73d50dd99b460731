"""Terminal player: a demo on the projector, paced like typing or one step per Enter.

Who says what is always clear: the participant's lines (cyan, right) are typed out, the
assistant's replies (green, left) show their buttons, facilitator notes are yellow and
italic (hide them with `--no-notes` when the terminal itself is projected).
"""
from __future__ import annotations

import time
from typing import Callable, Dict, List, Optional

from rich import box
from rich.align import Align
from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from demos.check import evaluate
from demos.runner import Backend, DemoError, DemoSession, buttons_of, text_of
from demos.script import Script, Step

PACES = ("typing", "step", "instant")
PARTICIPANT, ASSISTANT, NOTE = "bold cyan", "green", "italic yellow"


class Player:
    def __init__(self, console: Optional[Console] = None, pace: str = "typing", notes: bool = True,
                 cps: float = 28.0, ask: Optional[Callable[[str], str]] = None,
                 pause: float = 1.0) -> None:
        self.console = console or Console()
        self.pace = pace
        self.notes = notes
        self.cps = cps
        self.pause = pause  # scales the short pauses after a typed line and before a reply
        self.ask = ask or (lambda prompt: self.console.input(prompt))

    # --- pieces -------------------------------------------------------------------

    def header(self, script: Script) -> None:
        lines = Text(script.title, style="bold")
        if self.notes:
            lines.append(f"\nVoor wie: {script.audience}\nDoel: {script.purpose}", style="dim")
            if script.duration:
                lines.append(f"\nDuur: {script.duration}", style="dim")
        self.console.print(Panel(lines, box=box.DOUBLE, border_style="bright_white"))

    def note(self, text: str) -> None:
        if self.notes and text:
            self.console.print(Panel(Text(text, style=NOTE), title="Notitie voor de begeleider",
                                     title_align="left", border_style="yellow", box=box.MINIMAL))

    def _participant_panel(self, text: Text, full: str) -> Align:
        width = min(self.console.width - 8, max(len(full), len("Deelnemer") + 2) + 4)
        return Align.right(Panel(text, title="Deelnemer", title_align="right", border_style="cyan",
                                 box=box.ROUNDED, padding=(0, 1), width=max(width, 20)))

    def participant(self, step: Step) -> None:
        if step.kind == "later":
            caption = step.text or "Later"
            self.console.print(Rule(Text(caption, style="bold magenta"), style="magenta"))
            return
        shown = f"[knop] {step.text}" if step.kind == "button" else step.text
        if self.pace != "typing":
            self.console.print(self._participant_panel(Text(shown, style=PARTICIPANT), shown))
            return
        typed = Text(style=PARTICIPANT)
        with Live(self._participant_panel(typed, shown), console=self.console, refresh_per_second=30,
                  transient=False) as live:
            for char in shown:
                typed.append(char)
                live.update(self._participant_panel(typed, shown))
                time.sleep(1.0 / self.cps)
        time.sleep(0.3 * self.pause)

    def assistant(self, messages: List[Dict]) -> None:
        parts: List = [Text(text_of(messages) or "…", style=ASSISTANT)]
        titles = [b.get("title") or "" for b in buttons_of(messages)]
        if titles:
            parts.append(Text("  ".join(f"[ {t} ]" for t in titles), style="bold bright_white"))
        self.console.print(Panel(Group(*parts), title="Assistent", title_align="left",
                                 border_style="green", box=box.ROUNDED, padding=(0, 1)))

    def warn(self, problems: List[str]) -> None:
        if self.notes and problems:
            self.console.print(Text("  controle: " + "; ".join(problems), style="dim red"))

    # --- the whole demo -------------------------------------------------------------

    def play(self, script: Script, backend: Backend) -> bool:
        """Plays the script; returns False when the facilitator stopped it early."""
        if self.console.is_terminal:
            self.console.clear()  # a clean screen for the projector after loading the model
        self.header(script)
        session = DemoSession(backend)
        lines: List[str] = []
        finished = True
        try:
            for step in script.steps:
                self.note(step.note)
                if self.pace == "step" and not self._wait():
                    finished = False
                    break
                if not step.sends:
                    continue
                self.participant(step)
                if step.kind == "say" and not step.text.startswith("/"):
                    lines.append(step.text)
                try:
                    with self.console.status("[green]de assistent typt …", spinner="dots"):
                        messages = session.send(step)
                        if self.pace == "typing":
                            time.sleep(0.8 * self.pause)
                except DemoError as error:
                    self.warn([str(error)])
                    finished = False
                    break
                self.assistant(messages)
                self.warn(evaluate(step, messages, lines))
        finally:
            session.close()
        self.console.print(Text("Einde van de demo. De demogegevens zijn gewist.", style="dim"))
        return finished

    def _wait(self) -> bool:
        answer = self.ask(Text("⏎ volgende stap (q = stoppen) ", style="dim").markup)
        return answer.strip().lower() not in ("q", "quit", "stop")
