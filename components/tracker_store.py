"""SQL tracker store that keeps conversations encrypted and whose erasure sticks.

Rows are written through ``store.tracker_events``: the sender id is a keyed hash,
the event data a Fernet token, intent and action names NULL; only the event type and time
stay readable (Rasa queries them). The keys are those of the reflection log; the store
refuses to start when existing rows cannot be read with them (a lost or replaced key
file), and seals rows left in plain text by an older version.

Erasure: Rasa 3.6's ``SQLTrackerStore.save`` counts the stored events of the current
session and re-inserts every tracker event beyond that count, so rows deleted from inside
an action would come back at the end of the turn. The privacy action therefore returns a
marker event, ``SlotSet("erase_requested", True)``; on save the store deletes every row of
the sender, checks that none is left, and stores only the events after the last marker
(never the marker itself). SQLite runs with ``secure_delete`` and the write-ahead log is
checkpointed, so erased text is overwritten in the file, not just unlinked.

Speed (issue 16): a turn must not get slower as a conversation grows. Rasa's store reads,
decrypts and replays the whole session on every retrieve and counts it again on every save.
This store keeps the tracker of each recent conversation in memory (``TrackerCache``) and
appends only the new events, in one batched insert. The cache is never trusted blindly:
every retrieve and save first reads the sender's *stored state* — the number of rows, the
newest row id and that row's token (a fresh Fernet token for every write, so a deleted and
re-used id is noticed too) — under the conversation's ticket lock. Unchanged: the cached
tracker is served without reading a row. Only appended (another Rasa server took a turn of
this conversation): only the new rows are read and replayed. Anything else (erasure,
retention, a new session, a turn that failed before it was saved): the session is read
again as Rasa does. A new session, an erasure and an event broker never use the cache.

endpoints.yml::

    tracker_store:
      type: components.tracker_store.ErasableSQLTrackerStore

The URL comes from ``url:`` there, else from ``TRACKER_DB_URL`` (see core/keys.py).
"""

from __future__ import annotations

import json
import logging
import os
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted, SlotSet, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker

from components.speedups import appended_since
from core.keys import load_keys
from core.names import ERASE_SLOT
from core.redaction import install as redact_logs
from core.redaction import stop_error_reports
from core.settings import Settings
from store.db import checkpoint_sqlite
from store.tracker_events import (
    TrackerCipher,
    check_keys,
    erase_rows,
    harden_sqlite,
    seal_plain_rows,
)

logger = logging.getLogger(__name__)
# The Rasa server always loads this module: its logs keep people's words out, and no exception
# report leaves the machine.
redact_logs()
stop_error_reports()


ERASE_FAILED = "erase_failed"  # the erasure did not go through; it is retried on the next turn
ERASE_DONE_LATE = "erase_done_late"  # a retried erasure went through


class PendingErasures:
    """Keyed ids whose erasure failed (database down), kept in a small owner-only file so a
    restart does not forget them; each is retried when that conversation is read next.

    Read once at start and written through, so the check on every turn touches no file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._ids: Set[str] = set(json.loads(path.read_text()))
        except (FileNotFoundError, ValueError):
            self._ids = set()

    def __contains__(self, stored_id: str) -> bool:
        return stored_id in self._ids

    def add(self, stored_id: str) -> None:
        self._ids.add(stored_id)
        self._write()

    def discard(self, stored_id: str) -> None:
        if stored_id in self._ids:
            self._ids.discard(stored_id)
            self._write()

    def _write(self) -> None:
        if not self._ids:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(sorted(self._ids), handle)
        os.replace(tmp, self.path)


# (row count, newest row id, that row's token) of one sender; (0, None, None) when none.
StoredState = Tuple[int, Optional[int], Optional[str]]
NOTHING_STORED: StoredState = (0, None, None)
DEFAULT_CACHE_SIZE = 500  # conversations kept in memory (TRACKER_CACHE_SIZE; 0 = no cache)


@dataclass
class CachedTracker:
    """A tracker whose first ``saved`` events are exactly the stored rows of its session,
    and the sender's stored state when that was last true."""

    tracker: DialogueStateTracker
    saved: int
    state: StoredState
    domain: Any


