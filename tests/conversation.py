"""End-to-end conversations through the trained model, with a real action server.

`Assistant` loads the trained Rasa model in-process (like `rasa run` does) with the
project's endpoints, pointed at an action server subprocess and temporary databases.
"""
import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
MODEL = Path(os.environ.get("RASA_TEST_MODEL", ROOT / "models" / "reflectie.tar.gz"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float = 90, proc: Optional[subprocess.Popen] = None) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} answered")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


class Service:
    """One server subprocess with its log in a file."""

    def __init__(self, name: str, workdir: Path, port: Optional[int] = None) -> None:
        self.name = name
        self.port = port or free_port()
        self.log_path = workdir / f"{name}.log"
        self.proc: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def spawn(self, command: List[str], env: Dict[str, str]) -> "Service":
        self.proc = subprocess.Popen(command, cwd=ROOT, env=env,
                                     stdout=open(self.log_path, "ab"), stderr=subprocess.STDOUT)
        return self

    def wait(self, path: str, timeout: float) -> "Service":
        try:
            wait_for_http(self.url + path, timeout=timeout, proc=self.proc)
        except Exception as error:
            self.stop()
            raise RuntimeError(f"{self.name}: {error}\n--- log:\n{self.log()[-4000:]}") from error
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def kill(self) -> None:
        """Abrupt end, like a crashed machine: SIGKILL, no shutdown handlers."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()


class ActionServer:
    """The action server (`python -m actions`) as a subprocess on a free port with the given environment."""

    def __init__(self, env: Dict[str, str], log_path: Path):
        self.port = free_port()
        self.env = env
        self.log_path = log_path
        self.proc: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def start(self) -> "ActionServer":
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "actions", "-p", str(self.port)],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )
        wait_for_http(f"http://127.0.0.1:{self.port}/health", proc=self.proc)
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)


class Assistant:
    """The trained assistant, driven turn by turn: `say(sender, text) -> [bot messages]`."""

    def __init__(self, action_url: str, workdir: Path):
        from rasa.core.agent import load_agent
        from rasa.core.utils import AvailableEndpoints

        if not MODEL.exists():
            raise RuntimeError(f"No trained model at {MODEL}: run `make train` first")
        endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
        endpoints["action_endpoint"]["url"] = action_url  # the secret header stays
        path = workdir / "endpoints.yml"
        path.write_text(yaml.safe_dump(endpoints))
        self.loop = asyncio.new_event_loop()
        self.agent = self.loop.run_until_complete(
            load_agent(model_path=str(MODEL), endpoints=AvailableEndpoints.read_endpoints(str(path)))
        )

    def say(self, sender: str, text: str, channel: str = "rest") -> List[Dict]:
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
        from core.identity import sender_key

        return self.loop.run_until_complete(
            self.agent.tracker_store.retrieve(sender_key(channel, sender)))

    def close(self) -> None:
        self.loop.close()
