"""The tracker store: encrypted at rest with keyed sender ids; erasure sticks and leaves no text."""

import asyncio
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from components import tracker_store as tracker_store_module
from components.tracker_store import ErasableSQLTrackerStore
from core.keys import Keys
from core.names import ERASE_SLOT
from store.tracker_events import EVENTS, KeyMismatch, purge_events_older_than

DOMAIN = Domain.from_dict(
    {
        "intents": ["share", "affirm"],
        "slots": {ERASE_SLOT: {"type": "any", "influence_conversation": False,
                                "mappings": [{"type": "custom"}]}},
        "actions": ["action_delete_my_data"],
    }
)
PHRASE = "paarse-olifant-7781"


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


def rows(db: Path):
    engine = sa.create_engine(f"sqlite:///{db}", future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.select(EVENTS)).all()
    finally:
        engine.dispose()


def chat_with_phrase(store, sender="alice", channel="rest"):
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    turn(tracker, ActionExecuted("action_session_start"), SessionStarted(),
         ActionExecuted("action_listen"),
         UserUttered(f"ik noem dit {PHRASE}", {"name": "share"}, input_channel=channel),
         BotUttered(f"je zei {PHRASE}"), ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    return tracker


def test_plain_sql_tracker_store_brings_deleted_rows_back(db):
    """The problem this store solves (Rasa 3.6 behaviour)."""
    plain = SQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")
    tracker = chat_with_phrase(plain)
    with plain.session_scope() as session:
        session.query(plain.SQLEvent).delete()
        session.commit()
    turn(tracker, UserUttered("ja", {"name": "affirm"}))
    asyncio.run(plain.save(tracker))
    assert PHRASE in asyncio.run(plain.retrieve("alice")).events[3].text


def test_rows_keep_no_readable_text_sender_id_intent_or_action(store, db):
    chat_with_phrase(store, sender="telegram:555123")
    stored = rows(db)
    assert stored and PHRASE.encode() not in file_bytes(db) and b"555123" not in file_bytes(db)
    assert {row.sender_id for row in stored} == {store.cipher.stored_id("telegram:555123")}
    assert all(row.intent_name is None and row.action_name is None for row in stored)
    assert {row.type_name for row in stored} >= {"user", "bot", "action"}  # what stays plain
    assert PHRASE in asyncio.run(store.retrieve("telegram:555123")).events[3].text


def test_erase_sticks_and_no_row_of_that_person_is_left(store, db):
    tracker = chat_with_phrase(store)
    other = chat_with_phrase(store, sender="bob")

    turn(tracker, UserUttered("ja, wis alles", {"name": "affirm"}),
         ActionExecuted("action_delete_my_data"), BotUttered("Het is gebeurd."),
         SlotSet(ERASE_SLOT, True), ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(tracker))  # saving the same in-memory tracker again changes nothing

    kept = asyncio.run(store.retrieve("alice"))
    assert [e.as_dict()["event"] for e in kept.events] == ["action"]
    assert kept.get_slot(ERASE_SLOT) is None
    alice = store.cipher.stored_id("alice")
    left = [store.cipher.open(r.data) for r in rows(db) if r.sender_id == alice]
    assert left == [kept.events[0].as_dict()]

    turn(kept, UserUttered("hallo weer", {"name": "share"}), ActionExecuted("action_listen"))
    asyncio.run(store.save(kept))
    texts = [getattr(e, "text", None) for e in asyncio.run(store.retrieve_full_tracker("alice")).events]
    assert "hallo weer" in texts and not any(PHRASE in (t or "") for t in texts)

    assert PHRASE in asyncio.run(store.retrieve("bob")).events[3].text  # others untouched
    turn(other, SlotSet(ERASE_SLOT, True))
    asyncio.run(store.save(other))
    decrypted = [store.cipher.open(r.data) for r in rows(db)]
    assert not any(PHRASE in str(event) for event in decrypted)
    assert store.erase("alice") == 3 and all(r.sender_id != alice for r in rows(db))


def test_plain_rows_of_an_older_version_are_sealed_and_stay_reachable(db):
    plain = SQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")
    chat_with_phrase(plain, sender="555123", channel="telegram")
    plain.engine.dispose()
    assert PHRASE.encode() in file_bytes(db)

    store = ErasableSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")
    try:
        assert PHRASE.encode() not in file_bytes(db)
        assert PHRASE in asyncio.run(store.retrieve("telegram:555123")).events[3].text
    finally:
        store.engine.dispose()


def test_a_failed_erasure_is_reported_and_retried_on_the_next_turn(store, db, monkeypatch):
    tracker = chat_with_phrase(store)
    turn(tracker, ActionExecuted("action_delete_my_data"), SlotSet(ERASE_SLOT, True))

    def database_gone(*_args):
        raise sa.exc.OperationalError("DELETE", {}, Exception("disk I/O error"))

    monkeypatch.setattr(tracker_store_module, "erase_rows", database_gone)
    with pytest.raises(sa.exc.OperationalError):
        asyncio.run(store.save(tracker))
    assert store.take_notice("alice") == tracker_store_module.ERASE_FAILED
    assert store.take_notice("alice") is None  # told once
    monkeypatch.undo()

    restarted = ErasableSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")  # survives a restart
    try:
        assert asyncio.run(restarted.retrieve("alice")) is None  # retried first: nothing left to read
        assert restarted.take_notice("alice") == tracker_store_module.ERASE_DONE_LATE
        assert restarted.cipher.stored_id("alice") not in restarted.pending
        assert asyncio.run(restarted.retrieve("bob")) is None and restarted.take_notice("bob") is None
    finally:
        restarted.engine.dispose()


def test_replaced_keys_stop_the_store_instead_of_hiding_the_data(store, db, monkeypatch):
    chat_with_phrase(store)
    other = Keys.generate()
    monkeypatch.setenv("REFLECTION_HMAC_KEY", other.hmac_key.hex())
    monkeypatch.setenv("REFLECTION_FERNET_KEY", other.fernet_keys[0])
    with pytest.raises(KeyMismatch):
        ErasableSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")


def test_retention_purges_old_events(store, db):
    tracker = chat_with_phrase(store)
    with store.session_scope() as session:
        session.query(store.SQLEvent).filter(store.SQLEvent.type_name == "user").update(
            {"timestamp": time.time() - 40 * 86400}
        )
        session.commit()
    assert purge_events_older_than(f"sqlite:///{db}", 30) == 1
    left = asyncio.run(store.retrieve_full_tracker("alice")).events
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


# --- the per-conversation cache (issue 16): only new rows, safe with two servers -------------


@contextmanager
def second_store(db):
    """Another server's tracker store on the same database."""
    other = ErasableSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")
    try:
        yield other
    finally:
        other.engine.dispose()


def alice_after_a_turn(store):
    """Alice's conversation read back, with one more turn saved."""
    chat_with_phrase(store)
    tracker = asyncio.run(store.retrieve("alice"))
    a_turn(tracker, 1)
    asyncio.run(store.save(tracker))
    return tracker


def a_turn(tracker, n):
    turn(tracker, UserUttered(f"bericht {n}", {"name": "share"}), ActionExecuted("utter_x"),
         BotUttered(f"antwoord {n}"), ActionExecuted("action_listen"))


def stored_rows(db, store, sender="alice"):
    return [r for r in rows(db) if r.sender_id == store.cipher.stored_id(sender)]


def test_a_turn_reads_no_rows_once_the_conversation_is_cached(store, db):
    chat_with_phrase(store)
    tracker = asyncio.run(store.retrieve("alice"))  # a new session was saved: read once
    for n in range(20):
        tracker = asyncio.run(store.retrieve("alice"))
        read = store.rows_read
        a_turn(tracker, n)
        asyncio.run(store.save(tracker))
        assert store.rows_read == read  # saving counted and read nothing
    read = store.rows_read
    again = asyncio.run(store.retrieve("alice"))
    assert store.rows_read == read and len(again.events) == len(tracker.events)
    assert len(stored_rows(db, store)) == len(tracker.events) + 1  # + action_session_start
    assert all(PHRASE.encode() not in r.data.encode() for r in rows(db))  # still sealed
    with second_store(db) as fresh:  # what is stored is what the cache holds
        reread = asyncio.run(fresh.retrieve("alice"))
        assert [e.as_dict() for e in reread.events] == [e.as_dict() for e in again.events]


def test_a_second_servers_turn_is_seen_and_only_its_rows_are_read(store, db):
    alice_after_a_turn(store)
    with second_store(db) as other:
        theirs = asyncio.run(other.retrieve("alice"))
        a_turn(theirs, 2)
        asyncio.run(other.save(theirs))
        read = store.rows_read
        mine = asyncio.run(store.retrieve("alice"))
        assert store.rows_read - read == 4  # the four events of the other server's turn
        assert [e.as_dict() for e in mine.events] == [e.as_dict() for e in theirs.events]
        a_turn(mine, 3)
        asyncio.run(store.save(mine))
        assert len(stored_rows(db, store)) == len(mine.events) + 1  # nothing doubled or lost
        back = asyncio.run(other.retrieve("alice"))
        assert "bericht 3" in [getattr(e, "text", None) for e in back.events]


def test_the_cache_never_serves_a_conversation_erased_elsewhere(store, db):
    alice_after_a_turn(store)
    with second_store(db) as other:  # "wis mijn gegevens" on the other server
        theirs = asyncio.run(other.retrieve("alice"))
        turn(theirs, ActionExecuted("action_delete_my_data"), SlotSet(ERASE_SLOT, True),
             ActionExecuted("action_listen"))
        asyncio.run(other.save(theirs))
    kept = asyncio.run(store.retrieve("alice"))
    assert [e.as_dict()["event"] for e in kept.events] == ["action"]
    assert not any(PHRASE in str(e.as_dict()) for e in kept.events)

    store.erase("alice")
    assert asyncio.run(store.retrieve("alice")) is None
    chat_with_phrase(store)
    asyncio.run(store.retrieve("alice"))
    erase_events = tracker_store_module.erase_rows
    engine = sa.create_engine(f"sqlite:///{db}", future=True)
    try:  # the operator's erasure, in another process: every row gone
        with engine.begin() as connection:
            erase_events(connection, store.cipher.stored_id("alice"))
    finally:
        engine.dispose()
    assert asyncio.run(store.retrieve("alice")) is None


def test_rows_replaced_under_the_same_ids_are_noticed(store, db):
    """SQLite re-uses the highest ids after a delete: the newest row's token tells them apart."""
    chat_with_phrase(store)
    cached = asyncio.run(store.retrieve("alice"))
    stored_id = store.cipher.stored_id("alice")
    engine = sa.create_engine(f"sqlite:///{db}", future=True)
    try:
        with engine.begin() as connection:
            newest = connection.execute(sa.select(sa.func.max(EVENTS.c.id))).scalar_one()
            connection.execute(EVENTS.update().where(EVENTS.c.id == newest).values(
                data=store.cipher.seal(BotUttered("iets anders").as_dict())))
    finally:
        engine.dispose()
    again = asyncio.run(store.retrieve("alice"))
    assert again is not cached and again.events[-1].text == "iets anders"
    assert len(stored_rows(db, store)) == len(again.events) + 1 and stored_id


def test_a_turn_that_failed_before_saving_is_not_served_from_the_cache(store, db):
    chat_with_phrase(store)
    tracker = asyncio.run(store.retrieve("alice"))
    a_turn(tracker, 1)  # processed, then the turn failed: never saved
    again = asyncio.run(store.retrieve("alice"))
    assert "bericht 1" not in [getattr(e, "text", None) for e in again.events]


def test_retention_elsewhere_and_a_new_session_read_the_session_again(store, db):
    tracker = chat_with_phrase(store)
    tracker = asyncio.run(store.retrieve("alice"))
    a_turn(tracker, 1)
    asyncio.run(store.save(tracker))
    with store.session_scope() as session:  # the purge, as if from the operator's CLI
        session.query(store.SQLEvent).filter(store.SQLEvent.type_name == "bot").update(
            {"timestamp": time.time() - 40 * 86400})
        session.commit()
    assert purge_events_older_than(f"sqlite:///{db}", 30) == 2
    full = asyncio.run(store.retrieve_full_tracker("alice"))
    assert all(e.as_dict()["event"] != "bot" for e in full.events)
    kept = asyncio.run(store.retrieve("alice"))
    assert kept is not tracker and not any(e.as_dict()["event"] == "bot" for e in kept.events)

    turn(kept, ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"))
    asyncio.run(store.save(kept))
    new_session = asyncio.run(store.retrieve("alice"))
    assert new_session is not kept and new_session.events[0].as_dict()["event"] == "session_started"


def test_no_cache_when_switched_off(db, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE_SIZE", "0")
    with second_store(db) as plain:
        chat_with_phrase(plain)
        first = asyncio.run(plain.retrieve("alice"))
        assert asyncio.run(plain.retrieve("alice")) is not first and len(plain.cache) == 0


def test_the_erase_marker_is_found_as_a_full_scan_finds_it():
    """The scan for the newest erase marker goes on from its last call on the same tracker."""
    import random

    def full_scan(events):
        return next((i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], SlotSet)
                     and events[i].key == ERASE_SLOT and events[i].value), None)

    rng = random.Random(7)
    choices = [lambda: UserUttered("hoi"), lambda: ActionExecuted("action_listen"),
               lambda: SlotSet(ERASE_SLOT, True), lambda: SlotSet(ERASE_SLOT, None),
               lambda: SlotSet("andere", True), lambda: BotUttered("dag")]
    for _ in range(20):
        tracker = DialogueStateTracker("rest:x", None)
        for _ in range(60):
            tracker.update(rng.choice(choices)())
            assert tracker_store_module.last_erase_index(tracker) == full_scan(tracker.events)
        tracker.events = type(tracker.events)([UserUttered("opnieuw")] + list(tracker.events)[-5:])
        assert tracker_store_module.last_erase_index(tracker) == full_scan(tracker.events)
