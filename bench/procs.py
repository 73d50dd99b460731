"""Processes for the benchmark: timed commands and the memory of a server from /proc.

The servers themselves are testkit services (testkit/services.py: `ActionServer`,
`RasaServer`); their ``ready_s`` is the time from spawning until they answered."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

from testkit.paths import ROOT
from testkit.services import TELEGRAM_OFF, Service, process_env

BIN = Path(sys.executable).parent
RASA = str(BIN / "rasa")


def run_timed(command: List[str], cwd: Path, env: Dict[str, str], log: Path) -> float:
    """Runs ``command`` to the end; returns its wall time in seconds (raises on failure)."""
    start = time.perf_counter()
    with open(log, "ab") as out:
        result = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}); see {log}")
    return time.perf_counter() - start


def memory_mb(server: Service) -> Dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of the server's process, in MB."""
    assert server.proc is not None, f"{server.name} was never started"
    fields = {}
    for line in Path(f"/proc/{server.proc.pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return {"rss_mb": round(fields["VmRSS"], 1), "peak_rss_mb": round(fields["VmHWM"], 1)}


def base_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """This environment with the project on PYTHONPATH and Telegram off, then ``extra``."""
    env = process_env(**TELEGRAM_OFF)
    env.update(extra or {})
    return env


__all__ = ["BIN", "RASA", "ROOT", "base_env", "memory_mb", "run_timed"]
