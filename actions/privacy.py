"""Privacy actions: a person reads back, exports or deletes their reflections.

Also the helper other actions call to keep what a person wrote (``log_reflection``).
Identity is always the tracker's sender id, ``<channel>:<raw id>`` as the receiving channel set
it (core/identity.py), never a slot or message.
"""

from __future__ import annotations

import abc
import logging
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from core import texts
from core.identity import split_sender
from core.names import AFTER_CRISIS_SLOT, ERASE_SLOT
from store.render import render_recent, split_message
from store.repository import ReflectionStore, SaveResult, StoreUnavailable, TextTooLong, get_store

logger = logging.getLogger(__name__)

StoreFactory = Callable[[], ReflectionStore]

SHOW_LIMIT = 8  # reflections in the phone-sized overview
MESSAGE_CHARS = 3500  # fits Telegram (4096) and most chat bubbles
MAX_EXPORT_MESSAGES = 6
CONFIRM_INTENT = "affirm"
CONFIRM_QUESTION = "utter_confirm_delete"
SHARE_EXERCISE = "gesprek"


def identity(tracker: Tracker) -> Tuple[str, str]:
    """Who this is, ``(channel, raw id)``, taken from the tracker's prefixed sender id only.

    The person key stays HMAC(channel + raw id), as before sender ids carried the channel."""
    return split_sender(tracker.sender_id, tracker.get_latest_input_channel())


def _limit(limit: int) -> str:
    return f"{limit:,}".replace(",", ".")


def open_store(store_factory: StoreFactory) -> ReflectionStore:
    """The store, or StoreUnavailable when it cannot even be built (keys, URL, disk)."""
    try:
        return store_factory()
    except Exception as exc:  # noqa: BLE001 - any setup failure means: no store now
        logger.exception("Reflection store could not be created")
        raise StoreUnavailable("reflection store could not be created") from exc


def log_reflection(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    exercise: str,
    step: str,
    text: Optional[str] = None,
    session_id: Optional[str] = None,
    store_factory: StoreFactory = get_store,
) -> Optional[SaveResult]:
    """Keep what the person wrote (default: their latest message); tell them about delays.

    Returns the save result, or None when nothing was kept (too long, or no storage at all).
    """
    channel, sender_id = identity(tracker)
    if text is None:
        text = tracker.latest_message.get("text") or ""
    try:
        store = open_store(store_factory)
        result = store.add_reflection(channel, sender_id, exercise, step, text, session_id)
    except TextTooLong as exc:
        dispatcher.utter_message(text=texts.TEXT_TOO_LONG.format(limit=_limit(exc.limit)))
        return None
    except StoreUnavailable:
        logger.exception("Reflection could not be stored or spooled")
        dispatcher.utter_message(text=texts.STORE_DOWN_WRITE)
        return None
    if result.saved_later:
        dispatcher.utter_message(text=texts.SAVE_DELAYED)
    return result


def log_share(
    dispatcher: CollectingDispatcher, tracker: Tracker, store_factory: StoreFactory = get_store
) -> None:
    """Keep the person's latest message as something they shared (not empty, not a button)."""
    text = tracker.latest_message.get("text") or ""
    if text.strip() and not text.startswith("/"):
        step = (tracker.latest_message.get("intent") or {}).get("name") or "gedeeld"
        log_reflection(dispatcher, tracker, SHARE_EXERCISE, step, text, None, store_factory)


class StoreAction(Action, abc.ABC):
    """Base of the actions that use the reflection store (injectable for tests)."""

    def __init__(self, store_factory: StoreFactory = get_store) -> None:
        self.store_factory = store_factory

    @abc.abstractmethod
    def name(self) -> Text:
        """The action's name in the domain."""


class ActionShowReflections(StoreAction):
    """The person's recent reflections, newest first, grouped by exercise."""

    def name(self) -> Text:
        return "action_show_reflections"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        try:
            recent = open_store(self.store_factory).recent(*identity(tracker), limit=SHOW_LIMIT + 1)
        except StoreUnavailable:
            dispatcher.utter_message(text=texts.STORE_DOWN_READ)
            return []
        if not recent:
            dispatcher.utter_message(text=texts.REFLECTIONS_NONE)
        else:
            dispatcher.utter_message(
                text=render_recent(recent[:SHOW_LIMIT], has_more=len(recent) > SHOW_LIMIT)
            )
        return []


class ActionExportReflections(StoreAction):
    """All reflections as Markdown in the chat, split into a few messages."""

    def name(self) -> Text:
        return "action_export_reflections"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        try:
            store = open_store(self.store_factory)
            if not store.recent(*identity(tracker), limit=1):
                dispatcher.utter_message(text=texts.REFLECTIONS_NONE)
                return []
            document = store.export_markdown(*identity(tracker))
        except StoreUnavailable:
            dispatcher.utter_message(text=texts.STORE_DOWN_READ)
            return []
        chunks = [c.strip() for c in split_message(document, MESSAGE_CHARS) if c.strip()]
        dispatcher.utter_message(text=texts.EXPORT_CHAT_INTRO)
        if len(chunks) > MAX_EXPORT_MESSAGES:
            chunks = chunks[: MAX_EXPORT_MESSAGES - 1] + [texts.EXPORT_CHAT_TRUNCATED]
        for chunk in chunks:
            dispatcher.utter_message(text=chunk)
        return []


def _confirmed(tracker: Tracker) -> bool:
    """True when the person just said yes to the question whether to delete everything."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent != CONFIRM_INTENT:
        return False
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name") == CONFIRM_QUESTION
    return False


class ActionDeleteMyData(StoreAction):
    """After confirmation: deletes the reflections and asks the tracker store to erase."""

    def name(self) -> Text:
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if not _confirmed(tracker):
            dispatcher.utter_message(response=CONFIRM_QUESTION)
            return []
        try:
            counts = open_store(self.store_factory).delete_person(*identity(tracker))
        except StoreUnavailable:
            dispatcher.utter_message(text=texts.STORE_DOWN_DELETE)
            return []
        done = texts.DELETED if counts["reflections"] or counts["sessions"] else texts.DELETED_NOTHING_STORED
        dispatcher.utter_message(text=done)
        return [SlotSet(ERASE_SLOT, True), SlotSet(AFTER_CRISIS_SLOT, None)]
