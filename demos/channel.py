"""Server side of the browser player: demo scripts and demo identities for the widget.

Enabled by one entry in credentials.yml (`demos.channel.DemoInput:`); routes under /webhooks/demos:

- `GET  /webhooks/demos/scripts`       every shipped script (`{"demos": [...]}`, see Script.as_dict);
- `GET  /webhooks/demos/scripts/<id>`  one script;
- `POST /webhooks/demos/session`       a fresh demo identity: `{"session_id": "<32 hex>"}`, which the
                                       widget uses in its socket.io `session_request`;
- `POST /webhooks/demos/cleanup`       `{"session_id": ...}` deletes that demo's reflections and stored
                                       conversation. Only identities issued by `/session` of this server
                                       process can be cleaned up this way, so it can erase no one else.
"""
from __future__ import annotations

import logging
import re
import uuid
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from demos.runner import CHANNELS
from demos.script import ScriptError, discover, load_script

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
MAX_OPEN_DEMOS = 500


class DemoIdentities:
    """The demo session ids this process handed out (the oldest are forgotten beyond a limit)."""

    def __init__(self, limit: int = MAX_OPEN_DEMOS) -> None:
        self.limit = limit
        self._issued: "OrderedDict[str, None]" = OrderedDict()

    def issue(self) -> str:
        session_id = uuid.uuid4().hex
        self._issued[session_id] = None
        while len(self._issued) > self.limit:
            self._issued.popitem(last=False)
        return session_id

    def release(self, session_id: Any) -> bool:
        """True (once) when `session_id` is a demo identity issued here."""
        if not isinstance(session_id, str) or not SESSION_ID.match(session_id):
            return False
        return self._issued.pop(session_id, False) is None


def erase_demo(session_id: str, tracker_store=None) -> Dict[str, int]:
    """Deletes the demo identity's reflections (any channel) and its stored conversation."""
    from actions.store import get_store

    counts = {"reflections": 0, "tracker_events": 0}
    store = get_store()
    for channel in CHANNELS:
        counts["reflections"] += store.delete_person(channel, session_id).get("reflections", 0)
    inner = tracker_store
    while inner is not None and hasattr(inner, "_tracker_store"):
        inner = inner._tracker_store  # Rasa wraps the configured store (awaitable, fail-safe)
    if inner is not None and hasattr(inner, "erase"):
        counts["tracker_events"] = inner.erase(session_id)
    else:
        from actions.store.config import Settings, load_keys
        from actions.store.tracker_events import erase_sender_events

        settings = Settings.from_env()
        counts["tracker_events"] = erase_sender_events(
            settings.tracker_db_url, session_id, load_keys(settings))
    return counts


def _scripts() -> Dict[str, Dict[str, Any]]:
    found = {}
    for path in discover():
        try:
            script = load_script(path)
        except ScriptError as error:
            logger.warning(f"Demo script skipped:\n{error}")
            continue
        found[script.id] = script.as_dict()
    return found


class DemoInput(InputChannel):
    """Serves the demo scripts and demo identities; receives no messages itself."""

    @classmethod
    def name(cls) -> Text:
        return "demos"

    def __init__(self) -> None:
        self.identities = DemoIdentities()

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "DemoInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        demos = Blueprint("demos_player", __name__)
        headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}

        @demos.route("/scripts", methods=["GET"])
        async def all_demos(_: Request) -> HTTPResponse:
            return response.json({"demos": list(_scripts().values())}, headers=headers)

        @demos.route("/scripts/<demo_id:str>", methods=["GET"])
        async def one_demo(_: Request, demo_id: str) -> HTTPResponse:
            script = _scripts().get(demo_id)
            if script is None:
                return response.json({"error": "no such demo"}, status=404, headers=headers)
            return response.json(script, headers=headers)

        @demos.route("/session", methods=["POST"])
        async def new_session(_: Request) -> HTTPResponse:
            return response.json({"session_id": self.identities.issue()}, headers=headers)

        @demos.route("/cleanup", methods=["POST"])
        async def cleanup(request: Request) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            session_id = body.get("session_id")
            if not self.identities.release(session_id):
                return response.json({"error": "not a demo session of this server"}, status=403,
                                     headers=headers)
            agent = getattr(request.app.ctx, "agent", None)
            counts = erase_demo(session_id, getattr(agent, "tracker_store", None))
            return response.json({"deleted": counts}, headers=headers)

        return demos
