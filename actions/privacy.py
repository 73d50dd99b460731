"""Privacy actions: a person reads back, exports or deletes their reflections.

Also the helper other actions call to keep what a person wrote (``log_reflection``).
Identity is always the tracker's sender id, ``<channel>:<raw id>`` as the receiving channel set
it (core/identity.py), never a slot or message.
"""

from __future__ import annotations

import logging
from typing import Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import Events, StoreAction, StoreFactory, identity, intent_name, open_store
from actions.noticing.analysis import forget_analyses
from core import texts
from core.names import AFTER_CRISIS_SLOT, ERASE_SLOT
from store.render import render_recent, split_message
from store.repository import SaveResult, StoreUnavailable, TextTooLong, get_store

logger = logging.getLogger(__name__)

SHOW_LIMIT = 8  # reflections in the phone-sized overview
MESSAGE_CHARS = 3500  # fits Telegram (4096) and most chat bubbles
MAX_EXPORT_MESSAGES = 6
CONFIRM_INTENT = "affirm"
CONFIRM_QUESTION = "utter_confirm_delete"
SHARE_EXERCISE = "gesprek"


def _limit(limit: int) -> str:
    return f"{limit:,}".replace(",", ".")


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
        step = intent_name(tracker.latest_message) or "gedeeld"
        log_reflection(dispatcher, tracker, SHARE_EXERCISE, step, text, None, store_factory)


class ActionShowReflections(StoreAction):
    """The person's recent reflections, newest first, grouped by exercise."""

    store_down = texts.STORE_DOWN_READ

    def name(self) -> Text:
        return "action_show_reflections"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        recent = self.store().recent(*identity(tracker), limit=SHOW_LIMIT + 1)
        if not recent:
            dispatcher.utter_message(text=texts.REFLECTIONS_NONE)
        else:
            dispatcher.utter_message(
                text=render_recent(recent[:SHOW_LIMIT], has_more=len(recent) > SHOW_LIMIT)
            )
        return []


class ActionExportReflections(StoreAction):
    """All reflections as Markdown in the chat, split into a few messages."""

    store_down = texts.STORE_DOWN_READ

    def name(self) -> Text:
        return "action_export_reflections"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        store = self.store()
        if not store.recent(*identity(tracker), limit=1):
            dispatcher.utter_message(text=texts.REFLECTIONS_NONE)
            return []
        document = store.export_markdown(*identity(tracker))
        chunks = [c.strip() for c in split_message(document, MESSAGE_CHARS) if c.strip()]
        dispatcher.utter_message(text=texts.EXPORT_CHAT_INTRO)
        if len(chunks) > MAX_EXPORT_MESSAGES:
            chunks = chunks[: MAX_EXPORT_MESSAGES - 1] + [texts.EXPORT_CHAT_TRUNCATED]
        for chunk in chunks:
            dispatcher.utter_message(text=chunk)
        return []


def _confirmed(tracker: Tracker) -> bool:
    """True when the person just said yes to the question whether to delete everything."""
    if intent_name(tracker.latest_message) != CONFIRM_INTENT:
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

    store_down = texts.STORE_DOWN_DELETE

    def name(self) -> Text:
        return "action_delete_my_data"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        if not _confirmed(tracker):
            dispatcher.utter_message(response=CONFIRM_QUESTION)
            return []
        counts = self.store().delete_person(*identity(tracker))
        forget_analyses()  # the noticing engine keeps no notices of their texts either
        done = texts.DELETED if counts["reflections"] or counts["sessions"] else texts.DELETED_NOTHING_STORED
        dispatcher.utter_message(text=done)
        return [SlotSet(ERASE_SLOT, True), SlotSet(AFTER_CRISIS_SLOT, None)]
