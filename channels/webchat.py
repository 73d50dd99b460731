"""Website widget channel: Rasa's socket.io channel plus the widget's own routes.

One `rasa run` process serves everything on its port:

- `/socket.io`        the socket.io endpoint the widget talks to;
- `/widget/widget.js` the bundled widget (built by `npm ci && npm run build` in widget/);
- `/widget/`          a demo page that embeds it with one script tag.

Compared with Rasa 3.6's `SocketIOInput` this channel

- always keeps one conversation per browser: the session id is issued and signed by the
  server (channels/sessions.py), kept by the browser and bound to the socket, so a socket only
  ever speaks as the session it was confirmed for; a made-up, altered or revoked id gets a new
  session. The conversation is `webchat:<session id>` (channels/turns.py);
- after "wis mijn gegevens" the session id is revoked for good and the sockets of that session
  are moved to a new one (`session_renewed`), so the old id no longer opens anything;
- awaits joining the session room (Rasa 3.6 does not await python-socketio 5's
  coroutine, so persistent sessions would never receive the bot's messages);
- answers `history_request` with the conversation so far, read from the tracker
  store, so a page reload shows it again without keeping it in the browser;
- runs every message through the channels' shared wrapper (channels/turns.py): at most
  4,000 characters, rate limit, a kind message when a turn fails; the socket's `metadata`
  is dropped, never stored.

It also serves `/widget/demo-page.js`, which plays facilitator demos (`/widget/?demo=<id>`).
"""

import asyncio
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.core.events import BotUttered, Event, Restarted, UserUttered
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import sessions
from channels.turns import Turn, guard_turns
from core.identity import sender_key

logger = logging.getLogger(__name__)

DEFAULT_WIDGET_DIR = Path(__file__).resolve().parent.parent / "widget"
HISTORY_LIMIT = 200

# The demo page loads only same-origin scripts; the widget itself needs a socket.
DEMO_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self' ws: wss:; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


class WidgetBlueprint(Blueprint):
    """Blueprint that keeps its own URL prefix when Rasa mounts it under /webhooks."""

    def register(self, app: Sanic, options: Dict[Text, Any]) -> None:
        super().register(app, {**options, "url_prefix": self.url_prefix})


