"""The reflection store, as the guided reflections use it: one store session per run of an
exercise, every accepted answer logged at once, and the answers so far kept as progress so a
run can be resumed in a later conversation. Identity only from the tracker (channel, sender id).
"""
import logging
from typing import Any, Dict, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import StoreFactory, identity, open_store
from core import texts
from store.repository import OpenSession, SessionNotFound, StoreUnavailable, TextTooLong

logger = logging.getLogger(__name__)

SESSION_SLOT = "reflection_session"


def start(tracker: Tracker, exercise: str, factory: StoreFactory) -> Optional[str]:
    """A new store session for this run; None when the store cannot be reached at all."""
    try:
        return open_store(factory).start_session(*identity(tracker), exercise, {"answers": {}}).id
    except StoreUnavailable:
        logger.exception("Could not start a reflection session")
        return None


def find_open(tracker: Tracker, exercise: Optional[str], factory: StoreFactory) -> Optional[OpenSession]:
    """The person's unfinished run (of `exercise` if given). Raises StoreUnavailable."""
    return open_store(factory).open_session(*identity(tracker), exercise)


def log_answer(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    exercise: str,
    step: str,
    text: str,
    session_id: Optional[str],
    factory: StoreFactory,
) -> Optional[str]:
    """Keep one answer. Returns the session id to use from now on, or raises TextTooLong.

    When the store is down the conversation goes on (the person hears so); a run whose store
    session is gone (their data was deleted meanwhile) continues in a fresh one.
    """
    channel, sender_id = identity(tracker)
    try:
        store = open_store(factory)
        if session_id is None:
            session_id = store.start_session(channel, sender_id, exercise, {"answers": {}}).id
        try:
            result = store.add_reflection(channel, sender_id, exercise, step, text, session_id)
        except SessionNotFound:
            session_id = store.start_session(channel, sender_id, exercise, {"answers": {}}).id
            result = store.add_reflection(channel, sender_id, exercise, step, text, session_id)
    except TextTooLong:
        raise
    except StoreUnavailable:
        logger.exception("Reflection answer could not be stored or spooled")
        dispatcher.utter_message(text=texts.STORE_DOWN_WRITE)
        return session_id
    if result.saved_later:
        dispatcher.utter_message(text=texts.SAVE_DELAYED)
    return session_id


def save(tracker: Tracker, session_id: Optional[str], progress: Dict[str, Any], factory: StoreFactory) -> None:
    """Replace the resumable state of the run (best effort: answers are logged already)."""
    if session_id is None:
        return
    try:
        open_store(factory).save_progress(*identity(tracker), session_id, progress)
    except (StoreUnavailable, SessionNotFound):
        logger.exception("Could not save reflection progress")


def finish(tracker: Tracker, session_id: Optional[str], factory: StoreFactory) -> None:
    if session_id is None:
        return
    try:
        open_store(factory).finish_session(*identity(tracker), session_id, "done")
    except (StoreUnavailable, SessionNotFound):
        logger.exception("Could not close the reflection session")


def done_before(tracker: Tracker, exercise: str, step: str, session_id: Optional[str],
                factory: StoreFactory) -> bool:
    """Whether the person kept `step` of `exercise` in an earlier run."""
    try:
        rows = open_store(factory).all_reflections(*identity(tracker))
    except StoreUnavailable:
        return False
    return any(r.exercise == exercise and r.step == step and r.session_id != session_id for r in rows)


def has_step(tracker: Tracker, session_id: Optional[str], step: str, factory: StoreFactory) -> bool:
    """Whether this run already kept `step` (a closing question asked again after a resume)."""
    if session_id is None:
        return False
    try:
        rows = open_store(factory).all_reflections(*identity(tracker))
    except StoreUnavailable:
        return False
    return any(r.session_id == session_id and r.step == step for r in rows)
