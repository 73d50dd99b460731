"""What the actions share: who the person is, the intent of a message, the base of the
actions that use the reflection store, and running actions off the server's event loop."""
import abc
import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text, Tuple

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


# --- actions off the action server's event loop ------------------------------------------

ACTION_THREADS = 8  # actions running at once; the store's pool has 5 (+10) connections
_threads = threading.local()
_pool: Optional[ThreadPoolExecutor] = None


def _run_in_this_thread(coroutine: Awaitable[Any]) -> Any:
    """Runs ``coroutine`` to the end on this worker thread's own event loop."""
    loop = getattr(_threads, "loop", None)
    if loop is None:
        loop = _threads.loop = asyncio.new_event_loop()
    return loop.run_until_complete(coroutine)


async def off_the_loop(coroutine: Awaitable[Any]) -> Any:
    """Awaits ``coroutine`` on a worker thread, so that its blocking database calls (the
    reflection store is synchronous) never stall the server's event loop, which keeps
    answering other requests meanwhile."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(ACTION_THREADS, thread_name_prefix="action")
    return await asyncio.get_running_loop().run_in_executor(_pool, _run_in_this_thread, coroutine)


def run_actions_off_the_loop() -> None:
    """Makes rasa_sdk's executor run every action (and the tracker it builds from the
    request) on a worker thread (idempotent; the action server calls it at start)."""
    from rasa_sdk.executor import ActionExecutor

    from actions.language import get_nlp

    get_nlp()  # loaded now, so that two worker threads never load the pipeline twice
    run = ActionExecutor.run
    if getattr(run, "off_the_loop", False):
        return

    async def run_off_the_loop(self: ActionExecutor, action_call: Any) -> Any:
        return await off_the_loop(run(self, action_call))

    run_off_the_loop.off_the_loop = True  # type: ignore[attr-defined]
    ActionExecutor.run = run_off_the_loop
