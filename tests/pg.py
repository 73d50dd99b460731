"""A throwaway PostgreSQL server on loopback for tests (a pytest plugin of tests/conftest.py).

Finds ``initdb``/``pg_ctl`` on PATH or in /usr/lib/postgresql/*/bin, creates a cluster in
a temporary folder, starts it on a free 127.0.0.1 port (socket folder in the same tmp),
and stops and removes it afterwards. As root (initdb refuses root) the server runs as the
``postgres`` user, which Debian's ``postgresql`` package creates. Without PostgreSQL the
tests are skipped, or fail when ``REQUIRE_POSTGRES=1`` (CI).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Iterator, List, Optional

import pytest

from testkit.ports import free_port

TOOLS = ("initdb", "pg_ctl", "postgres")


class PostgresUnavailable(RuntimeError):
    pass


def find_bin_dir() -> Path:
    candidates = []
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(os.path.realpath(on_path)).parent)
    candidates += [
        Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    ]
    for directory in candidates:
        if all((directory / tool).is_file() for tool in TOOLS):
            return directory
    raise PostgresUnavailable("initdb/pg_ctl/postgres not found on PATH or in /usr/lib/postgresql")


class PostgresCluster:
    """One temporary cluster; ``url(db)`` gives a SQLAlchemy URL, ``stop``/``start`` toggle it."""

    def __init__(self) -> None:
        self.bin_dir = find_bin_dir()
        self.run_as: Optional[pwd.struct_passwd] = None
        if os.geteuid() == 0:
            try:
                self.run_as = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PostgresUnavailable("running as root and no 'postgres' user exists") from exc
        self.base = Path(tempfile.mkdtemp(prefix="pgtest-"))
        self.data = self.base / "data"
        self.sockets = self.base / "sock"
        self.sockets.mkdir()
        if self.run_as:
            for path in (self.base, self.sockets):
                os.chown(path, self.run_as.pw_uid, self.run_as.pw_gid)
        self.port = free_port()
        self._run("initdb", "-D", str(self.data), "-U", "test", "--auth=trust",
                  "-E", "UTF8", "--no-locale", "--no-sync")
        self.start()

    def _command(self, tool: str, *args: str) -> List[str]:
        command = [str(self.bin_dir / tool), *args]
        if self.run_as is None:
            return command
        if shutil.which("runuser"):
            return ["runuser", "-u", "postgres", "--", *command]
        return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(map(_quote, command))]

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run(
            self._command(tool, *args), cwd=self.base, capture_output=True, text=True, timeout=120
        )
        if result.returncode != 0:
            raise PostgresUnavailable(f"{tool} failed: {result.stderr.strip() or result.stdout}")

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c max_connections=120")
        self._run("pg_ctl", "-D", str(self.data), "-o", options,
                  "-l", str(self.base / "server.log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg2://test@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import sqlalchemy as sa

        name = f"t_{uuid.uuid4().hex[:12]}"
        engine = sa.create_engine(self.url(), future=True, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        engine.dispose()
        return self.url(name)

    def destroy(self) -> None:
        try:
            self.stop()
        except PostgresUnavailable:
            pass
        shutil.rmtree(self.base, ignore_errors=True)


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    try:
        cluster = PostgresCluster()
    except PostgresUnavailable as exc:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required (REQUIRE_POSTGRES=1) but unavailable: {exc}")
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> str:
    """A fresh, empty database on the test cluster."""
    return postgres_cluster.create_database()
