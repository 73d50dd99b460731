"""Continuity: a returning person (same sender id, new session) is greeted as known.

Rasa's SQL tracker store loads only the current session, so what they last worked on and any
unfinished reflection come from the reflection store, for this sender only.

`action_session_start` starts the session as Rasa does, keeping only `after_crisis` from the
last session (so the welcome back asks how they are before offering anything). When the client asked for the new
session itself (`/session_start`, nothing typed yet), the welcome back is said at once.
Otherwise it only sets `welcome_back`, and `action_welcome_back` says it when the person
greets: a first message could be a cry for help, and nothing may come before that answer.
"""
from typing import Any, Dict, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import Events, StoreAction, StoreFactory, identity, intent_name, open_store
from actions.exercises.base import SLOTS
from actions.exercises.form import question_count
from actions.exercises.registry import get
from actions.privacy import SHARE_EXERCISE
from core import texts
from core.names import AFTER_CRISIS_SLOT
from store.render import exercise_label
from store.repository import StoreUnavailable

WELCOME_BACK_SLOT = "welcome_back"
SESSION_START_INTENT = "session_start"


def asked_for_session(tracker: Tracker) -> bool:
    """True when this run answers an explicit `/session_start` (the person typed nothing)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return intent_name(event.get("parse_data")) == SESSION_START_INTENT
        if event.get("event") in ("action", "bot"):
            return False
    return False


def welcome_back(tracker: Tracker, store_factory: StoreFactory) -> Optional[Dict[str, Any]]:
    """The welcome-back message for this sender, or None for a new person (or no store).
    After a crisis message it only asks how they are (and says an open reflection waits)."""
    channel, sender_id = identity(tracker)
    try:
        store = open_store(store_factory)
        last = store.last_activity(channel, sender_id)
        unfinished = store.open_session(channel, sender_id) if last else None
    except StoreUnavailable:
        return None
    if last is None:
        return None
    exercise = get(unfinished.exercise) if unfinished else None
    if tracker.get_slot(AFTER_CRISIS_SLOT):
        parts = [texts.WELCOME_BACK_AFTER_CRISIS] + ([texts.PAUSED_AFTER_CRISIS] if exercise else [])
        return {"text": " ".join(parts), "buttons": []}
    if unfinished is not None and exercise is not None:
        answers = dict((unfinished.progress or {}).get("answers") or {})
        total = question_count(exercise, answers)
        done = len([s for s in SLOTS[:total] if s in answers])
        text = " ".join([texts.WELCOME_BACK, texts.WELCOME_BACK_OPEN.format(
            label=exercise_label(unfinished.exercise), done=done, total=total)])
        buttons = texts.WELCOME_BACK_BUTTONS_OPEN
    else:
        last_line = (texts.WELCOME_BACK_LAST_SHARE if last.exercise == SHARE_EXERCISE
                     else texts.WELCOME_BACK_LAST.format(label=exercise_label(last.exercise)))
        text = " ".join([texts.WELCOME_BACK, last_line, texts.WELCOME_BACK_CHOICE])
        buttons = texts.WELCOME_BACK_BUTTONS
    return {"text": text, "buttons": [{"title": t, "payload": p} for t, p in buttons]}


class ActionSessionStart(StoreAction):
    def name(self) -> Text:
        return "action_session_start"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        events: Events = [SessionStarted()]
        if tracker.get_slot(AFTER_CRISIS_SLOT):
            events.append(SlotSet(AFTER_CRISIS_SLOT, True))
        message = welcome_back(tracker, self.store_factory)
        if message and asked_for_session(tracker):
            dispatcher.utter_message(**message)
            events.append(SlotSet(AFTER_CRISIS_SLOT, None))
        elif message:
            events.append(SlotSet(WELCOME_BACK_SLOT, True))
        events.append(ActionExecuted("action_listen"))
        return events


class ActionWelcomeBack(StoreAction):
    def name(self) -> Text:
        return "action_welcome_back"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        message = welcome_back(tracker, self.store_factory)
        if message:
            dispatcher.utter_message(**message)
        else:
            dispatcher.utter_message(response="utter_welcome")
        return [SlotSet(AFTER_CRISIS_SLOT, None), SlotSet(WELCOME_BACK_SLOT, False)]
