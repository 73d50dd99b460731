"""SQL tracker store whose erasure sticks, for ``delete_my_data``.

Rasa 3.6's ``SQLTrackerStore.save`` counts the stored events of the current session and
re-inserts every tracker event beyond that count, so rows deleted from inside an action
come back at the end of the turn. Here the privacy action returns a marker event,
``SlotSet("erase_requested", True)``; on save the store deletes every row of the sender
and stores only the events after the last marker (never the marker itself). SQLite runs
with ``secure_delete`` so erased text is overwritten in the file, not just unlinked.

endpoints.yml::

    tracker_store:
      type: components.tracker_store.ErasableSQLTrackerStore

The URL comes from ``url:`` there, else from ``TRACKER_DB_URL`` (see actions/store/config.py).
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any, List, Optional, Sequence

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from actions.store.config import ERASE_SLOT, Settings

logger = logging.getLogger(__name__)


def last_erase_index(events: Sequence[Event]) -> Optional[int]:
    """Index of the newest erase marker among ``events``, or None."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, SlotSet) and event.key == ERASE_SLOT and event.value:
            return index
    return None


def harden_sqlite(engine: sa.engine.Engine) -> None:
    """SQLite: overwrite deleted content, wait for locks instead of failing, and write through a
    write-ahead log with fewer disk syncs (a turn's save is the largest part of its time)."""
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


def checkpoint_sqlite(engine: sa.engine.Engine) -> None:
    """Fold the write-ahead log into the file and empty it, so erased text is gone from both."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


class ErasableSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that honours the erase marker when saving."""

    def __init__(self, domain=None, host: Optional[str] = None, **kwargs: Any) -> None:
        if host is None and "dialect" not in kwargs and "db" not in kwargs:
            host = Settings.from_env().tracker_db_url
        if host and host.startswith("sqlite:///"):
            Path(host[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(domain=domain, host=host, **kwargs)
        harden_sqlite(self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        marker = last_erase_index(list(tracker.events))
        if marker is None:
            await super().save(tracker)
            return
        await self.stream_events(tracker)
        kept = list(tracker.events)[marker + 1 :]
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(
                self.SQLEvent.sender_id == tracker.sender_id
            ).delete(synchronize_session=False)
            session.add_all(self._rows(tracker.sender_id, kept))
            session.commit()
        checkpoint_sqlite(self.engine)
        logger.info("Erased the stored conversation of a sender on request")

    def _rows(self, sender_id: str, events: List[Event]) -> List[Any]:
        rows = []
        for event in events:
            data = event.as_dict()
            rows.append(
                self.SQLEvent(
                    sender_id=sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                )
            )
        return rows


def _existing_engine(url: str) -> Optional[sa.engine.Engine]:
    """An engine for ``url``, or None for an SQLite file that does not exist (yet)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        return None
    engine = sa.create_engine(url, future=True)
    harden_sqlite(engine)
    return engine


def purge_events_older_than(url: str, days: int) -> int:
    """Delete tracker events older than ``days`` days (operator retention); returns the count."""
    engine = _existing_engine(url)
    if engine is None:
        return 0
    harden_sqlite(engine)
    events = SQLTrackerStore.SQLEvent.__table__
    cutoff = time.time() - days * 86400
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table(events.name):
                return 0
            count = connection.execute(events.delete().where(events.c.timestamp < cutoff)).rowcount
        checkpoint_sqlite(engine)
        return count
    finally:
        engine.dispose()


def erase_sender_events(url: str, sender_id: str) -> int:
    """Delete every stored event of one sender (operator deletion on request)."""
    engine = _existing_engine(url)
    if engine is None:
        return 0
    events = SQLTrackerStore.SQLEvent.__table__
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table(events.name):
                return 0
            count = connection.execute(
                events.delete().where(events.c.sender_id == sender_id)
            ).rowcount
        checkpoint_sqlite(engine)
        return count
    finally:
        engine.dispose()
