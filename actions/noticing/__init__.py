"""The noticing engine: finds what is worth noticing in a message and composes a short reply.

- analysis.py: what the message says (what happened to them, a time or place, a feeling, a contrast, an absolute, a person, also one
  named before, self-blame, a label for someone), on the project's spaCy pipeline;
- composition.py: the best notice as one noticing sentence and one open question, varied and
  checked by the advice guard;
- lexicon.yml (read by lexicon.py): the Dutch word lists and the weights of the notices.
"""
from actions.noticing.analysis import (
    ABSOLUTE,
    CONTRAST,
    EVENT,
    FEELING,
    LABEL,
    MAX_CHARS,
    RELATION,
    SELF_BLAME,
    TIME,
    Analysis,
    Notice,
    analyse,
    second_person,
    turn_person,
)
from actions.noticing.composition import (
    MAX_REPLY,
    Reply,
    advice_reply,
    compose,
    respond,
    seed_for,
    summary_reply,
    topic,
)

__all__ = [
    "ABSOLUTE", "CONTRAST", "EVENT", "FEELING", "TIME", "LABEL", "MAX_CHARS", "MAX_REPLY", "RELATION", "SELF_BLAME",
    "Analysis", "Notice", "Reply", "advice_reply", "analyse", "compose", "respond",
    "second_person", "seed_for", "summary_reply", "topic", "turn_person",
]
