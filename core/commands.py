"""Which of two command intents the classifier hesitates between are worth asking about.

Shared by the Rasa side (components/command_doubt.py decides whether to ask) and the action
server (actions/clarify.py asks), so both agree on what a question offers. No Rasa here.

A command only counts if choosing it would do something where the person is:
- in a running reflection, waiting for an answer: leaving the question (stop, show, export,
  delete) or skipping it. "Verder" is taken as the answer there; a goodbye leaves only with a
  farewell word (actions/exercises/form.py, core/leave_taking.py), else it is the answer too.
- outside a reflection: everything but stop and skip, which there both answer "er loopt nu geen
  reflectie" (the button "Iets anders" leads to that kind of answer too).
"""
from typing import Iterable, List

from core.names import COMMAND_INTENTS

IN_REFLECTION = ("stop_exercise", "skip_question", "show_reflections", "export_reflections", "delete_my_data")
ONLY_IN_REFLECTION = ("stop_exercise", "skip_question")


def choices(candidates: Iterable[str], in_reflection: bool) -> List[str]:
    """The candidates a question offers, in their order (most likely first), without doubles."""
    allowed = IN_REFLECTION if in_reflection else tuple(c for c in COMMAND_INTENTS if c not in ONLY_IN_REFLECTION)
    offered: List[str] = []
    for name in candidates:
        if name in allowed and name not in offered:
            offered.append(name)
    return offered
