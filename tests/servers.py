"""Servers for the channel and widget tests, all on loopback.

- `FakeBotApi`: a fake Telegram Bot API that records every call the bot makes;
- `ScriptedServer`: the real channels on a stand-in assistant (no model needed);
- `RasaWithActions`: `rasa run` with the trained model, the project's credentials.yml and
  an action server (`python -m actions`), with Telegram pointed at the fake Bot API.
The processes are testkit services (testkit/services.py).
Fixtures for them are at the bottom. Each is started once per test session, however many
conftest.py files import it (tests/channels, tests/demos, tests/widget).
"""
import json
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple
from urllib.parse import parse_qsl

import pytest

from testkit.paths import CREDENTIALS
from testkit.services import ActionServer, RasaServer, Service, process_env
from testkit.web import post_json, request
from tests.channels.scripted_assistant import TELEGRAM_BOT, TELEGRAM_SECRET, TELEGRAM_TOKEN


class FakeBotApi:
    """Records Bot API calls (`/bot<token>/<method>`) and answers like Telegram."""

    def __init__(self, username: str = TELEGRAM_BOT) -> None:
        self.username = username
        self.calls: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> "FakeBotApi":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    def sent(self, method: str = "sendMessage", chat_id: Optional[int] = None) -> List[Dict]:
        with self._lock:
            return [
                c["params"] for c in self.calls
                if c["method"] == method
                and (chat_id is None or str(c["params"].get("chat_id")) == str(chat_id))
            ]

    def wait_for(self, count: int, chat_id: int, timeout: float = 30) -> List[Dict]:
        """Waits until `count` messages were sent to `chat_id` (and no more arrive)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            messages = self.sent(chat_id=chat_id)
            if len(messages) >= count:
                time.sleep(0.3)
                return self.sent(chat_id=chat_id)
            time.sleep(0.1)
        got = self.sent(chat_id=chat_id)
        raise TimeoutError(f"expected {count} messages to {chat_id}, got {got}")

    def _record(self, token: str, method: str, params: Dict[str, Any]) -> Any:
        with self._lock:
            self.calls.append({"token": token, "method": method, "params": params})
        if method == "getMe":
            return {"id": 123456, "is_bot": True, "first_name": "Reflectie",
                    "username": self.username}
        if method == "sendMessage":
            return {"message_id": len(self.calls), "date": int(time.time()),
                    "chat": {"id": int(params["chat_id"]), "type": "private"},
                    "text": params.get("text", "")}
        return True

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                _, bot, method = self.path.split("/", 2)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(body or b"{}")
                else:
                    params = dict(parse_qsl(body.decode()))
                if "reply_markup" in params and isinstance(params["reply_markup"], str):
                    params["reply_markup"] = json.loads(params["reply_markup"])
                result = api._record(bot[len("bot"):], method, params)
                payload = json.dumps({"ok": True, "result": result}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


class ScriptedServer(Service):
    """The channels on a stand-in assistant (tests/channels/scripted_assistant.py)."""

    ready_path = "/webhooks/webchat/"

    def start(self, telegram_api: str, **env_vars: str) -> "ScriptedServer":
        command = [sys.executable, "-m", "tests.channels.scripted_assistant",
                   "--port", str(self.port), "--telegram-api", telegram_api]
        self.spawn(command, process_env(**env_vars)).wait(timeout=60)
        return self


class RasaWithActions(RasaServer):
    """`rasa run` with the trained model and the project's credentials.yml, and `actions`, its
    own action server; started by `start_with_actions`."""

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir / "rasa.log")
        self.actions = ActionServer(workdir / "actions.log")

    def start_with_actions(self, env: Dict[str, str]) -> "RasaWithActions":
        if "channels.webchat.WebchatInput" not in CREDENTIALS.read_text():
            raise RuntimeError(f"{CREDENTIALS} does not configure channels.webchat.WebchatInput")
        self.actions.start(env)
        try:
            self.start(dict(env, ACTION_SERVER_URL=self.actions.webhook_url), timeout=240)
        except BaseException:
            self.actions.stop()
            raise
        return self

    def stop(self, timeout: float = 20) -> None:
        super().stop(timeout)
        self.actions.stop(timeout)


def telegram_env(api: FakeBotApi, rasa_url: str) -> Dict[str, str]:
    """The environment credentials.yml reads for the Telegram channel."""
    return {
        "TELEGRAM_ACCESS_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_BOT_USERNAME": api.username,
        "TELEGRAM_WEBHOOK_URL": f"{rasa_url}/webhooks/telegram/webhook",
        "TELEGRAM_API_URL": api.url,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET,
    }


def post_update(
    server_url: str, update: Dict[str, Any], secret: Optional[str] = TELEGRAM_SECRET
) -> int:
    """Posts a Telegram Update to the webhook like Telegram does; returns the status."""
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    return request("POST", f"{server_url}/webhooks/telegram/webhook", update, headers)[0]


def rest_turn(server_url: str, body: Dict[str, Any]) -> Tuple[int, List[str]]:
    """One REST turn: (status, the bot's texts)."""
    status, answer = post_json(f"{server_url}/webhooks/rest/webhook", body)
    texts = [m.get("text") or "" for m in answer] if isinstance(answer, list) else []
    return status, texts


def stored_events(sender_id: str) -> List[Dict[str, Any]]:
    """The events the tracker store (this process's TRACKER_DB_URL, shared with the servers)
    holds for one conversation, as dicts; read directly, not through Rasa's HTTP API."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from rasa.shared.core.domain import Domain

    from components.tracker_store import ErasableSQLTrackerStore

    store = ErasableSQLTrackerStore(Domain.empty())
    try:  # in a thread of its own: callable from inside a running event loop too
        with ThreadPoolExecutor(1) as thread:
            tracker = thread.submit(asyncio.run, store.retrieve(sender_id)).result()
    finally:
        store.engine.dispose()
    return [event.as_dict() for event in tracker.events] if tracker else []


@contextmanager
def action_server_down(server: RasaWithActions) -> Iterator[None]:
    """Stops the Rasa server's action server for the block, then starts it again on its port."""
    server.actions.stop()
    try:
        yield
    finally:
        server.actions.start()


# --- fixtures -------------------------------------------------------------------------
# pytest makes a separate session fixture for every conftest.py that imports one, so the
# servers are kept here: started by the first user, stopped after the last one.

_SHARED: Dict[str, Dict[str, Any]] = {}


def _shared(name: str, start: Callable[[], Iterator[Any]]) -> Iterator[Any]:
    entry = _SHARED.setdefault(name, {"users": 0})
    if "error" in entry:
        raise entry["error"]
    if entry["users"] == 0:
        steps = start()
        try:
            entry["value"] = next(steps)
        except Exception as error:
            entry["error"] = error
            raise
        entry["steps"] = steps
    entry["users"] += 1
    try:
        yield entry["value"]
    finally:
        entry["users"] -= 1
        if entry["users"] == 0:
            next(entry.pop("steps"), None)


def _fake_bot_api() -> Iterator[FakeBotApi]:
    api = FakeBotApi().start()
    yield api
    api.stop()


def _scripted_server(api: FakeBotApi, workdir: Path) -> Iterator[ScriptedServer]:
    server = ScriptedServer(workdir / "server.log").start(api.url)
    yield server
    server.stop()


def _rasa_server(api: FakeBotApi, service_env: Dict[str, str], workdir: Path) -> Iterator[RasaWithActions]:
    server = RasaWithActions(workdir)
    server.start_with_actions(process_env(**service_env, **telegram_env(api, server.url)))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def fake_bot_api():
    yield from _shared("fake_bot_api", _fake_bot_api)


@pytest.fixture(scope="session")
def scripted_server(fake_bot_api, tmp_path_factory):
    """Real channels, stand-in assistant: fast, no model needed."""
    yield from _shared(
        "scripted_server", lambda: _scripted_server(fake_bot_api, tmp_path_factory.mktemp("scripted"))
    )


@pytest.fixture(scope="session")
def rasa_server(fake_bot_api, service_env, tmp_path_factory):
    """The trained assistant behind `rasa run`, with a real action server (`rasa_server.actions`).

    Its environment is `service_env`, so `store.get_store()` in the tests sees its data."""
    yield from _shared(
        "rasa_server",
        lambda: _rasa_server(fake_bot_api, service_env, tmp_path_factory.mktemp("rasa_server")),
    )
