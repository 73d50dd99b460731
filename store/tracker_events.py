"""Rasa's tracker table (``events``) without Rasa: encryption at rest, keyed ids, erasure.

The Rasa server (components/tracker_store.py) stores every conversation event here; the
operator CLI and key rotation reach the same rows through this module, so neither needs
Rasa. A row keeps in plain text only what Rasa itself queries: the event type and its
time. ``sender_id`` is a keyed hash of the tracker's sender id (``<channel>:<id>``),
``data`` is the event as a Fernet token, ``intent_name`` and ``action_name`` stay NULL.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import sqlalchemy as sa
from cryptography.fernet import InvalidToken, MultiFernet
from sqlalchemy.engine import Engine

from core.keys import Keys, derive_key, keyed_hash
from store.db import checkpoint_sqlite

# The columns Rasa 3.6's SQLTrackerStore.SQLEvent defines (table name "events").
EVENTS = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)


class KeyMismatch(RuntimeError):
    """Stored data exists but the keys cannot read it (a lost or replaced key file)."""


class TrackerCipher:
    """Turns sender ids into keyed hashes and event data into Fernet tokens and back."""

    def __init__(self, keys: Keys) -> None:
        self._id_key = derive_key(keys, "tracker-sender")
        self.fernet: MultiFernet = keys.fernet

    def stored_id(self, sender_id: str) -> str:
        """The keyed hash stored in place of ``sender_id``."""
        return keyed_hash(self._id_key, sender_id)

    def seal(self, data: Dict[str, Any]) -> str:
        return self.fernet.encrypt(json.dumps(data).encode()).decode("ascii")

    def open(self, token: str) -> Dict[str, Any]:
        return json.loads(self.fernet.decrypt(token.encode("ascii")))


def harden_sqlite(engine: Engine) -> None:
    """SQLite: overwrite deleted content, wait for locks, write-ahead log with fewer syncs."""
    if engine.dialect.name != "sqlite":
        return

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("PRAGMA busy_timeout = 15000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    engine.dispose()  # connections opened before the listener existed


def seal_plain_rows(engine: Engine, cipher: TrackerCipher) -> int:
    """Encrypts rows written before encryption at rest; returns how many.

    Such rows carry the bare sender id; the tracker id becomes ``<channel>:<id>`` with the
    channel of the conversation's latest user message (``rest`` when there is none).
    """
    with engine.begin() as connection:
        if not sa.inspect(connection).has_table(EVENTS.name):
            return 0
        rows = connection.execute(
            sa.select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.data)
            .where(EVENTS.c.data.like("{%")).order_by(EVENTS.c.id)
        ).all()
        channels: Dict[str, str] = {}
        for row in rows:
            data = json.loads(row.data)
            if data.get("event") == "user" and data.get("input_channel"):
                channels[row.sender_id] = data["input_channel"]
        for row in rows:
            sender = f"{channels.get(row.sender_id, 'rest')}:{row.sender_id}"
            connection.execute(
                EVENTS.update().where(EVENTS.c.id == row.id).values(
                    sender_id=cipher.stored_id(sender), intent_name=None, action_name=None,
                    data=cipher.seal(json.loads(row.data)),
                )
            )
    if rows:
        checkpoint_sqlite(engine)
    return len(rows)


def check_keys(engine: Engine, cipher: TrackerCipher) -> None:
    """Raises KeyMismatch when the newest sealed row cannot be decrypted with these keys."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table(EVENTS.name):
            return
        token = connection.execute(
            sa.select(EVENTS.c.data).where(~EVENTS.c.data.like("{%"))
            .order_by(EVENTS.c.id.desc()).limit(1)
        ).scalar()
    if token is None:
        return
    try:
        cipher.open(token)
    except (InvalidToken, ValueError) as error:
        raise KeyMismatch(
            "the conversation store holds data that these keys cannot read: the key file was "
            "lost or replaced. Restore the original keys (REFLECTION_KEY_FILE or "
            "REFLECTION_HMAC_KEY/REFLECTION_FERNET_KEY); new keys are never made over existing data."
        ) from error


def erase_rows(connection: sa.engine.Connection, stored_id: str) -> int:
    """Deletes every row of one (hashed) sender and checks none is left; returns the count."""
    count = connection.execute(EVENTS.delete().where(EVENTS.c.sender_id == stored_id)).rowcount
    left = connection.execute(
        sa.select(sa.func.count()).select_from(EVENTS).where(EVENTS.c.sender_id == stored_id)
    ).scalar_one()
    if left:
        raise RuntimeError(f"{left} conversation events remained after erasure")
    return count


def existing_engine(url: str) -> Optional[Engine]:
    """An engine for ``url``, or None for an SQLite file that does not exist (yet)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        return None
    engine = sa.create_engine(url, future=True)
    harden_sqlite(engine)
    return engine


def _change_events(url: str, work: Callable[[sa.engine.Connection], int]) -> int:
    """Runs ``work`` in one transaction on an existing events table, then folds SQLite's
    write-ahead log into the file; 0 when there is no such database or table."""
    engine = existing_engine(url)
    if engine is None:
        return 0
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table(EVENTS.name):
                return 0
            count = work(connection)
        checkpoint_sqlite(engine)
        return count
    finally:
        engine.dispose()


def erase_sender_events(url: str, sender_id: str, keys: Keys) -> int:
    """Deletes every stored event of one tracker sender id (``<channel>:<id>``)."""
    stored_id = TrackerCipher(keys).stored_id(sender_id)
    return _change_events(url, lambda connection: erase_rows(connection, stored_id))


def purge_events_older_than(url: str, days: int) -> int:
    """Deletes tracker events older than ``days`` days (operator retention); returns the count."""
    cutoff = time.time() - days * 86400
    return _change_events(url, lambda connection: connection.execute(
        EVENTS.delete().where(EVENTS.c.timestamp < cutoff)).rowcount)


def rotate_events(url: str, fernet: MultiFernet) -> int:
    """Re-encrypts every sealed row with the first of ``fernet``'s keys; returns the count."""

    def rotate(connection: sa.engine.Connection) -> int:
        rows = connection.execute(
            sa.select(EVENTS.c.id, EVENTS.c.data).where(~EVENTS.c.data.like("{%"))
        ).all()
        for row in rows:
            connection.execute(EVENTS.update().where(EVENTS.c.id == row.id).values(
                data=fernet.rotate(row.data.encode("ascii")).decode("ascii")))
        return len(rows)

    return _change_events(url, rotate)
