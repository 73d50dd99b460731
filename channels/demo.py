"""Server side of the browser player: demo scripts and demo identities for the widget.

Enabled by one entry in credentials.yml (`channels.demo.DemoInput:`); routes under /webhooks/demos:

- `GET  /webhooks/demos/scripts`       every shipped script (`{"demos": [...]}`, see Script.as_dict);
- `GET  /webhooks/demos/scripts/<id>`  one script;
- `POST /webhooks/demos/session`       a fresh demo identity: `{"session_id": "demo.<nonce>.<signature>"}`,
                                       which the widget uses in its socket.io `session_request` (and the
                                       terminal player as its REST sender);
- `POST /webhooks/demos/cleanup`       `{"session_id": ...}` deletes that demo's reflections and stored
                                       conversations (widget and REST), then revokes the id. Only demo
                                       identities signed by this deployment (any of its servers) and not
                                       cleaned up yet are accepted, so it can erase no one else.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import sessions
from demos.script import ScriptError, discover, load_script
from store.erasure import erase_demo_identity

logger = logging.getLogger(__name__)


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
            return response.json({"session_id": sessions.issue(sessions.DEMO)}, headers=headers)

        @demos.route("/cleanup", methods=["POST"])
        async def cleanup(request: Request) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            session_id = body.get("session_id")
            if await sessions.valid_kind(session_id) != sessions.DEMO:
                return response.json({"error": "not an open demo identity of this deployment"},
                                     status=403, headers=headers)
            counts = await asyncio.to_thread(erase_demo_identity, session_id)
            await sessions.revoke(session_id)
            return response.json({"deleted": counts}, headers=headers)

        return demos
