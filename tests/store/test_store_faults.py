"""Database down or locked: writes wait in the encrypted spool, reads fail clearly, nothing is lost."""

import shutil
import sqlite3

import pytest
from sqlalchemy import event as sa_event

from store.repository import ReflectionStore, SaveStatus, StoreUnavailable


class Outage:
    """Makes this test's database unreachable and back: SQLite folder moved away, or PG stopped."""

    def __init__(self, request, db_url, tmp_path):
        self.sqlite = db_url.startswith("sqlite")
        self.tmp_path = tmp_path
        self.cluster = None if self.sqlite else request.getfixturevalue("postgres_cluster")

    def down(self):
        if self.sqlite:
            shutil.move(self.tmp_path / "db", self.tmp_path / "db-away")
        else:
            self.cluster.stop()

    def up(self):
        if self.sqlite:
            shutil.move(self.tmp_path / "db-away", self.tmp_path / "db")
        else:
            self.cluster.start()


@pytest.fixture
def outage(request, db_url, tmp_path):
    outage = Outage(request, db_url, tmp_path)
    yield outage
    if not outage.sqlite:
        try:
            outage.cluster.start()  # in case a test failed while the server was down
        except Exception:  # noqa: BLE001 - it was already running
            pass


def _conversation_part(store, sender, run_id, texts):
    return [store.add_reflection("web", sender, "kennen", "vraag", t, session_id=run_id) for t in texts]


def _assert_spool_is_encrypted(store, *phrases):
    raw = store.spool.path.read_bytes()
    assert raw and all(p.encode() not in raw for p in phrases)
    assert store.spool.path.stat().st_mode & 0o077 == 0


def test_database_gone_then_back(make_store, outage):
    store = make_store()
    run = store.start_session("web", "p1", "kennen").id
    _conversation_part(store, "p1", run, ["voor de storing"])
    outage.down()

    during = _conversation_part(store, "p1", run, ["tijdens 1", "tijdens 2 🌧"])
    assert [r.status for r in during] == [SaveStatus.SPOOLED] * 2 and during[0].saved_later
    assert store.save_progress("web", "p1", run, {"stap": 3}).saved_later
    assert store.start_session("web", "p1", "samenhang").saved_later
    with pytest.raises(StoreUnavailable):
        store.recent("web", "p1")
    _assert_spool_is_encrypted(store, "tijdens 1", "tijdens 2")

    outage.up()
    after = _conversation_part(store, "p1", run, ["erna"])
    assert after[0].status is SaveStatus.SAVED
    texts = [r.text for r in store.all_reflections("web", "p1")]
    assert texts == ["voor de storing", "tijdens 1", "tijdens 2 🌧", "erna"]
    assert store.open_session("web", "p1", "kennen").progress == {"stap": 3}
    assert store.open_session("web", "p1", "samenhang") is not None
    assert not store.spool.has_pending()
    store.finish_session("web", "p1", run)
    assert store.open_session("web", "p1", "kennen") is None


def test_sqlite_locked_then_released(keys, tmp_path):
    path = tmp_path / "locked.db"
    store = ReflectionStore(f"sqlite:///{path}", keys, spool_dir=tmp_path / "spool", busy_timeout=0.2)
    store.add_reflection("web", "p1", "kennen", "s", "eerst")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        assert store.add_reflection("web", "p1", "kennen", "s", "op slot").saved_later
        with pytest.raises(StoreUnavailable):
            store.recent("web", "p1")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert [r.text for r in store.recent("web", "p1")] == ["op slot", "eerst"]
    store.engine.dispose()


def test_replaying_the_spool_twice_changes_nothing(make_store, outage):
    store = make_store()
    run = store.start_session("web", "p1", "kennen").id
    outage.down()
    _conversation_part(store, "p1", run, ["een", "twee"])
    copy = store.spool.path.read_bytes()
    outage.up()
    assert store.flush_spool() == 2
    store.spool.path.write_bytes(copy)  # as if the process died before emptying the spool
    assert store.flush_spool() == 2
    assert [r.text for r in store.all_reflections("web", "p1")] == ["een", "twee"]


def test_another_process_with_the_same_keys_flushes_the_spool(make_store, outage):
    first = make_store()
    first.add_reflection("web", "p1", "kennen", "s", "start")
    outage.down()
    first.add_reflection("web", "p1", "kennen", "s", "gespoold")
    outage.up()
    second = make_store()
    assert [r.text for r in second.all_reflections("web", "p1")] == ["start", "gespoold"]


def test_connections_are_pooled_and_a_moved_or_removed_file_is_still_noticed(keys, tmp_path):
    """The pool keeps SQLite connections (issue 16), yet never writes to a file that is gone."""
    folder = tmp_path / "db"
    store = ReflectionStore(f"sqlite:///{folder}/r.db", keys, spool_dir=tmp_path / "spool")
    opened = []
    sa_event.listen(store.engine, "connect", lambda *_: opened.append(1))
    try:
        for n in range(5):
            store.add_reflection("web", "p1", "kennen", "s", f"nummer {n}")
            store.recent("web", "p1")
        assert len(opened) <= 1  # one connection (or none: the one from the schema upgrade)

        shutil.move(folder, tmp_path / "away")  # the pooled connection still has the file open
        assert store.add_reflection("web", "p1", "kennen", "s", "weg").saved_later
        with pytest.raises(StoreUnavailable):
            store.recent("web", "p1")
        shutil.move(tmp_path / "away", folder)
        assert store.add_reflection("web", "p1", "kennen", "s", "terug").status is SaveStatus.SAVED
        assert [r.text for r in store.all_reflections("web", "p1")][-2:] == ["weg", "terug"]

        (folder / "r.db").unlink()  # removed: a new empty file has no tables
        for leftover in folder.glob("r.db-*"):
            leftover.unlink()
        assert store.add_reflection("web", "p1", "kennen", "s", "na verwijderen").saved_later
    finally:
        store.engine.dispose()
