"""The reflection log end to end: what a person shares is kept for them alone, read back, exported
and deleted for good (from the reflection database and the tracker store)."""
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from core.identity import sender_key
from core.keys import load_keys
from core.settings import Settings
from store.repository import get_store
from store.tracker_events import TrackerCipher


def _db_bytes(url: str) -> bytes:
    path = Path(url.replace("sqlite:///", ""))
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_shared_text_is_kept_read_back_and_exported(assistant, sender):
    phrase = f"mijn buurvrouw {uuid.uuid4().hex[:8]}"
    assistant.say(sender, f"Ik voel me eenzaam sinds {phrase} verhuisd is")
    shown = assistant.texts(sender, "laat mijn reflecties zien")
    assert phrase in shown
    exported = assistant.texts(sender, "exporteer al mijn reflecties")
    assert phrase in exported and "# Mijn reflecties" in exported


def test_nobody_sees_another_persons_reflections(assistant, sender):
    phrase = f"geheim-{uuid.uuid4().hex[:8]}"
    assistant.say(sender, f"Ik voel me alleen, {phrase}, niemand weet het")
    other = f"other-{uuid.uuid4().hex[:8]}"
    assert phrase not in assistant.texts(other, "laat mijn reflecties zien")
    assert phrase not in assistant.texts(other, "exporteer al mijn reflecties")
    assistant.say(other, "wis al mijn gegevens")
    assistant.say(other, "ja")
    assert phrase in assistant.texts(sender, "laat mijn reflecties zien")


def test_delete_asks_first_and_then_removes_everything(assistant, sender, service_env):
    phrase = f"zeldzaam-{uuid.uuid4().hex}"
    assistant.say(sender, f"Ik voel me verdrietig om {phrase} op het werk")
    assert any(phrase in (getattr(e, "text", None) or "") for e in assistant.tracker(sender).events)
    assert phrase.encode() not in _db_bytes(service_env["TRACKER_DB_URL"])  # encrypted at rest
    question = assistant.texts(sender, "verwijder al mijn gegevens")
    assert "wissen" in question
    assert phrase in assistant.texts(sender, "laat mijn reflecties zien")  # nothing deleted yet
    assistant.texts(sender, "verwijder al mijn gegevens")
    done = assistant.texts(sender, "ja")
    assert "gewist" in done
    assistant.say(sender, "hoi")  # another turn: the tracker store must not bring rows back
    assert phrase.encode() not in _db_bytes(service_env["TRACKER_DB_URL"])
    assert phrase.encode() not in _db_bytes(service_env["REFLECTION_DB_URL"])
    cipher = TrackerCipher(load_keys(Settings.from_env()))
    engine = create_engine(service_env["TRACKER_DB_URL"], future=True)
    with engine.connect() as conn:
        rows = conn.execute(text("select data from events where sender_id = :s"),
                            {"s": cipher.stored_id(sender_key("rest", sender))}).all()
    engine.dispose()
    assert rows and all(phrase not in str(cipher.open(r.data)) for r in rows)
    assert get_store().recent("rest", sender) == []
