"""Fixtures for the guided-reflection action tests: a private store and tracker builders."""
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker

from actions.exercises.base import SLOTS
from core.keys import Keys
from store.repository import ReflectionStore

CHANNEL = "rest"


@pytest.fixture
def store(tmp_path) -> ReflectionStore:
    made = ReflectionStore(f"sqlite:///{tmp_path}/reflections.db", Keys.generate(), spool_dir=tmp_path / "spool")
    yield made
    made.engine.dispose()


@pytest.fixture
def factory(store):
    return lambda: store


def make_tracker(
    sender: str = "persoon-1",
    text: str = "",
    intent: str = "share_experience",
    slots: Optional[Dict[str, Any]] = None,
    entities: Optional[List[Dict[str, Any]]] = None,
    active_loop: Optional[str] = "reflection_form",
    events: Optional[List[Dict[str, Any]]] = None,
) -> Tracker:
    """A tracker whose latest message came in over the REST channel."""
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    all_slots = {s: None for s in SLOTS}
    all_slots.update({"exercise": None, "reflection_session": None, "reflection_hint": None,
                      "reflection_nudged": None, "reflection_first_try": None, "requested_slot": None})
    all_slots.update(slots or {})
    user = {"event": "user", "text": text, "parse_data": message, "input_channel": CHANNEL}
    return Tracker(sender, all_slots, message, (events or []) + [user], False, None,
                   {"name": active_loop} if active_loop else {}, "action_listen")
