"""The assistant as `make run` starts it (deploy/start.sh), on free ports and a private var/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

from testkit.paths import MODEL, ROOT
from testkit.ports import answers, free_port, wait_until
from testkit.services import TELEGRAM_OFF, Service
from testkit.web import request

START = ROOT / "deploy" / "start.sh"
# Variables the test process sets for its in-process fixtures; the started assistant must use
# its own var/ folder instead, exactly as `make run` would.
PRIVATE = ("REFLECTION_DB_URL", "TRACKER_DB_URL", "REFLECTION_KEY_FILE", "REFLECTION_SPOOL_DIR",
           "ACTION_SERVER_TOKEN", "ACTION_SERVER_URL", "REFLECTION_HMAC_KEY",
           "REFLECTION_FERNET_KEY")


def start_env(var: Path, **extra: str) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PRIVATE}
    env.update(
        PY=sys.executable, RASA=str(Path(sys.executable).with_name("rasa")),
        VAR_DIR=str(var), MODEL_DIR=str(MODEL.parent), PYTHONPATH=str(ROOT),
        TF_CPP_MIN_LOG_LEVEL="2", SQLALCHEMY_SILENCE_UBER_WARNING="1", **TELEGRAM_OFF,
    )
    env.update(extra)
    return env


def run_start_script(env: Dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """Runs deploy/start.sh to completion (for starts that must be refused)."""
    return subprocess.run([str(START)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


class Started(Service):
    """deploy/start.sh in its own process group (Rasa and the action server with it); its
    output goes to var/rasa.log."""

    ready_path = "/webhooks/rest/"

    def __init__(self, var: Path, **extra: str) -> None:
        super().__init__(var / "rasa.log", name="deploy/start.sh")
        self.var = var
        self.actions_port = free_port()
        self.env = start_env(var, RASA_PORT=str(self.port), ACTIONS_PORT=str(self.actions_port),
                             **extra)

    def start(self) -> "Started":
        self.spawn([START], self.env, own_group=True).wait(timeout=300)
        health = f"http://127.0.0.1:{self.actions_port}/health"
        self.wait_ready(lambda: answers(health), timeout=60, what=f"an answer from {health}")
        return self

    def stop(self, timeout: float = 30) -> None:
        super().stop(timeout)
        # the action server is in the same group: wait until its port is free
        try:
            wait_until(lambda: not _listening(self.actions_port), timeout=10)
        except TimeoutError:
            pass

    def say(self, sender: str, text: str, **fields: Any) -> List[Dict[str, Any]]:
        status, body = request("POST", f"{self.url}/webhooks/rest/webhook",
                               {"sender": sender, "message": text, **fields})
        assert status == 200, (status, body)
        return body

    def texts(self, sender: str, text: str, **fields: Any) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(sender, text, **fields))


def _listening(port: int) -> bool:
    return bool(listen_addresses(port))


def listen_addresses(port: int) -> List[str]:
    """Local IPv4/IPv6 addresses with a listening TCP socket on ``port`` (from /proc/net)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found
