"""The one wrapper every channel puts around Rasa's ``on_new_message`` (REST, widget, Telegram).

Per message, in this order:

1. **Identity.** The channel hands over the raw id it received (REST ``sender``, widget
   session, Telegram chat id) and its own name as ``input_channel``; the tracker gets
   ``<channel>:<raw id>`` (core/identity.py). Rasa answers to ``tracker.sender_id``,
   so the turn's output channel takes the prefix off again: callers, socket.io rooms and
   Telegram only ever see the raw id.
2. **Length.** More than ``MAX_MESSAGE_CHARS`` characters: nothing is processed, the person is
   told kindly (``MESSAGE_TOO_LONG_TEXT``).
3. **Rate limit** per person (channels/rate_limit.py): over it, ``RATE_LIMITED_TEXT``.
4. **Erasure that did not go through.** When the tracker store could not erase a conversation
   (database down), the person hears it at once, and on their next turn that the retried
   erasure succeeded (components/tracker_store.py keeps and retries it).
5. **Kind failure message.** Rasa 3.6 catches an exception while running an action (action
   server down, timeout, error in the action), logs "Encountered an exception while running
   action ...", drops the action's events and carries on, so the person would hear nothing.
   When an action failed or the whole turn failed and no bot message was sent, the person gets
   ``TURN_FAILED_TEXT``; as soon as the action server is back, turns are answered as usual.

The wrapper returns a ``Turn``: whether it was refused (REST turns that into a status code)
and whether the assistant just erased the conversation (the widget then revokes the session).
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from channels.rate_limit import rate_limiter
from core.identity import sender_key
from core.texts import (
    DELETED,
    DELETED_NOTHING_STORED,
    ERASE_DONE_LATE_TEXT,
    ERASE_FAILED_TEXT,
    MESSAGE_TOO_LONG_TEXT,
    RATE_LIMITED_TEXT,
    TURN_FAILED_TEXT,
)

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000
TOO_LONG = "too_long"
RATE_LIMITED = "rate_limited"
# Logged by rasa.core.processor when an action raises; the events of that action are lost.
ACTION_FAILED_LOG = "Encountered an exception while running action"
# The delete action says one of these only after a confirmed, successful deletion; it then
# returns the erase marker (components/tracker_store.py), which never reaches a channel.
ERASED_REPLIES = (DELETED, DELETED_NOTHING_STORED)

# Failures noticed during the current turn (one list per turn, in the turn's asyncio task).
_turn_failures: contextvars.ContextVar[Optional[List[str]]] = contextvars.ContextVar(
    "turn_failures", default=None
)

Handler = Callable[[UserMessage], Awaitable[Any]]


@dataclass(frozen=True)
class Turn:
    """What became of one message."""

    refused: Optional[str] = None  # TOO_LONG or RATE_LIMITED: not processed
    erased: bool = False  # the assistant erased this person's data in this turn


class _ActionFailureHandler(logging.Handler):
    """Notes Rasa's 'action failed' log records in the current turn's failure list."""

    def emit(self, record: logging.LogRecord) -> None:
        failures = _turn_failures.get()
        if failures is not None and str(record.msg).startswith(ACTION_FAILED_LOG):
            failures.append(record.getMessage())


_HANDLER = _ActionFailureHandler(level=logging.ERROR)


def _watch_processor_log() -> None:
    processor_logger = logging.getLogger("rasa.core.processor")
    if _HANDLER not in processor_logger.handlers:
        processor_logger.addHandler(_HANDLER)


class TurnOutput:
    """The channel's output for one turn: sends to the raw id and remembers what was sent.

    A per-turn object, so a channel's shared output (Telegram's bot) is never patched."""

    def __init__(self, output: OutputChannel, raw_id: Text) -> None:
        self.output = output
        self.raw_id = raw_id
        self.texts: List[Text] = []

    def name(self) -> Text:
        return self.output.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.texts.append(message.get("text") or "")
        await self.output.send_response(self.raw_id, message)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.output, attribute)


ERASE_NOTICES = {"erase_failed": ERASE_FAILED_TEXT, "erase_done_late": ERASE_DONE_LATE_TEXT}


def erasure_notice(app: Optional[Any], sender_id: Text) -> Optional[Text]:
    """What to tell the person about an erasure that failed or was retried, if anything."""
    store = getattr(getattr(getattr(app, "ctx", None), "agent", None), "tracker_store", None)
    while store is not None and not hasattr(store, "take_notice"):
        store = getattr(store, "_tracker_store", None)  # Rasa wraps the configured store
    notice = store.take_notice(sender_id) if store is not None else None
    return ERASE_NOTICES.get(notice) if notice else None


def guard_turns(
    on_new_message: Handler, app: Callable[[], Optional[Any]] = lambda: None
) -> Callable[[UserMessage], Awaitable[Turn]]:
    """``on_new_message`` with identity prefix, limits and the kind failure message (see above).

    ``app`` gives the running Sanic app (for the tracker store's erasure notices)."""
    _watch_processor_log()

    async def handle(message: UserMessage) -> Turn:
        raw_id, output = message.sender_id, message.output_channel
        if len(message.text or "") > MAX_MESSAGE_CHARS:
            limit = f"{MAX_MESSAGE_CHARS:,}".replace(",", ".")
            await output.send_text_message(raw_id, MESSAGE_TOO_LONG_TEXT.format(limit=limit))
            return Turn(refused=TOO_LONG)
        sender_id = sender_key(message.input_channel, raw_id)
        if not await rate_limiter().allow_person(sender_id):
            await output.send_text_message(raw_id, RATE_LIMITED_TEXT)
            return Turn(refused=RATE_LIMITED)
        turn_output = TurnOutput(output, raw_id)
        failures: List[str] = []
        token = _turn_failures.set(failures)
        try:
            await on_new_message(UserMessage(
                message.text, turn_output, sender_id, parse_data=message.parse_data,
                input_channel=message.input_channel, message_id=message.message_id,
                metadata=message.metadata,
            ))
        except Exception:
            failures.append("turn failed")
            raise
        finally:
            _turn_failures.reset(token)
            if failures and not turn_output.texts:
                logger.warning("Turn without an answer (%s); sent the kind message", failures[0])
                await output.send_text_message(raw_id, TURN_FAILED_TEXT)
        notice = erasure_notice(app(), sender_id)
        if notice:
            await output.send_text_message(raw_id, notice)
        erased = any(text in ERASED_REPLIES for text in turn_output.texts)
        return Turn(erased=(erased and notice != ERASE_FAILED_TEXT) or notice == ERASE_DONE_LATE_TEXT)

    return handle