class TrackerCache:
    """The trackers of the most recently used conversations (least recently used leave)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: "OrderedDict[str, CachedTracker]" = OrderedDict()

    def get(self, sender_id: str) -> Optional[CachedTracker]:
        entry = self._entries.get(sender_id)
        if entry is not None:
            self._entries.move_to_end(sender_id)
        return entry

    def put(self, sender_id: str, entry: CachedTracker) -> None:
        if self.size <= 0:
            return
        self._entries[sender_id] = entry
        self._entries.move_to_end(sender_id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def drop(self, sender_id: str) -> None:
        self._entries.pop(sender_id, None)

    def __len__(self) -> int:
        return len(self._entries)


def last_erase_index(tracker: DialogueStateTracker) -> Optional[int]:
    """Index of the newest erase marker among the tracker's events, or None. While events
    were only appended since the last call on this tracker, only those are looked at."""
    events = tracker.events
    count = len(events)
    memo = tracker.__dict__.get("_erase_scan")
    todo, offset, found = events, 0, None
    if memo is not None:
        done, first, last, index = memo
        appended = appended_since(events, 0, done, first, last, count)
        if appended is not None:
            todo, offset, found = appended, done, index
    for index in range(len(todo) - 1, -1, -1):  # newest first (a deque is fast at its ends)
        event = todo[index]
        if isinstance(event, SlotSet) and event.key == ERASE_SLOT and event.value:
            found = offset + index
            break
    if count:
        tracker.__dict__["_erase_scan"] = (count, events[0], events[count - 1], found)
    return found


class ErasableSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` with encryption at rest, keyed sender ids and the erase marker."""

    def __init__(self, domain=None, host: Optional[str] = None, **kwargs: Any) -> None:
        settings = Settings.from_env()
        if host is None and "dialect" not in kwargs and "db" not in kwargs:
            host = settings.tracker_db_url
        if host and host.startswith("sqlite:///"):
            Path(host[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        super().__init__(domain=domain, host=host, **kwargs)
        harden_sqlite(self.engine)
        self.cipher = TrackerCipher(load_keys(settings))
        self.pending = PendingErasures(settings.var_dir / "pending_erasures.json")
        self._notices: Dict[str, str] = {}
        size = os.environ.get("TRACKER_CACHE_SIZE", "")
        self.cache = TrackerCache(int(size) if size.strip() else DEFAULT_CACHE_SIZE)
        self.rows_read = 0  # rows read and decrypted since start (tests, bench)
        self._table = self.SQLEvent.__table__
        check_keys(self.engine, self.cipher)
        sealed = seal_plain_rows(self.engine, self.cipher)
        if sealed:
            logger.info("Encrypted %d conversation events stored in plain text before", sealed)

    def _event_query(self, session, sender_id: str, fetch_events_from_all_sessions: bool):
        return super()._event_query(
            session, self.cipher.stored_id(sender_id), fetch_events_from_all_sessions
        )

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        if self.cipher.stored_id(sender_id) in self.pending:
            self.cache.drop(sender_id)
            self._retry_erasure(sender_id)
        if fetch_events_from_all_sessions or not self._caching():
            return self._load(sender_id, fetch_events_from_all_sessions)
        entry = self.cache.get(sender_id)
        with self.engine.connect() as connection:
            state = self._stored_state(connection, sender_id)
            if entry is not None and self._usable(entry):
                if state == entry.state:
                    return entry.tracker
                if self._catch_up(connection, sender_id, entry, state):
                    return entry.tracker
        self.cache.drop(sender_id)
        if state == NOTHING_STORED:
            return None
        tracker = self._load(sender_id, False)
        if tracker is not None:
            # ``state`` was read before the rows: a write in between makes the next check fail
            self.cache.put(sender_id, CachedTracker(tracker, len(tracker.events), state, self.domain))
        return tracker

    def _load(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """The session (or all sessions) read, decrypted and replayed as Rasa does."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions).all()
            events = [self.cipher.open(row.data) for row in rows]
        self.rows_read += len(events)
        if not self.domain or not events:
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    def _caching(self) -> bool:
        # Rasa's event streaming compares a retrieved tracker with the saved one: no cache then
        return self.cache.size > 0 and self.event_broker is None

    def _usable(self, entry: CachedTracker) -> bool:
        """The cached tracker still holds exactly its saved events (a turn that failed before
        it was saved leaves more) and belongs to the current domain."""
        return entry.domain is self.domain and len(entry.tracker.events) == entry.saved

    def _stored_state(self, connection: sa.engine.Connection, sender_id: str) -> StoredState:
        table, stored_id = self._table, self.cipher.stored_id(sender_id)
        count = sa.select(sa.func.count()).select_from(table).where(
            table.c.sender_id == stored_id).scalar_subquery()
        row = connection.execute(
            sa.select(table.c.id, table.c.data, count).where(table.c.sender_id == stored_id)
            .order_by(table.c.id.desc()).limit(1)
        ).first()
        return NOTHING_STORED if row is None else (row[2], row[0], row[1])

    def _catch_up(self, connection: sa.engine.Connection, sender_id: str,
                  entry: CachedTracker, state: StoredState) -> bool:
        """Replays rows another server appended after ``entry``; False when more changed."""
        count, newest, _token = state
        if entry.state[1] is None or newest is None or newest <= entry.state[1]:
            return False
        table = self._table
        rows = connection.execute(
            sa.select(table.c.id, table.c.data)
            .where(table.c.sender_id == self.cipher.stored_id(sender_id),
                   table.c.id > entry.state[1], table.c.id <= newest)
            .order_by(table.c.id)
        ).all()
        if not rows or count != entry.state[0] + len(rows) or rows[-1].data != state[2]:
            return False  # rows were also removed or replaced: read the session again
        events = deserialise_events([self.cipher.open(row.data) for row in rows])
        self.rows_read += len(rows)
        if any(isinstance(event, SessionStarted) for event in events):
            return False  # a new session: Rasa reads from its start
        for event in events:
            entry.tracker.update(event)
        entry.saved = len(entry.tracker.events)
        entry.state = state
        return True

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        marker = last_erase_index(tracker)
        if marker is None:
            self._append(tracker)
            return
        self.cache.drop(tracker.sender_id)
        stored_id = self.cipher.stored_id(tracker.sender_id)
        try:
            with self.session_scope() as session:
                erase_rows(session.connection(), stored_id)
                self._insert(session.connection(), tracker.sender_id, list(tracker.events)[marker + 1:])
                session.commit()
            checkpoint_sqlite(self.engine)
        except Exception:
            self.pending.add(stored_id)
            self._notices[tracker.sender_id] = ERASE_FAILED
            raise
        self.pending.discard(stored_id)
        logger.info("Erased the stored conversation of a sender on request")

    def _append(self, tracker: DialogueStateTracker) -> None:
        """Stores the events of ``tracker`` that are not stored yet, in one insert."""
        sender_id = tracker.sender_id
        entry = self.cache.get(sender_id) if self._caching() else None
        self.cache.drop(sender_id)  # back in only once the rows are committed
        with self.session_scope() as session:
            connection = session.connection()
            before = self._stored_state(connection, sender_id)
            if entry is not None and entry.tracker is tracker and entry.state == before:
                saved = entry.saved
            elif before == NOTHING_STORED:
                saved = 0
            else:  # not the cached tracker, or the rows changed: count them as Rasa does
                entry = None
                saved = self._event_query(session, sender_id, False).count()
            new = list(tracker.events)[saved:]
            self._insert(connection, sender_id, new)
            after = self._stored_state(connection, sender_id) if new else before
            session.commit()
        if (self._caching() and (entry is not None or saved == 0)
                and not any(isinstance(event, SessionStarted) for event in new)):
            self.cache.put(sender_id, CachedTracker(tracker, len(tracker.events), after, self.domain))

    def _retry_erasure(self, sender_id: str) -> None:
        """Retries an erasure that failed earlier; the person hears how it went."""
        try:
            self.erase(sender_id)
        except Exception:
            self._notices[sender_id] = ERASE_FAILED
            raise
        self.pending.discard(self.cipher.stored_id(sender_id))
        self._notices[sender_id] = ERASE_DONE_LATE
        logger.info("Erased a stored conversation whose erasure had failed before")

    def take_notice(self, sender_id: str) -> Optional[str]:
        """``ERASE_FAILED`` or ``ERASE_DONE_LATE`` once after such a turn, else None."""
        return self._notices.pop(sender_id, None)

    def erase(self, sender_id: str) -> int:
        """Deletes every stored event of ``sender_id`` now (demo cleanup); returns the count."""
        self.cache.drop(sender_id)
        with self.session_scope() as session:
            count = erase_rows(session.connection(), self.cipher.stored_id(sender_id))
            session.commit()
        checkpoint_sqlite(self.engine)
        return count

    def _insert(self, connection: sa.engine.Connection, sender_id: str, events: List[Event]) -> None:
        """One batched insert of ``events``, each sealed; nothing for no events."""
        if not events:
            return
        stored_id = self.cipher.stored_id(sender_id)
        connection.execute(self._table.insert(), [
            {"sender_id": stored_id, "type_name": event.type_name, "timestamp": event.timestamp,
             "intent_name": None, "action_name": None, "data": self.cipher.seal(event.as_dict())}
            for event in events
        ])
