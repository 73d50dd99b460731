"""REST channel that never leaves a person in silence when something behind it fails.

Rasa 3.6 catches an exception while running an action (action server down, timeout,
error in the action), logs "Encountered an exception while running action ...", drops
the action's events and carries on: over REST the answer is HTTP 200 with ``[]``, so the
person hears nothing. When the whole turn fails (tracker store down, ...) the answer is
also ``[]``. This channel keeps Rasa's REST channel (same URL ``/webhooks/rest/webhook``,
same channel name ``rest``, streaming too) and adds one kind Dutch message
(``actions.texts.TURN_FAILED_TEXT``; channels/webchat.py does the same) to a turn in
which an action failed or the turn itself failed and no bot message was sent. As soon as
the action server is back, turns are answered as usual again.

credentials.yml::

    channels.rest.RestInput:
"""

from __future__ import annotations

import contextvars
import logging
from typing import Any, Awaitable, Callable, List, Optional

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint

from actions.texts import TURN_FAILED_TEXT

logger = logging.getLogger(__name__)


# Logged by rasa.core.processor when an action raises; the events of that action are lost.
ACTION_FAILED_LOG = "Encountered an exception while running action"

# Failures noticed during the current turn (one list per turn, in the turn's asyncio task).
_turn_failures: contextvars.ContextVar[Optional[List[str]]] = contextvars.ContextVar(
    "turn_failures", default=None
)


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


def _count_responses(output: OutputChannel) -> List[int]:
    """Counts the bot messages sent through ``output`` (same object, so Rasa's type checks hold)."""
    sent = [0]
    send_response = output.send_response

    async def counted(*args: Any, **kwargs: Any) -> None:
        sent[0] += 1
        await send_response(*args, **kwargs)

    output.send_response = counted  # type: ignore[method-assign]
    return sent


def with_kind_failure_message(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
) -> Callable[[UserMessage], Awaitable[Any]]:
    """``on_new_message`` that adds ``TURN_FAILED_TEXT`` to a failed, silent turn."""
    _watch_processor_log()

    async def handle(message: UserMessage) -> Any:
        failures: List[str] = []
        token = _turn_failures.set(failures)
        output = message.output_channel
        sent = _count_responses(output)
        try:
            return await on_new_message(message)
        except Exception:
            failures.append("turn failed")
            raise
        finally:
            _turn_failures.reset(token)
            del output.send_response  # back to the class's method
            if failures and sent[0] == 0:
                logger.warning("Turn without an answer (%s); sent the kind message", failures[0])
                await output.send_text_message(message.sender_id, TURN_FAILED_TEXT)

    return handle


class RestInput(RasaRestInput):
    """Rasa's REST channel plus a kind message when a turn fails (see the module docstring)."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        return super().blueprint(with_kind_failure_message(on_new_message))
