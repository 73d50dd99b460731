"""Erasure holds with several action servers, and a damaged spool line blocks nothing."""

from datetime import datetime, timezone

from store.models import Erasure


def spooled_reflection(store, sender: str, text: str, at: datetime) -> dict:
    """The spool entry `add_reflection` writes while the database is down."""
    return {"op": "add_reflection", "args": {
        "person": store.person_key("rest", sender), "id": f"{abs(hash(text)):032d}"[:32],
        "session_id": None, "exercise": "gesprek", "step": "gedeeld",
        "text": store._encrypt(text), "at": at.isoformat()}}


def test_spooled_writes_of_an_erased_person_are_not_replayed_by_another_server(make_store, tmp_path):
    server_a = make_store(spool_dir=tmp_path / "spool-a")
    server_b = make_store(spool_dir=tmp_path / "spool-b")
    server_a.add_reflection("rest", "anna", "gesprek", "gedeeld", "al bewaard")
    before = datetime.now(timezone.utc)
    server_b.spool.append(spooled_reflection(server_b, "anna", "nog in de wachtrij", before))

    server_a.delete_person("rest", "anna")
    assert server_b.flush_spool() == 1  # read, and dropped: the erasure came later
    assert server_a.all_reflections("rest", "anna") == []

    server_b.spool.append(spooled_reflection(server_b, "anna", "na het wissen",
                                             datetime.now(timezone.utc)))
    server_b.flush_spool()
    assert [r.text for r in server_a.all_reflections("rest", "anna")] == ["na het wissen"]


def test_erasure_drops_this_servers_own_spooled_entries_and_is_marked(make_store):
    store = make_store()
    store.spool.append(spooled_reflection(store, "bo", "wachtend", datetime.now(timezone.utc)))
    store.spool.append(spooled_reflection(store, "cas", "van iemand anders",
                                          datetime.now(timezone.utc)))
    store.delete_person("rest", "bo")
    assert store.all_reflections("rest", "bo") == []
    assert [r.text for r in store.all_reflections("rest", "cas")] == ["van iemand anders"]
    with store._sessions() as session:
        assert session.get(Erasure, store.person_key("rest", "bo")) is not None


def test_an_unreadable_spool_line_is_moved_aside_and_the_rest_replayed(make_store, caplog):
    store = make_store()
    store.spool.append(spooled_reflection(store, "dirk", "eerste", datetime.now(timezone.utc)))
    with open(store.spool.path, "ab") as spool:
        spool.write(b"gAAAAABkapotafgebroken\n")
    store.spool.append(spooled_reflection(store, "dirk", "tweede", datetime.now(timezone.utc)))

    assert store.flush_spool() == 2
    assert sorted(r.text for r in store.all_reflections("rest", "dirk")) == ["eerste", "tweede"]
    assert store.spool.bad_path.read_bytes() == b"gAAAAABkapotafgebroken\n"
    assert not store.spool.has_pending()
    assert "unreadable spool line" in caplog.text and "kapot" not in caplog.text
