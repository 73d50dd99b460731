"""Rasa actions for noticing: `action_notice` (a shared experience or unhandled free text) and
`action_respond_advice_request` (asked for advice: an honest no, and a reflective question)."""
from functools import partial
from typing import Callable, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import Events, StoreAction, StoreFactory, identity, open_store
from actions.noticing import advice_reply, analyse, respond
from actions.privacy import log_share
from core import texts
from core.names import AFTER_CRISIS_SLOT
from store.repository import StoreUnavailable, get_store

#: Earlier reflections of the person in this tracker (identity from the tracker only).
EarlierReflections = Callable[[Tracker], List[str]]
MAX_HISTORY = 10  # earlier user messages looked at
MAX_REFLECTIONS = 20  # earlier stored reflections looked at


def stored_reflections(tracker: Tracker, store_factory: StoreFactory) -> List[str]:
    """The person's recent reflections from the store, oldest first; none when it is down."""
    try:
        views = open_store(store_factory).recent(*identity(tracker), limit=MAX_REFLECTIONS)
    except StoreUnavailable:
        return []
    return [v.text for v in reversed(views)]


def user_texts(tracker: Tracker) -> List[str]:
    """User messages of this conversation before the latest one, oldest first."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return [t for t in texts[:-1] if t.strip()][-MAX_HISTORY:] if texts else []


def bot_texts(tracker: Tracker) -> List[str]:
    return [e.get("text") for e in tracker.events if e.get("event") == "bot" and e.get("text")]


def _times_run(tracker: Tracker, name: str) -> int:
    return sum(1 for e in tracker.events if e.get("event") == "action" and e.get("name") == name)


class ActionNotice(StoreAction):
    """Tells the person what it noticed in their message and invites them to say more."""

    def __init__(self, store_factory: StoreFactory = get_store,
                 earlier_reflections: Optional[EarlierReflections] = None) -> None:
        super().__init__(store_factory)
        self.earlier_reflections = earlier_reflections or partial(stored_reflections, store_factory=store_factory)

    def name(self) -> Text:
        return "action_notice"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        text = tracker.latest_message.get("text") or ""
        earlier = list(self.earlier_reflections(tracker)) + user_texts(tracker)
        reply = respond(text, earlier, bot_texts(tracker))
        dispatcher.utter_message(text=reply.text)
        log_share(dispatcher, tracker, self.store_factory)
        return []


class ActionRespondAdviceRequest(Action):
    """Says honestly that it gives no advice, and asks a question tied to what they shared."""

    def name(self) -> Text:
        return "action_respond_advice_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        turn = _times_run(tracker, self.name())
        if tracker.get_slot(AFTER_CRISIS_SLOT):  # after a crisis message: the lines, not a refusal
            said = bot_texts(tracker)[-1:]
            options = [texts.AFTER_CRISIS_ADVICE[(turn + k) % len(texts.AFTER_CRISIS_ADVICE)]
                       for k in range(len(texts.AFTER_CRISIS_ADVICE))]
            dispatcher.utter_message(text=next(o for o in options if o not in said))
            return []
        anchor = None
        for text in [tracker.latest_message.get("text") or ""] + user_texts(tracker)[::-1]:
            anchor = analyse(text).best
            if anchor is not None:
                break
        dispatcher.utter_message(text=advice_reply(anchor, turn, bot_texts(tracker)))
        return []
