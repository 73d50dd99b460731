"""Rasa actions for noticing: `action_notice` (a shared experience or unhandled free text),
`action_respond_advice_request` (asked for advice: an honest no, and a reflective question),
and the shape of a conversation: `action_greet` (the welcome, or a short greeting halfway) and
`action_thank` (thanks, or a goodbye when the thanks says goodbye)."""
import re
from functools import partial
from typing import Callable, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import Events, StoreAction, StoreFactory, identity, intent_name, open_store
from actions.noticing import (
    EVENT,
    FEELING,
    SELF_BLAME,
    advice_reply,
    analyse,
    compose,
    seed_for,
    summary_reply,
)
from actions.privacy import log_share
from core import texts
from core.names import AFTER_CRISIS_SLOT
from store.repository import StoreUnavailable, get_store

#: Earlier reflections of the person in this tracker (identity from the tracker only).
EarlierReflections = Callable[[Tracker], List[str]]
MAX_HISTORY = 10  # earlier user messages looked at
MAX_REFLECTIONS = 20  # earlier stored reflections looked at
SUMMARY_EVERY = 3  # every third sharing turn: a short summary instead of a question
#: a goodbye inside a greeting or a thanks ("bedankt, tot ziens", "merci hé, salu", "Dag hoor.")
GOODBYE = re.compile(
    r"\b(?:doei\w*|dag|daag|dagdag|tot (?:ziens|later|morgen|straks|de volgende|nog eens|een volgende keer)|"
    r"salu|salukes|slaapwel|welterusten|goeienacht|goede nacht|fijne (?:dag|avond|nacht)|bye|byebye|ciao|"
    r"ik ga (?:nu )?slapen|ik moet (?:nu )?gaan)\b")
#: a message that ends with a goodbye ("dank je, ik ga mijn zus bellen. doei")
ENDS_WITH_GOODBYE = re.compile(r"(?:^|[\s,.!])(?:doei\w*|dag|daag|tot (?:ziens|later|morgen|straks|de volgende)|"
                               r"salu|slaapwel|welterusten|bye|ciao)"
                               r"(?:\s+(?:misschien|dan|hoor|h[eé]|weer))?[\s!.🙂😊👋]*$")  # "tot morgen misschien"
#: "de hele dag", "elke dag": a day, not a goodbye
NOT_A_GOODBYE_DAY = re.compile(r"\b(?:de|hele|heel|elke|iedere|die|een|per|deze|welke|zelfde|lange|volgende|vorige|"
                               r"halve|hele)\s+dag[\s!.]*$")
SAD = (EVENT, FEELING, SELF_BLAME)


def _ends_with_goodbye(text: str) -> bool:
    low = text.lower().strip()
    return bool(ENDS_WITH_GOODBYE.search(low)) and not NOT_A_GOODBYE_DAY.search(low)


def stored_reflections(tracker: Tracker, store_factory: StoreFactory) -> List[str]:
    """The person's recent reflections from the store, oldest first; none when it is down."""
    try:
        views = open_store(store_factory).recent(*identity(tracker), limit=MAX_REFLECTIONS)
    except StoreUnavailable:
        return []
    return [v.text for v in reversed(views)]


def _session_events(tracker: Tracker) -> List[dict]:
    """The events of the current session (after the latest session start)."""
    events = tracker.events
    for index in range(len(events) - 1, -1, -1):  # from the end: stops at the latest start
        if events[index].get("event") == "session_started":
            return events[index + 1:]
    return list(events)


def _earlier_user_messages(tracker: Tracker) -> int:
    """How many user messages this session had before the latest one."""
    return max(0, sum(1 for e in _session_events(tracker) if e.get("event") == "user") - 1)


def _sharing_texts(tracker: Tracker) -> List[str]:
    """This session's user messages that `action_notice` answered, oldest first."""
    shared, last_user = [], None
    for e in _session_events(tracker):
        if e.get("event") == "user":
            last_user = e.get("text") or ""
        elif e.get("event") == "action" and e.get("name") == "action_notice" and last_user:
            shared.append(last_user)
            last_user = None
    return shared


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
        if _ends_with_goodbye(text):  # a goodbye is answered as a goodbye
            dispatcher.utter_message(response="utter_goodbye")
            return []
        earlier = list(self.earlier_reflections(tracker)) + user_texts(tracker)
        previous = bot_texts(tracker)
        analysis = analyse(text, earlier)
        reply = compose(analysis, previous, seed_for(text))
        answer = reply.text
        shared = _sharing_texts(tracker)
        if reply.notice is not None and (len(shared) + 1) % SUMMARY_EVERY == 0:
            summary = summary_reply(reply, [analyse(t) for t in shared[-4:]], len(shared))
            if summary and summary not in previous:
                answer = summary
        dispatcher.utter_message(text=answer)
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
        message: str = tracker.latest_message.get("text") or ""
        latest = analyse(message)
        before = user_texts(tracker)[-1:]
        sad = any(n.kind in SAD for n in latest.notices) or \
            any(n.kind in SAD for t in before for n in analyse(t).notices)
        dispatcher.utter_message(text=advice_reply(latest.best, turn, bot_texts(tracker), acknowledge=sad,
                                                    own_words=message))
        return []


#: "Dag!" says hello and goodbye (Dutch and Flemish): as the first message of a conversation, a hello.
OPENING_DAG = re.compile(r"^\W*(?:dag|daag|dag dag|dagdag|goeiedag|goeiendag|goededag|goedendag)\W*$")


class ActionGreet(Action):
    """The welcome at the start; halfway a conversation a short greeting (or a goodbye: "dag hoor").
    The rules also send a goodbye that opens a conversation here: only a bare "dag" is a hello."""

    def name(self) -> Text:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        text = (tracker.latest_message.get("text") or "").lower()
        if not _earlier_user_messages(tracker) and intent_name(tracker.latest_message) == "goodbye" and not OPENING_DAG.match(text):
            dispatcher.utter_message(response="utter_goodbye")
        elif not _earlier_user_messages(tracker):
            dispatcher.utter_message(response="utter_welcome")
        elif GOODBYE.search((tracker.latest_message.get("text") or "").lower()) and \
                not (tracker.latest_message.get("text") or "").lower().startswith(("goedemiddag", "goeiedag")):
            dispatcher.utter_message(response="utter_goodbye")
        else:
            dispatcher.utter_message(response="utter_greet_again")
        return []


class ActionThank(Action):
    """Thanks get a warm "graag gedaan"; thanks with a goodbye in it ("bedankt, tot ziens") a goodbye."""

    def name(self) -> Text:
        return "action_thank"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        text = (tracker.latest_message.get("text") or "").lower()
        dispatcher.utter_message(response="utter_goodbye" if GOODBYE.search(text) else "utter_thank")
        return []
