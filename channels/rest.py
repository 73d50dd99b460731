"""REST channel for scripts and integrations: ``POST /webhooks/rest/webhook``.

``{"sender": "<id>", "message": "<text>"}`` -> the bot's messages as JSON (``?stream=true``:
one JSON message per line as they come). The same URL and channel name as Rasa's REST
channel, with what a public endpoint needs:

- identity from this channel only: the conversation is ``rest:<sender>``; an
  ``input_channel`` in the body is ignored, so a caller cannot speak as a Telegram or widget
  person. The sender id is whatever the caller sends: this channel trusts its caller, so it
  belongs behind the integrator's own authentication, or on loopback (README "REST");
- no ``sender`` (or not a non-empty string) -> 400, never pooled under one shared id;
  ``message`` longer than 4,000 characters -> 413; bodies over 64 KB -> 413 unread;
- the shared turn wrapper (channels/turns.py): kind message on a failed turn, per-person
  rate limit; here also a per-address limit (``RATE_LIMIT_PER_IP_PER_MINUTE``). Over a limit
  the answer is 429 with the kind message in the usual JSON list.

credentials.yml::

    channels.rest.RestInput:
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel
from rasa.utils.endpoints import bool_arg
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.rate_limit import rate_limiter
from channels.turns import MAX_MESSAGE_CHARS, RATE_LIMITED, TOO_LONG, Turn, guard_turns
from core.texts import RATE_LIMITED_TEXT

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
STATUS = {TOO_LONG: 413, RATE_LIMITED: 429}


def _error(status: int, error: Text) -> HTTPResponse:
    return response.json({"error": error}, status=status)


async def _read_body(request: Request) -> Optional[bytes]:
    """The body, or None when it is larger than MAX_BODY_BYTES (read no further)."""
    if int(request.headers.get("content-length") or 0) > MAX_BODY_BYTES:
        return None
    body = bytearray()
    while True:
        chunk = await request.stream.read()
        if chunk is None:
            return bytes(body)
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            return None


class RestInput(InputChannel):
    """REST channel; see the module docstring."""

    app: Optional[Sanic] = None

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guard_turns(on_new_message, lambda: self.app)
        rest = Blueprint("custom_webhook_RestInput", __name__)

        @rest.listener("before_server_start")
        async def remember_app(app: Sanic, _: Any) -> None:
            self.app = app

        @rest.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            body = await _read_body(request)
            if body is None:
                return _error(413, f"body larger than {MAX_BODY_BYTES} bytes")
            try:
                payload = json.loads(body or b"null")
            except ValueError:
                return _error(400, "body must be JSON")
            if not isinstance(payload, dict):
                return _error(400, "body must be a JSON object")
            sender, text = payload.get("sender"), payload.get("message")
            if not isinstance(sender, str) or not sender.strip():
                return _error(400, "sender must be a non-empty string")
            if not isinstance(text, str):
                return _error(400, "message must be a string")
            if len(text) > MAX_MESSAGE_CHARS:
                return _error(413, f"message longer than {MAX_MESSAGE_CHARS} characters")
            if not await rate_limiter().allow_address(request.remote_addr or request.ip):
                return response.json([{"recipient_id": sender, "text": RATE_LIMITED_TEXT}], status=429)
            if bool_arg(request, "stream", default=False):
                return response.stream(self._streamer(handle, text, sender),
                                       content_type="text/event-stream")
            collector = CollectingOutputChannel()
            turn = await self._turn(handle, UserMessage(text, collector, sender, input_channel=self.name()))
            return response.json(collector.messages, status=STATUS.get(turn.refused, 200))

        return rest

    @staticmethod
    async def _turn(handle: Callable[[UserMessage], Awaitable[Turn]], message: UserMessage) -> Turn:
        try:
            return await handle(message)
        except asyncio.CancelledError:
            logger.error("REST turn timed out")
        except Exception:  # the kind message is already in the answer
            logger.exception("REST turn failed")
        return Turn()

    def _streamer(self, handle: Callable[[UserMessage], Awaitable[Turn]], text: Text,
                  sender: Text) -> Callable[[Any], Awaitable[None]]:
        """Writes each bot message as one JSON line as soon as it is sent."""

        async def stream(answer: Any) -> None:
            queue: asyncio.Queue = asyncio.Queue()

            async def run() -> None:
                await self._turn(handle, UserMessage(text, QueueOutputChannel(queue), sender,
                                                     input_channel=self.name()))
                await queue.put(None)

            task = asyncio.ensure_future(run())
            while (message := await queue.get()) is not None:
                await answer.write(json.dumps(message) + "\n")
            await task

        return stream
