"""Names both servers agree on: slots and intents that cross from one process to the other."""

#: Actions set this slot to ask the tracker store (components/tracker_store.py) to erase the
#: sender's stored conversation; a protocol name, not configuration.
ERASE_SLOT = "erase_requested"

#: Set by the safety actions after a crisis message; noticing and session start read it.
AFTER_CRISIS_SLOT = "after_crisis"

#: The intent the dialogue answers for each tier of the safety net (core/safety.py), set by
#: components/crisis_override.py whatever the classifier thought (README: intent contract).
TIER_INTENTS = {
    "crisis": "crisis",
    "unclear": "crisis_unclear",
    "violence": "danger_from_others",
    "bereaved": "bereaved_by_suicide",
}

#: The intents that are commands rather than something said: what a mix-up of two of them costs
#: is a wrong step (a paused reflection, a goodbye), so an unsure pair is asked about first.
COMMAND_INTENTS = (
    "stop_exercise",
    "continue_exercise",
    "skip_question",
    "show_reflections",
    "export_reflections",
    "delete_my_data",
    "goodbye",
)
#: components/command_gate.py puts the two command intents the classifier hesitates between into
#: the parsed message under this key; the dialogue asks which one was meant (actions/clarify.py).
COMMAND_DOUBT_KEY = "command_doubt"
#: The button "Iets anders" under that question (a button only, never classified from text).
SOMETHING_ELSE_INTENT = "something_else"
