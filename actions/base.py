"""What the actions share: who the person is, the intent of a message, and the base of the
actions that use the reflection store."""
import abc
import logging
from typing import Any, Callable, Dict, List, Mapping, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from core.identity import split_sender
from store.repository import ReflectionStore, StoreUnavailable, get_store

logger = logging.getLogger(__name__)

StoreFactory = Callable[[], ReflectionStore]
Events = List[Dict[Text, Any]]


def identity(tracker: Tracker) -> Tuple[str, str]:
    """Who this is, ``(channel, raw id)``, taken from the tracker's prefixed sender id only.

    The person key stays HMAC(channel + raw id), as before sender ids carried the channel."""
    return split_sender(tracker.sender_id, tracker.get_latest_input_channel())


def intent_name(message: Optional[Mapping[str, Any]]) -> Optional[str]:
    """The intent of a parsed message: `tracker.latest_message` or a user event's `parse_data`."""
    return ((message or {}).get("intent") or {}).get("name")


def open_store(store_factory: StoreFactory) -> ReflectionStore:
    """The store, or StoreUnavailable when it cannot even be built (keys, URL, disk)."""
    try:
        return store_factory()
    except Exception as exc:  # noqa: BLE001 - any setup failure means: no store now
        logger.exception("Reflection store could not be created")
        raise StoreUnavailable("reflection store could not be created") from exc


class StoreAction(Action, abc.ABC):
    """An action that uses the reflection store (the factory is injectable for tests).

    `act` does the work. When the store is unavailable there, the person hears `store_down`
    (nothing when None) and the action returns no events."""

    store_down: Optional[str] = None

    def __init__(self, store_factory: StoreFactory = get_store) -> None:
        self.store_factory = store_factory

    def store(self) -> ReflectionStore:
        """The store, or StoreUnavailable."""
        return open_store(self.store_factory)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        try:
            return await self.act(dispatcher, tracker, domain)
        except StoreUnavailable:
            if self.store_down:
                dispatcher.utter_message(text=self.store_down)
            return []

    @abc.abstractmethod
    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """What the action does; may raise StoreUnavailable."""
