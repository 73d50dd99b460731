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
