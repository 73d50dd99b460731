"""The reflection store on SQLite and PostgreSQL: round trips, isolation, encryption, load."""

import threading
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text, update

from store.models import Base, Reflection, ReflectionSession, utcnow
from store.repository import SaveStatus, SessionNotFound, TextTooLong

ODD_TEXTS = [
    "",
    " ",
    "Gewoon een zin.",
    "😀 👩‍👩‍👧 🇧🇪 ❤️",
    "‘enkel’ “dubbel” „Nederlands” ‹›«»",
    "e\u0301e\u0300n combining accents, Å vs A\u030a",
    "שלום עולם مرحبا \u202eomgekeerd\u202c",
    "zero\u200bwidth\u200c\u200d\ufeffjoiners\u2060",
    "nul\x00byte en \ttab\r\nCRLF",
    "losse surrogaat \ud800 blijft",
    "x" * 20000,
]


def test_odd_texts_come_back_exactly(store):
    ids = [store.add_reflection("web", "p1", "kennen", f"s{i}", t).id for i, t in enumerate(ODD_TEXTS)]
    back = {r.id: r.text for r in store.all_reflections("web", "p1")}
    assert [back[i] for i in ids] == ODD_TEXTS


def test_too_long_text_is_refused_and_nothing_stored(store):
    with pytest.raises(TextTooLong) as refused:
        store.add_reflection("web", "p1", "kennen", "s", "y" * 100_000)
    assert refused.value.limit == 20000 and refused.value.length == 100_000
    assert store.all_reflections("web", "p1") == []


def test_text_and_progress_are_encrypted_at_rest(store):
    phrase = "mijn-geheime-zin-42"
    run = store.start_session("web", "p1", "kennen", {"antwoord": phrase})
    store.add_reflection("web", "p1", "kennen", "s", phrase, session_id=run.id)
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT text FROM reflections")).scalars().all()
        progress = connection.execute(text("SELECT progress FROM reflection_sessions")).scalar()
        keys = connection.execute(text("SELECT key FROM persons")).scalars().all()
    assert phrase not in rows[0] and phrase not in progress
    assert keys == [store.person_key("web", "p1")] and "p1" not in keys[0]


def test_people_never_see_each_other(store):
    store.add_reflection("web", "same-id", "kennen", "s", "van web")
    store.add_reflection("telegram", "same-id", "kennen", "s", "van telegram")
    store.add_reflection("web", "other", "kennen", "s", "van iemand anders")
    assert [r.text for r in store.all_reflections("web", "same-id")] == ["van web"]
    assert [r.text for r in store.recent("telegram", "same-id", 10)] == ["van telegram"]
    counts = store.delete_person("web", "same-id")
    assert counts == {"reflections": 1, "sessions": 0, "persons": 1}
    assert [r.text for r in store.all_reflections("web", "other")] == ["van iemand anders"]
    assert [r.text for r in store.all_reflections("telegram", "same-id")] == ["van telegram"]


def test_sessions_resume_finish_and_belong_to_their_person(store):
    run = store.start_session("web", "p1", "vier_lijstjes", {"lijst": 1})
    assert run.status is SaveStatus.SAVED
    store.save_progress("web", "p1", run.id, {"lijst": 2, "antwoorden": ["Ann 😊"]})
    resumed = store.open_session("web", "p1", "vier_lijstjes")
    assert resumed.id == run.id and resumed.progress == {"lijst": 2, "antwoorden": ["Ann 😊"]}
    assert store.open_session("web", "p1", "kennen") is None
    with pytest.raises(SessionNotFound):
        store.save_progress("web", "intruder", run.id, {"lijst": 9})
    with pytest.raises(SessionNotFound):
        store.add_reflection("web", "intruder", "vier_lijstjes", "s", "x", session_id=run.id)
    with pytest.raises(SessionNotFound):
        store.finish_session("web", "intruder", run.id)
    store.finish_session("web", "p1", run.id, "stopped")
    assert store.open_session("web", "p1") is None
    activity = store.last_activity("web", "p1")
    assert (activity.exercise, activity.status, activity.session_id) == ("vier_lijstjes", "stopped", run.id)
    assert store.last_activity("web", "nobody") is None


def test_recent_is_newest_first_and_export_is_grouped(store):
    for i in range(5):
        store.add_reflection("web", "p1", "kennen" if i % 2 else "samenhang", f"vraag_{i}", f"tekst {i}")
    assert [r.text for r in store.recent("web", "p1", 3)] == ["tekst 4", "tekst 3", "tekst 2"]
    assert [r.text for r in store.all_reflections("web", "p1")] == [f"tekst {i}" for i in range(5)]
    document = store.export_markdown("web", "p1")
    assert document.startswith("# Mijn reflecties")
    samenhang, kennen = document.index("## Gevoel van samenhang"), document.index("## Elkaar kennen")
    assert samenhang < kennen
    assert document.index("tekst 0") < document.index("tekst 2") < document.index("tekst 4") < kennen
    assert "vraag 1" in document


def test_purge_removes_only_old_data(store):
    old = store.add_reflection("web", "p1", "kennen", "s", "oud").id
    run = store.start_session("web", "p2", "kennen").id
    store.add_reflection("web", "p1", "kennen", "s", "nieuw")
    long_ago = utcnow() - timedelta(days=400)
    with store.engine.begin() as connection:
        connection.execute(update(Reflection).where(Reflection.id == old).values(created_at=long_ago))
        connection.execute(
            update(ReflectionSession).where(ReflectionSession.id == run).values(updated_at=long_ago)
        )
    counts = store.purge_older_than(365)
    assert counts["reflections"] == 1 and counts["sessions"] == 1
    assert [r.text for r in store.all_reflections("web", "p1")] == ["nieuw"]
    assert store.last_activity("web", "p2") is None


def test_fifty_concurrent_conversations_lose_and_mix_nothing(make_store):
    store = make_store()
    errors, per_person = [], 4
    start = threading.Barrier(50)

    def conversation(n: int) -> None:
        try:
            start.wait()
            run = store.start_session("web", f"person-{n}", "kennen").id
            for step in range(per_person):
                result = store.add_reflection(
                    "web", f"person-{n}", "kennen", f"vraag_{step}", f"p{n}-s{step}", session_id=run
                )
                assert result.status is SaveStatus.SAVED
            store.finish_session("web", f"person-{n}", run)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=conversation, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.count_persons() == 50
    for n in range(50):
        texts = [r.text for r in store.all_reflections("web", f"person-{n}")]
        assert texts == [f"p{n}-s{step}" for step in range(per_person)]


def test_schema_comes_from_alembic_and_matches_the_models(store):
    store.recent("web", "p1", 1)  # first use upgrades to head
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002_erasures"
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    second = type(store)(store.engine, store._keys, spool_dir=store.spool.directory)
    assert second.recent("web", "p1", 1) == []  # upgrading again is a no-op
