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

endpoints.yml::

    tracker_store:
      type: components.tracker_store.ErasableSQLTrackerStore

The URL comes from ``url:`` there, else from ``TRACKER_DB_URL`` (see core/keys.py).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

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


def last_erase_index(events: Sequence[Event]) -> Optional[int]:
    """Index of the newest erase marker among ``events``, or None."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, SlotSet) and event.key == ERASE_SLOT and event.value:
            return index
    return None


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
            self._retry_erasure(sender_id)
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions).all()
            events = [self.cipher.open(row.data) for row in rows]
        if not self.domain or not events:
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        events = list(tracker.events)
        marker = last_erase_index(events)
        if marker is None:
            with self.session_scope() as session:
                session.add_all(self._rows(tracker.sender_id, self._additional_events(session, tracker)))
                session.commit()
            return
        stored_id = self.cipher.stored_id(tracker.sender_id)
        try:
            with self.session_scope() as session:
                erase_rows(session.connection(), stored_id)
                session.add_all(self._rows(tracker.sender_id, events[marker + 1:]))
                session.commit()
            checkpoint_sqlite(self.engine)
        except Exception:
            self.pending.add(stored_id)
            self._notices[tracker.sender_id] = ERASE_FAILED
            raise
        self.pending.discard(stored_id)
        logger.info("Erased the stored conversation of a sender on request")

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
        with self.session_scope() as session:
            count = erase_rows(session.connection(), self.cipher.stored_id(sender_id))
            session.commit()
        checkpoint_sqlite(self.engine)
        return count

    def _rows(self, sender_id: str, events: List[Event]) -> List[Any]:
        stored_id = self.cipher.stored_id(sender_id)
        return [
            self.SQLEvent(
                sender_id=stored_id,
                type_name=event.type_name,
                timestamp=event.timestamp,
                data=self.cipher.seal(event.as_dict()),
            )
            for event in events
        ]
