"""Engine factory for the reflection database and schema upgrades with Alembic.

Connections are pooled (SQLAlchemy 1.4 would open a new SQLite connection, with its pragmas,
for every request). A pooled SQLite connection holds its file open, so it would go on
reading and writing a database file that was moved away or removed — the outage the store
must notice and spool through. Every checkout therefore checks that the file at the
configured path is still the one the connection opened (same device and inode); if not,
the connection is thrown away and a new one is opened, which fails while the file is gone.
The store also disposes of the pool when the database is down (store/repository.py).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import QueuePool

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
WRITE = {"reflection_write": True}  # execution option: take the SQLite write lock at BEGIN


def make_engine(url: str, busy_timeout: float = 15.0) -> Engine:
    """A 2.0-style engine; SQLite gets WAL, a busy timeout, secure delete and FK checks."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url, future=True, pool_pre_ping=True, connect_args=_connect_timeout(parsed)
        )
    if parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # private from the start
    memory = not parsed.database or parsed.database == ":memory:"
    engine = create_engine(
        url,
        future=True,
        connect_args={"timeout": busy_timeout, "check_same_thread": False},
        **({} if memory else {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10}),
    )
    _configure_sqlite(engine, busy_timeout)
    if not memory:
        _check_file_on_checkout(engine, Path(parsed.database))
    return engine


def _file_identity(path: Path):
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _check_file_on_checkout(engine: Engine, path: Path) -> None:
    """A pooled connection is used only while its file is still the one at ``path``."""

    @event.listens_for(engine, "connect")
    def _remember_file(_dbapi_connection, record):
        record.info["sqlite_file"] = _file_identity(path)

    @event.listens_for(engine, "checkout")
    def _same_file(_dbapi_connection, record, _proxy):
        now = _file_identity(path)
        if now is None or now != record.info.get("sqlite_file"):
            raise DisconnectionError("the SQLite database file was moved, removed or replaced")


def _connect_timeout(url) -> dict:
    return {"connect_timeout": 5} if url.get_backend_name() == "postgresql" else {}


def _configure_sqlite(engine: Engine, busy_timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take over transaction control from pysqlite so BEGIN can be IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("reflection_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def upgrade_schema(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration (``alembic upgrade head``)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.execution_options(**WRITE).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def checkpoint_sqlite(engine: Engine, attempts: int = 50) -> None:
    """Fold the SQLite write-ahead log into the database and empty it (after deletions).

    A reader in another connection can keep the log busy for a moment, so the checkpoint
    is retried until SQLite reports it complete; raises RuntimeError if it never is.
    """
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()  # autocommit: a checkpoint cannot run inside BEGIN
    try:
        for attempt in range(attempts):
            busy, _log, _done = raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return
            time.sleep(min(0.02 * (attempt + 1), 0.2))
    finally:
        raw.close()
    raise RuntimeError("the SQLite write-ahead log stayed busy; erased data may remain in it")
