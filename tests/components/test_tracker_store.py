"""The erasable tracker store: erasure sticks across turns and leaves no text in the SQLite file."""

import asyncio
import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from actions.store.config import ERASE_SLOT
from components.tracker_store import ErasableSQLTrackerStore, purge_events_older_than

DOMAIN = Domain.from_dict(
    {
        "intents": ["share", "affirm"],
        "slots": {ERASE_SLOT: {"type": "any", "influence_conversation": False,
                                "mappings": [{"type": "custom"}]}},
        "actions": ["action_delete_my_data"],
    }
)
PHRASE = "paarse-olifant-7781"


def run(coroutine):
    return asyncio.run(coroutine)


def file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


def turn(tracker, *events):
    for event in events:
        tracker.update(event)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def store(db):
    store = ErasableSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")
    yield store
    store.engine.dispose()


def chat_with_phrase(store, sender="alice"):
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    turn(tracker, ActionExecuted("action_session_start"), SessionStarted(),
         ActionExecuted("action_listen"), UserUttered(f"ik noem dit {PHRASE}", {"name": "share"}),
         BotUttered(f"je zei {PHRASE}"), ActionExecuted("action_listen"))
    run(store.save(tracker))
    return tracker


def test_plain_sql_tracker_store_brings_deleted_rows_back(db):
    """The problem this store solves (Rasa 3.6 behaviour)."""
    plain = SQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")
    tracker = chat_with_phrase(plain)
    with plain.session_scope() as session:
        session.query(plain.SQLEvent).delete()
        session.commit()
    turn(tracker, UserUttered("ja", {"name": "affirm"}))
    run(plain.save(tracker))
    assert PHRASE in run(plain.retrieve("alice")).events[3].text


def test_erase_sticks_and_leaves_no_trace_in_the_file(store, db):
    tracker = chat_with_phrase(store)
    other = chat_with_phrase(store, sender="bob")
    assert PHRASE.encode() in file_bytes(db)

    turn(tracker, UserUttered("ja, wis alles", {"name": "affirm"}),
         ActionExecuted("action_delete_my_data"), BotUttered("Het is gebeurd."),
         SlotSet(ERASE_SLOT, True), ActionExecuted("action_listen"))
    run(store.save(tracker))
    run(store.save(tracker))  # saving the same in-memory tracker again changes nothing

    kept = run(store.retrieve("alice"))
    assert [e.as_dict()["event"] for e in kept.events] == ["action"]
    assert kept.get_slot(ERASE_SLOT) is None

    turn(kept, UserUttered("hallo weer", {"name": "share"}), ActionExecuted("action_listen"))
    run(store.save(kept))
    texts = [getattr(e, "text", None) for e in run(store.retrieve_full_tracker("alice")).events]
    assert "hallo weer" in texts and not any(PHRASE in (t or "") for t in texts)

    assert PHRASE in run(store.retrieve("bob")).events[3].text  # others untouched
    turn(other, SlotSet(ERASE_SLOT, True))
    run(store.save(other))
    assert PHRASE.encode() not in file_bytes(db)


def test_retention_purges_old_events(store, db):
    tracker = chat_with_phrase(store)
    with store.session_scope() as session:
        session.query(store.SQLEvent).filter(store.SQLEvent.type_name == "user").update(
            {"timestamp": time.time() - 40 * 86400}
        )
        session.commit()
    assert purge_events_older_than(f"sqlite:///{db}", 30) == 1
    left = run(store.retrieve_full_tracker("alice")).events
    assert len(left) == len(tracker.events) - 1 and all(e.as_dict()["event"] != "user" for e in left)
    assert purge_events_older_than(f"sqlite:///{db.parent}/missing.db", 30) == 0
    assert not (db.parent / "missing.db").exists()


def test_endpoint_config_uses_tracker_db_url(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path}/sub/from-env.db"
    monkeypatch.setenv("TRACKER_DB_URL", url)
    store = TrackerStore.create(
        EndpointConfig(type="components.tracker_store.ErasableSQLTrackerStore"), DOMAIN
    )
    assert isinstance(store, ErasableSQLTrackerStore)
    assert str(store.engine.url) == url
    store.engine.dispose()
