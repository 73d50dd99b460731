"""Free loopback ports and waiting for a server to answer."""
import socket
import subprocess
import time
import urllib.request
from typing import Callable, Optional


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def answers(url: str, timeout: float = 2) -> bool:
    """Whether a GET of ``url`` succeeds (any 2xx or 3xx answer)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except Exception:
        return False


def wait_until(check: Callable[[], bool], timeout: float = 30, interval: float = 0.2,
               proc: Optional[subprocess.Popen] = None, what: str = "the condition") -> None:
    """Calls ``check`` until it returns true; raises TimeoutError after ``timeout`` seconds,
    or RuntimeError as soon as ``proc`` (when given) has exited."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} while waiting for {what}")
        if check():
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout}s for {what}")
        time.sleep(interval)


def wait_for_http(url: str, timeout: float = 90, proc: Optional[subprocess.Popen] = None) -> None:
    """Waits until ``url`` answers a GET (see `wait_until` for the errors)."""
    wait_until(lambda: answers(url), timeout, interval=0.3, proc=proc, what=f"an answer from {url}")
