"""Talking to the assistant for a demo: in-process against the trained model, or over REST.

Each demo gets a fresh demo identity (`demo-<uuid>`) and is cleaned up afterwards: its
reflections and its stored conversation are deleted, so nothing is left in the real log.

- `InProcess`: the trained model loaded in this process (`testkit.assistant.Assistant`) with
  its own action server, on temporary databases (deleted on close): a demo never touches var/.
- `Rest`: a running server (`make run`) by URL; cleanup through the server's demo routes
  (channels/demo.py) when enabled, else through the assistant's own deletion ("wis mijn
  gegevens", confirmed), the path every person has.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import urllib.request
import uuid
import warnings
from pathlib import Path
from typing import Dict, List, Optional

from core.identity import DEMO_CHANNELS
from demos.script import Step

SENDER_PREFIX = "demo-"
SESSION_START = "/session_start"
# A demo identity may have talked on any of these channels (REST, widget).
REST_TIMEOUT = 60


class DemoError(Exception):
    """A step that cannot be played, e.g. a button the last reply did not offer."""


def new_sender() -> str:
    return f"{SENDER_PREFIX}{uuid.uuid4().hex}"


def buttons_of(messages: List[Dict]) -> List[Dict]:
    return [b for m in messages for b in (m.get("buttons") or [])]


def text_of(messages: List[Dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages if m.get("text"))


class Backend:
    """Sends one message for a sender and returns the bot's messages (Rasa's output dicts)."""

    channel = "rest"

    def new_sender(self) -> str:
        return new_sender()

    def send(self, sender: str, message: str) -> List[Dict]:
        raise NotImplementedError

    def cleanup(self, sender: str) -> None:
        """Deletes everything kept for this demo identity."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> "Backend":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


class InProcess(Backend):
    """The trained model in this process, with an action server subprocess.

    Without `assistant`, starts one on temporary databases (env vars set for this process
    and the action server). With `assistant` (the pytest fixture), uses that one.
    """

    def __init__(self, assistant=None) -> None:
        self._tmp: Optional[Path] = None
        self._owned = assistant is None
        if assistant is None:
            assistant = self._start()
        self.assistant = assistant

    def _start(self):
        from rasa.utils.log_utils import configure_structlog

        from core.keys import action_token, create_key_file, load_keys
        from core.settings import Settings
        from testkit.assistant import Assistant
        from testkit.services import process_env

        configure_structlog(logging.WARNING)  # Rasa's debug chatter would bury the demo
        logging.getLogger().setLevel(logging.WARNING)

        self._tmp = Path(tempfile.mkdtemp(prefix="reflectie-demo-"))
        os.environ.update({
            "REFLECTION_DB_URL": f"sqlite:///{self._tmp}/reflections.db",
            "TRACKER_DB_URL": f"sqlite:///{self._tmp}/tracker.db",
            "REFLECTION_KEY_FILE": str(self._tmp / "keys.json"),
            "REFLECTION_SPOOL_DIR": str(self._tmp / "spool"),
        })
        create_key_file(self._tmp / "keys.json")
        os.environ["ACTION_SERVER_TOKEN"] = action_token(load_keys(Settings.from_env()))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Assistant.with_action_server(process_env(), self._tmp)

    def send(self, sender: str, message: str) -> List[Dict]:
        return self.assistant.say(sender, message, channel=self.channel)

    def cleanup(self, sender: str) -> None:
        from store.erasure import erase_demo_identity

        erase_demo_identity(sender)

    def leftovers(self, sender: str) -> int:
        """Reflections and stored events still kept for `sender` (0 after cleanup)."""
        from store.repository import get_store

        store = get_store()
        rows = sum(len(store.all_reflections(c, sender)) for c in DEMO_CHANNELS)
        tracker = self.assistant.tracker(sender)
        events = [e for e in (tracker.events if tracker else [])
                  if e.type_name in ("user", "bot")]
        return rows + len(events)

    def close(self) -> None:
        if not self._owned:
            return
        self._owned = False
        self.assistant.close()  # and its action server
        from store.repository import get_store

        get_store().engine.dispose()
        get_store.cache_clear()
        shutil.rmtree(self._tmp, ignore_errors=True)


class Rest(Backend):
    """A running assistant by URL, over Rasa's REST channel.

    When the server enables the demo routes (channels/demo.py), the demo identity comes from
    there and is erased completely; otherwise the demo ends with the assistant's own deletion.
    """

    def __init__(self, url: str) -> None:
        self.base = url.rstrip("/")
        self.url = self.base + "/webhooks/rest/webhook"
        self._issued: set = set()

    def _post(self, url: str, payload: Dict) -> object:
        request = urllib.request.Request(url, data=json.dumps(payload).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=REST_TIMEOUT) as answer:
            return json.loads(answer.read() or b"null")

    def new_sender(self) -> str:
        try:
            session_id = self._post(self.base + "/webhooks/demos/session", {})["session_id"]
        except (OSError, ValueError, KeyError, TypeError):  # no demo routes on this server
            return new_sender()
        self._issued.add(session_id)
        return session_id

    def send(self, sender: str, message: str) -> List[Dict]:
        return self._post(self.url, {"sender": sender, "message": message}) or []

    def cleanup(self, sender: str) -> None:
        if sender in self._issued:
            self._issued.discard(sender)
            try:
                self._post(self.base + "/webhooks/demos/cleanup", {"session_id": sender})
                return
            except OSError:
                pass
        # "/restart" ends any running reflection so the deletion rules apply.
        for message in ("/restart", "/delete_my_data", "/affirm"):
            self.send(sender, message)


class DemoSession:
    """One demo conversation: resolves steps to messages, remembers the last reply."""

    def __init__(self, backend: Backend, sender: Optional[str] = None) -> None:
        self.backend = backend
        self.sender = sender or backend.new_sender()
        self.last: List[Dict] = []

    def message_for(self, step: Step) -> str:
        """What goes to the assistant for this step."""
        if step.kind == "say":
            return step.text
        if step.kind == "later":
            return SESSION_START
        if step.kind == "button":
            offered = buttons_of(self.last)
            for button in offered:
                if (button.get("title") or "").strip().lower() == step.text.lower():
                    return button["payload"]
            titles = ", ".join(f"'{b.get('title')}'" for b in offered) or "none"
            raise DemoError(f"step {step.number} (line {step.line}): no button '{step.text}' "
                            f"in the last reply (buttons offered: {titles})")
        raise DemoError(f"step {step.number}: a note sends nothing")

    def send(self, step: Step) -> List[Dict]:
        self.last = self.backend.send(self.sender, self.message_for(step))
        return self.last

    def close(self) -> None:
        self.backend.cleanup(self.sender)