def transcript(events: Iterable[Event], limit: int = HISTORY_LIMIT) -> List[Dict]:
    """Turns tracker events into the messages the widget shows, oldest first.

    Mirrors what the output channel sent: bot texts are split on blank lines and
    buttons hang on the last part. A button press shows the button's title, other
    `/intent` payloads (sent by the widget itself) are left out. Starts after the
    last restart.
    """
    messages: List[Dict[Text, Any]] = []
    titles: Dict[Text, Text] = {}
    for event in events:
        if isinstance(event, Restarted):
            messages, titles = [], {}
        elif isinstance(event, UserUttered):
            text = event.text or ""
            if text in titles:
                messages.append({"sender": "user", "text": titles[text]})
            elif text and not text.startswith(INTENT_MESSAGE_PREFIX):
                messages.append({"sender": "user", "text": text})
            titles = {}
        elif isinstance(event, BotUttered) and event.text:
            buttons = [
                {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                for b in (event.data or {}).get("buttons") or []
            ]
            parts = event.text.strip().split("\n\n")
            messages.extend({"sender": "bot", "text": part} for part in parts)
            if buttons:
                messages[-1]["buttons"] = buttons
            titles = {b["payload"]: b["title"] for b in buttons}
    return messages[-limit:]


class WebchatInput(SocketIOInput):
    """Socket.io channel for the website widget; also serves the widget files."""

    @classmethod
    def name(cls) -> Text:
        return "webchat"

    @classmethod
    def from_credentials(
        cls, credentials: Optional[Dict[Text, Any]]
    ) -> "WebchatInput":
        credentials = credentials or {}
        if credentials.get("session_persistence") is False:
            logger.warning("webchat always keeps sessions; session_persistence ignored")
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            namespace=credentials.get("namespace"),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
            jwt_key=credentials.get("jwt_key"),
            jwt_method=credentials.get("jwt_method", "HS256"),
            metadata_key=credentials.get("metadata_key", "metadata"),
            widget_dir=credentials.get("widget_dir") or DEFAULT_WIDGET_DIR,
        )

    def __init__(
        self, *args: Any, widget_dir: Path = DEFAULT_WIDGET_DIR, **kwargs: Any
    ) -> None:
        kwargs["session_persistence"] = True
        super().__init__(*args, **kwargs)
        self.widget_dir = Path(widget_dir)
        self.app: Optional[Sanic] = None

    def blueprint(  # type: ignore[override]
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> List[Blueprint]:
        """Socket.io blueprint (with our session handlers) and the widget routes."""
        socket_blueprint = super().blueprint(on_new_message)
        self._register_socket_handlers(guard_turns(on_new_message, lambda: self.app))
        return [socket_blueprint, self._widget_blueprint()]

    def _register_socket_handlers(
        self, handle: Callable[[UserMessage], Awaitable[Turn]]
    ) -> None:
        """Replaces the parent's session and message handlers, adds history."""
        sio, namespace = self.sio, self.namespace
        assert sio is not None

        async def bound_session(sid: Text) -> Optional[Text]:
            return (await sio.get_session(sid, namespace=namespace)).get("session_id")

        async def bind(sid: Text, session_id: Text) -> None:
            previous = await bound_session(sid)
            if previous and previous != session_id:
                await sio.leave_room(sid, previous, namespace=namespace)
            await sio.save_session(sid, {"session_id": session_id}, namespace=namespace)
            await sio.enter_room(sid, session_id, namespace=namespace)

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Any = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            if await sessions.valid_kind(requested):
                session_id = requested
            else:
                session_id = sessions.issue(sessions.WEBCHAT)
            await bind(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        async def renew(session_id: Text) -> None:
            """Revokes an erased session; its sockets here go on in a fresh one."""
            await sessions.revoke(session_id)
            fresh = sessions.issue(sessions.signed_kind(session_id) or sessions.WEBCHAT)
            room = list(sio.manager.get_participants(namespace or "/", session_id))
            for sid, _ in room:
                await bind(sid, fresh)
            await sio.emit("session_renewed", fresh, room=fresh, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any = None) -> None:
            session_id = await bound_session(sid)
            text = data.get("message") if isinstance(data, dict) else None
            if not session_id or not isinstance(text, str) or not text.strip():
                logger.debug(f"Ignoring message from socket {sid} without session.")
                return
            output = SocketIOOutput(sio, self.bot_message_evt)
            turn = await handle(UserMessage(text, output, session_id, input_channel=self.name()))
            if turn.erased:
                await renew(session_id)

        @sio.on("history_request", namespace=namespace)
        async def history_request(sid: Text, *_: Any) -> None:
            session_id = await bound_session(sid)
            if not session_id:
                return
            messages = await self._history(session_id)
            await sio.emit(
                "history",
                {"session_id": session_id, "messages": messages},
                room=sid,
                namespace=namespace,
            )

    async def _history(self, session_id: Text) -> List[Dict[Text, Any]]:
        agent = getattr(self.app.ctx, "agent", None) if self.app else None
        if agent is None or agent.tracker_store is None:
            return []
        try:
            tracker = await agent.tracker_store.retrieve(sender_key(self.name(), session_id))
        except Exception:  # a failing store must not break the chat itself
            logger.exception("Could not read the conversation history.")
            return []
        return transcript(tracker.events) if tracker else []

    def _widget_blueprint(self) -> Blueprint:
        widget = WidgetBlueprint("webchat_widget", url_prefix="/widget")
        dist = self.widget_dir / "dist"
        demo_page = self.widget_dir / "demo.html"

        @widget.listener("before_server_start")
        async def remember_app(app: Sanic, _: Any) -> None:
            self.app = app
            await asyncio.to_thread(sessions.revoked_sessions)  # open the table before people come

        async def built_script(name: Text) -> HTTPResponse:
            if not (dist / name).is_file():
                return response.text(
                    "widget not built: run `npm ci && npm run build` in widget/",
                    status=404,
                )
            return await response.file(
                dist / name,
                mime_type="application/javascript; charset=utf-8",
                headers={
                    "Cache-Control": "no-cache",
                    "X-Content-Type-Options": "nosniff",
                },
            )

        @widget.route("/widget.js", methods=["GET"])
        async def widget_js(_: Request) -> HTTPResponse:
            return await built_script("widget.js")

        @widget.route("/demo-page.js", methods=["GET"])
        async def demo_page_js(_: Request) -> HTTPResponse:
            """The demo page's player for facilitator scripts (`/widget/?demo=<id>`)."""
            return await built_script("demo-page.js")

        @widget.route("/", methods=["GET"])
        async def demo(_: Request) -> HTTPResponse:
            return await response.file(
                demo_page,
                mime_type="text/html; charset=utf-8",
                headers={
                    "Content-Security-Policy": DEMO_PAGE_CSP,
                    "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer",
                },
            )

        return widget
