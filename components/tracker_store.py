"""SQL tracker store that keeps conversations encrypted and whose erasure sticks.

Rows are written through ``actions.store.tracker_events``: the sender id is a keyed hash,
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

The URL comes from ``url:`` there, else from ``TRACKER_DB_URL`` (see actions/store/config.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, List, Optional, Sequence

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from actions.store.config import ERASE_SLOT, Settings, load_keys
from actions.store.db import checkpoint_sqlite
from actions.store.redaction import install as redact_logs
from actions.store.tracker_events import (
    TrackerCipher,
    check_keys,
    erase_rows,
    harden_sqlite,
    seal_plain_rows,
)

logger = logging.getLogger(__name__)
redact_logs()  # the Rasa server always loads this module: its logs keep people's words out


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
        with self.session_scope() as session:
            if marker is None:
                new = list(self._additional_events(session, tracker))
            else:
                erase_rows(session.connection(), self.cipher.stored_id(tracker.sender_id))
                new = events[marker + 1:]
            session.add_all(self._rows(tracker.sender_id, new))
            session.commit()
        if marker is not None:
            checkpoint_sqlite(self.engine)
            logger.info("Erased the stored conversation of a sender on request")

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
