"""The trained assistant in this process, driven turn by turn, with a real action server.

`Assistant` loads the trained Rasa model in-process (like `rasa run` does) with the project's
endpoints, pointed at an action server (`testkit.services.ActionServer`) and whatever
databases the environment names. Conversation ids are the channels' (`core.identity`), as in
channels/turns.py: ``say("anna", ...)`` on REST is the tracker ``rest:anna``.
"""
import asyncio
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from testkit.paths import ENDPOINTS, MODEL, ROOT
from testkit.services import ActionServer

__all__ = ["ROOT", "MODEL", "Assistant"]


class Assistant:
    """The trained assistant: `say(sender, text) -> [bot messages]`.

    ``workdir`` receives the endpoints file pointed at ``action_url``."""

    def __init__(self, action_url: str, workdir: Path) -> None:
        from rasa.core.agent import load_agent
        from rasa.core.utils import AvailableEndpoints

        if not MODEL.exists():
            raise RuntimeError(f"No trained model at {MODEL}: run `make train` first")
        endpoints = yaml.safe_load(ENDPOINTS.read_text())
        endpoints["action_endpoint"]["url"] = action_url  # the secret header stays
        path = Path(workdir) / "endpoints.yml"
        path.write_text(yaml.safe_dump(endpoints))
        self.action_server: Optional[ActionServer] = None  # set by `with_action_server`
        self.loop = asyncio.new_event_loop()
        self.agent = self.loop.run_until_complete(
            load_agent(model_path=str(MODEL), endpoints=AvailableEndpoints.read_endpoints(str(path)))
        )

    @classmethod
    def with_action_server(cls, env: Dict[str, str], workdir: Path,
                           log_path: Optional[Path] = None) -> "Assistant":
        """Starts an action server with ``env`` (log: ``log_path``, default workdir/actions.log)
        and loads the assistant pointed at it; `close` stops both."""
        server = ActionServer(log_path or Path(workdir) / "actions.log").start(env)
        try:
            assistant = cls(server.webhook_url, workdir)
        except BaseException:
            server.stop()
            raise
        assistant.action_server = server
        return assistant

    def say(self, sender: str, text: str, channel: str = "rest") -> List[Dict[str, Any]]:
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

        from core.identity import sender_key

        out = CollectingOutputChannel()  # the tracker id is the channel's, as in channels/turns.py
        message = UserMessage(text, out, sender_key(channel, sender), input_channel=channel)
        self.loop.run_until_complete(self.agent.handle_message(message))
        return out.messages

    def texts(self, sender: str, text: str, channel: str = "rest") -> str:
        """All bot texts of one turn, joined by newlines."""
        return "\n".join(m.get("text") or "" for m in self.say(sender, text, channel))

    def tracker(self, sender: str, channel: str = "rest"):
        """The stored conversation of ``sender`` on ``channel`` (a Rasa DialogueStateTracker)."""
        from core.identity import sender_key

        return self.loop.run_until_complete(
            self.agent.tracker_store.retrieve(sender_key(channel, sender)))

    def close(self) -> None:
        """Closes the event loop, and stops the action server if it started one."""
        self.loop.close()
        if self.action_server is not None:
            self.action_server.stop()
