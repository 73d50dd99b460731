"""The assistant as `make run` starts it (deploy/start.sh), on free ports and a private var/."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from tests.conversation import MODEL, ROOT, free_port, wait_for_http

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
        TF_CPP_MIN_LOG_LEVEL="2", SQLALCHEMY_SILENCE_UBER_WARNING="1",
        TELEGRAM_ACCESS_TOKEN="", TELEGRAM_BOT_USERNAME="", TELEGRAM_WEBHOOK_URL="",
        TELEGRAM_API_URL="http://127.0.0.1:9", TELEGRAM_SECRET_TOKEN="",
    )
    env.update(extra)
    return env


def run_start_script(env: Dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """Runs deploy/start.sh to completion (for starts that must be refused)."""
    return subprocess.run([str(START)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


class Started:
    """deploy/start.sh in its own process group; its output goes to var/rasa.log."""

    def __init__(self, var: Path, **extra: str) -> None:
        self.var = var
        self.port, self.actions_port = free_port(), free_port()
        self.env = start_env(var, RASA_PORT=str(self.port), ACTIONS_PORT=str(self.actions_port),
                             **extra)
        self.proc: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Started":
        self.var.mkdir(parents=True, exist_ok=True)
        log = open(self.var / "rasa.log", "ab")
        self.proc = subprocess.Popen([str(START)], cwd=ROOT, env=self.env, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        try:
            wait_for_http(f"{self.url}/webhooks/rest/", timeout=300, proc=self.proc)
            wait_for_http(f"http://127.0.0.1:{self.actions_port}/health", timeout=60)
        except Exception:
            self.stop()
            raise RuntimeError("assistant did not start:\n" + self.log()[-3000:])
        return self

    def log(self) -> str:
        path = self.var / "rasa.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        deadline = time.time() + 10  # the action server is in the same group
        while time.time() < deadline and _listening(self.actions_port):
            time.sleep(0.2)

    def say(self, sender: str, text: str, **fields: Any) -> List[Dict[str, Any]]:
        status, body = request("POST", f"{self.url}/webhooks/rest/webhook",
                               {"sender": sender, "message": text, **fields})
        assert status == 200, (status, body)
        return body

    def texts(self, sender: str, text: str, **fields: Any) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(sender, text, **fields))


def request(method: str, url: str, payload: Any = None,
            headers: Optional[Dict[str, str]] = None, timeout: float = 120) -> Tuple[int, Any]:
    """One HTTP request; returns (status, JSON body or text)."""
    data = None if payload is None else json.dumps(payload).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            raw = answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        return status, raw.decode(errors="replace")


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
