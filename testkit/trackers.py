"""rasa_sdk `Tracker`s for action tests, and running an action on one.

`make_tracker()` builds what the action server receives from Rasa: the conversation so far
(``before``, made of `user`, `bot`, `action` and `slot` events), then ``action_listen`` and
the person's latest message. `run_action()` runs an action on it the way the action server
does and returns what it said and the events it returned.
"""
import asyncio
from typing import Any, Dict, Iterable, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

Event = Dict[str, Any]
SENDER = "persoon-1"
CHANNEL = "rest"
INTENT = "share_experience"


def user(text: str, intent: str = INTENT, channel: Optional[str] = CHANNEL,
         entities: Optional[List[Dict[str, Any]]] = None) -> Event:
    """A message of the person, as NLU understood it (``channel=None``: no input channel)."""
    parse_data = {"intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    event: Event = {"event": "user", "text": text, "parse_data": parse_data}
    if channel is not None:
        event["input_channel"] = channel
    return event


def bot(text: str) -> Event:
    """Something the assistant said."""
    return {"event": "bot", "text": text}


def action(name: str) -> Event:
    """An action the assistant ran."""
    return {"event": "action", "name": name}


def slot(name: str, value: Any) -> Event:
    """A slot set to ``value``."""
    return {"event": "slot", "name": name, "value": value}


def make_tracker(*, text: str = "", intent: str = INTENT, sender: str = SENDER,
                 channel: Optional[str] = CHANNEL, slots: Optional[Dict[str, Any]] = None,
                 entities: Optional[List[Dict[str, Any]]] = None, before: Iterable[Event] = (),
                 active_loop: Optional[str] = None) -> Tracker:
    """The tracker of conversation ``sender`` whose latest message is ``text`` with ``intent``
    (and ``entities``), sent over ``channel``, after the events ``before``.

    ``slots`` are the current slot values (only these: `Tracker.get_slot` gives None for any
    other); ``active_loop`` is the name of the active form, if any."""
    latest = user(text, intent, channel, entities)
    events = [*before, action("action_listen"), latest]
    return Tracker(sender, dict(slots or {}), {"text": text, **latest["parse_data"]}, events,
                   False, None, {"name": active_loop} if active_loop else {}, "action_listen")


def run_action(action: Action, tracker: Tracker,
               domain: Optional[Dict[str, Any]] = None) -> Tuple[List[Dict[str, Any]], List[Event]]:
    """Runs ``action`` on ``tracker`` (and ``domain``, default empty) as the action server does.

    Returns (the messages it sent, as dicts with "text", "response", "buttons", ...; the events
    it returned)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain or {}))
    return dispatcher.messages, events


def said(messages: List[Dict[str, Any]]) -> List[Optional[str]]:
    """What each message says: its text, or the name of the response it asks Rasa to utter."""
    return [m.get("text") or m.get("response") for m in messages]


def slot_values(events: List[Event]) -> Dict[str, Any]:
    """The slots the events set, by name (a later value wins)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
