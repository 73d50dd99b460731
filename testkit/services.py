"""Server subprocesses on loopback ports, each with its output in a log file.

`Service` is the one runner: it spawns a command (optionally in a process group of its own,
for scripts that start more processes), waits until the server answers, reads its log,
and stops it (terminate, then kill) or kills it outright. `ActionServer` and `RasaServer`
are the project's two servers on it.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Union

from testkit.paths import CREDENTIALS, ENDPOINTS, MODEL, RASA, ROOT
from testkit.ports import free_port, wait_for_http, wait_until

# Telegram switched off, for servers started with the project's credentials.yml.
TELEGRAM_OFF = {
    "TELEGRAM_ACCESS_TOKEN": "",
    "TELEGRAM_BOT_USERNAME": "",
    "TELEGRAM_WEBHOOK_URL": "",
    "TELEGRAM_SECRET_TOKEN": "",
    "TELEGRAM_API_URL": "http://127.0.0.1:9/telegram-off",
}


def process_env(**values: str) -> Dict[str, str]:
    """An environment for a server subprocess: this process's environment with the project on
    PYTHONPATH, TensorFlow and SQLAlchemy quiet, and ``values``."""
    env = dict(os.environ)
    env.update(PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2", SQLALCHEMY_SILENCE_UBER_WARNING="1")
    env.update(values)
    return env


class ServiceError(RuntimeError):
    """A service that did not become ready; the message ends with the tail of its log."""


class Service:
    """One server subprocess on a loopback port, its output appended to ``log_path``.

    The log file is opened for the child only: this process closes its handle as soon as the
    child is spawned, so no file stays open, whether the service is stopped, killed or left to
    exit. ``ready_s`` is the time from spawning until `wait` saw it answer.
    """

    ready_path = "/"  # what `wait` asks for unless told otherwise

    def __init__(self, log_path: Path, name: Optional[str] = None, port: Optional[int] = None) -> None:
        self.log_path = Path(log_path)
        self.name = name or self.log_path.stem
        self.port = port or free_port()
        self.proc: Optional[subprocess.Popen] = None
        self.ready_s: Optional[float] = None
        self._own_group = False
        self._spawned_at = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def spawn(self, command: Sequence[Union[str, Path]], env: Optional[Dict[str, str]] = None,
              cwd: Union[str, Path] = ROOT, own_group: bool = False) -> "Service":
        """Starts ``command``; with ``own_group`` in a new session, so that `stop` and `kill`
        reach every process it starts."""
        if self.running:
            raise RuntimeError(f"{self.name} is already running")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:  # the child keeps its own copy of the handle
            self.proc = subprocess.Popen([str(part) for part in command], cwd=cwd, env=env,
                                         stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=own_group)
        self._own_group = own_group
        self._spawned_at = time.perf_counter()
        self.ready_s = None
        return self

    def wait(self, path: Optional[str] = None, timeout: float = 90) -> "Service":
        """Waits until GET ``path`` (default `ready_path`) answers; fails as `wait_ready` does."""
        url = self.url + (self.ready_path if path is None else path)
        return self._until_ready(lambda: wait_for_http(url, timeout, proc=self.proc))

    def wait_ready(self, check: Callable[[], bool], timeout: float = 90,
                   what: str = "the service to be ready") -> "Service":
        """Waits until ``check()`` is true. If the process exits first or the time runs out,
        stops it and raises ServiceError with the end of its log."""
        return self._until_ready(
            lambda: wait_until(check, timeout, interval=0.2, proc=self.proc, what=what))

    def _until_ready(self, waiting: Callable[[], None]) -> "Service":
        try:
            waiting()
        except (RuntimeError, TimeoutError) as error:
            tail = self.log()[-4000:]
            self.stop()
            raise ServiceError(f"{self.name}: {error}\n--- end of {self.log_path}:\n{tail}") from error
        if self.ready_s is None:
            self.ready_s = time.perf_counter() - self._spawned_at
        return self

    def log(self) -> str:
        """Everything the service wrote so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout: float = 20) -> None:
        """Terminates the service (SIGTERM, its shutdown handlers run); kills it after
        ``timeout`` seconds."""
        if not self.running:
            return
        assert self.proc is not None
        self._signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.proc.wait()

    def kill(self) -> None:
        """Abrupt end, like a crashed machine: SIGKILL, no shutdown handlers."""
        if not self.running:
            return
        assert self.proc is not None
        self._signal(signal.SIGKILL)
        self.proc.wait()

    def _signal(self, number: int) -> None:
        assert self.proc is not None
        try:
            if self._own_group:
                os.killpg(self.proc.pid, number)
            else:
                self.proc.send_signal(number)
        except ProcessLookupError:  # ended in the meantime
            pass


class ActionServer(Service):
    """The action server, ``python -m actions``; Rasa calls it at `webhook_url`."""

    ready_path = "/health"

    def __init__(self, log_path: Path, name: Optional[str] = None, port: Optional[int] = None) -> None:
        super().__init__(log_path, name, port)
        self.env: Optional[Dict[str, str]] = None

    @property
    def webhook_url(self) -> str:
        return f"{self.url}/webhook"

    def launch(self, env: Optional[Dict[str, str]] = None) -> "ActionServer":
        """Spawns it without waiting (with ``env``, else the environment it had before)."""
        self.env = env if env is not None else self.env
        self.spawn([sys.executable, "-m", "actions", "-p", str(self.port)], self.env)
        return self

    def start(self, env: Optional[Dict[str, str]] = None, timeout: float = 120) -> "ActionServer":
        """Spawns it and waits until it answers; again on the same port after `stop`."""
        self.launch(env).wait(timeout=timeout)
        return self


class RasaServer(Service):
    """``rasa run`` on the trained model (or ``model``) with the project's credentials.yml and
    endpoints.yml (or the given ones; ``endpoints=None`` for none)."""

    ready_path = "/webhooks/rest/"

    def launch(self, env: Dict[str, str], *, model: Union[str, Path] = MODEL,
               credentials: Union[str, Path] = CREDENTIALS,
               endpoints: Optional[Union[str, Path]] = ENDPOINTS,
               args: Sequence[str] = (), cwd: Union[str, Path] = ROOT) -> "RasaServer":
        """Spawns it without waiting; ``args`` are more options for ``rasa run``."""
        if not (Path(cwd) / model).exists():
            raise RuntimeError(f"No trained model at {model}: run `make train` first")
        command: List[Union[str, Path]] = [RASA, "run", "-m", model, "-p", str(self.port),
                                           "-i", "127.0.0.1", "--credentials", credentials]
        if endpoints is not None:
            command += ["--endpoints", endpoints]
        self.spawn([*command, *args], env, cwd)
        return self

    def start(self, env: Dict[str, str], timeout: float = 300, **options) -> "RasaServer":
        """Spawns it (options as for `launch`) and waits until its REST channel answers."""
        self.launch(env, **options).wait(timeout=timeout)
        return self
