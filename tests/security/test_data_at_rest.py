"""A copied var/ folder reveals nothing, and an erased person is gone, checked with the keys."""

import json
import uuid
from pathlib import Path

import sqlalchemy as sa

from core.keys import load_keys
from core.settings import Settings
from store.models import Reflection
from store.repository import ReflectionStore
from store.tracker_events import EVENTS, TrackerCipher


def var_bytes(var: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(var.rglob("*")) if p.is_file())


def tracker_rows(settings: Settings):
    engine = sa.create_engine(settings.tracker_db_url, future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.select(EVENTS)).all()
    finally:
        engine.dispose()


def test_no_file_under_var_holds_what_people_wrote_before_or_after_erasure(started):
    phrase = f"zeppelinvlinder{uuid.uuid4().hex[:8]}"
    sender = f"anna-{uuid.uuid4().hex[:8]}"
    started.say(sender, f"ik voel me alleen sinds {phrase} verhuisde")
    started.say(sender, "/start_exercise{\"exercise\": \"kennen\"}")
    started.say(sender, f"mijn zus {phrase}")
    started.say(sender, "/stop_exercise")
    assert phrase in started.texts(sender, "laat mijn reflecties zien")
    assert phrase.encode() not in var_bytes(started.var)
    assert sender.encode() not in var_bytes(started.var)

    started.say(sender, "wis mijn gegevens")
    started.say(sender, "/affirm")
    assert phrase.encode() not in var_bytes(started.var)

    settings = Settings.from_env({"VAR_DIR": str(started.var)})
    keys = load_keys(settings, env={})
    cipher = TrackerCipher(keys)
    decrypted = [json.dumps(cipher.open(row.data)) for row in tracker_rows(settings)]
    assert decrypted and not any(phrase in event for event in decrypted)

    store = ReflectionStore(settings.db_url, keys, spool_dir=settings.spool_dir)
    try:
        assert store.all_reflections("rest", sender) == []
        with store._sessions() as session:
            texts = [store._decrypt(t) for t in session.execute(sa.select(Reflection.text)).scalars()]
        assert not any(phrase in text for text in texts)
        with store.spool.locked():
            assert not any(phrase in json.dumps(entry) for entry in store.spool.read())
    finally:
        store.engine.dispose()


def test_logs_keep_no_message_text(started):
    phrase = f"logvlinder{uuid.uuid4().hex[:8]}"
    started.say(f"bo-{uuid.uuid4().hex[:6]}", f"vandaag dacht ik aan {phrase}")
    for log in ("rasa.log", "actions.log"):
        assert phrase not in (started.var / log).read_text(errors="replace"), log
