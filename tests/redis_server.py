"""A throwaway Redis server on loopback for tests (fixture ``redis_url``; a pytest plugin of
tests/conftest.py).

Starts ``redis-server`` (Debian's ``redis-server`` package) on a free 127.0.0.1 port with
no persistence, in a temporary folder, and stops it afterwards. Without it the tests are
skipped, or fail when ``REQUIRE_REDIS=1`` (CI).
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from testkit.services import Service, ServiceError


class RedisUnavailable(RuntimeError):
    pass


class RedisServer(Service):
    """One ``redis-server`` process; ``url`` is a ``redis://`` URL for it."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RedisUnavailable("redis-server not found on PATH (apt-get install redis-server)")
        self.base = Path(tempfile.mkdtemp(prefix="redistest-"))
        super().__init__(self.base / "redis.log", name="redis-server")
        self.spawn([binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", str(self.base), "--protected-mode", "yes"],
                   cwd=self.base)
        try:
            self.wait_ready(self._answers_ping, timeout=20, what="an answer to PING")
        except ServiceError as error:
            raise RedisUnavailable(str(error)) from error

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/1"

    def _answers_ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self, timeout: float = 10) -> None:
        super().stop(timeout)
        shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    try:
        server = RedisServer()
    except RedisUnavailable as exc:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis required (REQUIRE_REDIS=1) but unavailable: {exc}")
        pytest.skip(f"Redis unavailable: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_url(redis_server: RedisServer) -> str:
    return redis_server.url
