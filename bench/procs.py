"""Processes for the benchmark: timed commands, servers on loopback, memory from /proc."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RASA = str(BIN / "rasa")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_timed(command: List[str], cwd: Path, env: Dict[str, str], log: Path) -> float:
    """Runs ``command`` to the end; returns its wall time in seconds (raises on failure)."""
    start = time.perf_counter()
    with open(log, "ab") as out:
        result = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}); see {log}")
    return time.perf_counter() - start


class Server:
    """A server subprocess; ``ready_s`` is the time from spawn until ``ready_path`` answered."""

    def __init__(self, name: str, command: List[str], cwd: Path, env: Dict[str, str],
                 port: int, ready_path: str, log_dir: Path, timeout: float = 300) -> None:
        self.name = name
        self.port = port
        self.log = log_dir / f"{name}.log"
        start = time.perf_counter()
        self.proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=open(self.log, "ab"),
                                     stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited early; see {self.log}")
            try:
                urllib.request.urlopen(f"{self.url}{ready_path}", timeout=2)
                break
            except Exception as error:
                if time.perf_counter() > deadline:
                    self.stop()
                    raise RuntimeError(f"{name} not ready after {timeout}s; see {self.log}") from error
                time.sleep(0.2)
        self.ready_s = time.perf_counter() - start

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def memory_mb(self) -> Dict[str, float]:
        """Current (VmRSS) and peak (VmHWM) resident memory of the process, in MB."""
        fields = {}
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
        return {"rss_mb": round(fields["VmRSS"], 1), "peak_rss_mb": round(fields["VmHWM"], 1)}

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def post_json(url: str, payload: Dict[str, Any], timeout: float = 120) -> Any:
    """POSTs JSON; returns (status, decoded body or None)."""
    request = urllib.request.Request(url, data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def base_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2",
               SQLALCHEMY_SILENCE_UBER_WARNING="1", TELEGRAM_ACCESS_TOKEN="",
               TELEGRAM_BOT_USERNAME="", TELEGRAM_WEBHOOK_URL="", TELEGRAM_SECRET_TOKEN="",
               TELEGRAM_API_URL="http://127.0.0.1:9/telegram-off")
    env.update(extra or {})
    return env
