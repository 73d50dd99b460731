"""Privacy actions: show, export, delete and logging, each person seeing only their own data."""

import asyncio
import shutil

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.privacy import (
    CONFIRM_QUESTION,
    MAX_EXPORT_MESSAGES,
    MESSAGE_CHARS,
    ActionDeleteMyData,
    ActionExportReflections,
    ActionShowReflections,
    log_reflection,
    log_share,
)
from core import texts
from core.identity import split_sender
from core.keys import Keys
from core.names import ERASE_SLOT
from store.repository import ReflectionStore


@pytest.fixture
def store(tmp_path):
    store = ReflectionStore(f"sqlite:///{tmp_path}/db/r.db", Keys.generate(), spool_dir=tmp_path / "spool")
    yield store
    store.engine.dispose()


def tracker(sender="alice", text="hoi", intent="share", channel="rest", slots=None, before=()):
    user = {"event": "user", "text": text, "input_channel": channel,
            "parse_data": {"intent": {"name": intent}}}
    events = [*before, {"event": "action", "name": "action_listen"}, user]
    return Tracker(sender, slots or {}, {"text": text, "intent": {"name": intent}}, events,
                   False, None, {}, "action_listen")


def confirmed(sender="alice", channel="rest"):
    asked = [{"event": "user", "text": "wis alles", "input_channel": channel},
             {"event": "action", "name": CONFIRM_QUESTION},
             {"event": "bot", "text": "Zeker weten?"}]
    return tracker(sender, "ja", "affirm", channel, before=asked)


def run(action, track):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    return [m.get("text") or m.get("response") for m in dispatcher.messages], events


def test_show_with_nothing_yet_explains_kindly(store):
    messages, events = run(ActionShowReflections(lambda: store), tracker())
    assert messages == [texts.REFLECTIONS_NONE] and events == []


def test_show_is_newest_first_grouped_and_only_mine(store):
    store.add_reflection("rest", "alice", "kennen", "vraag_1", "Anna luistert goed")
    store.add_reflection("rest", "alice", "vier_lijstjes", "lijst_1", "Mijn broer")
    store.add_reflection("rest", "bob", "kennen", "vraag_1", "GEHEIM-VAN-BOB")
    store.add_reflection("telegram", "alice", "kennen", "vraag_1", "ANDER-KANAAL")
    (message,), _ = run(ActionShowReflections(lambda: store), tracker("alice", slots={"sender_id": "bob"}))
    assert message.index("Vier lijstjes") < message.index("Mijn broer") < message.index("Elkaar kennen")
    assert "Anna luistert goed" in message
    assert "GEHEIM-VAN-BOB" not in message and "ANDER-KANAAL" not in message


def test_export_is_markdown_split_into_a_few_messages(store):
    for i in range(6):
        store.add_reflection("rest", "alice", "samenhang", f"vraag_{i}", f"Stuk {i}: " + "woord " * 300)
    store.add_reflection("rest", "bob", "samenhang", "vraag", "GEHEIM-VAN-BOB")
    messages, _ = run(ActionExportReflections(lambda: store), tracker())
    assert messages[0] == texts.EXPORT_CHAT_INTRO and messages[1].startswith("# Mijn reflecties")
    assert 3 <= len(messages) <= MAX_EXPORT_MESSAGES + 1
    assert all(len(m) <= MESSAGE_CHARS for m in messages)
    joined = "\n".join(messages)
    assert all(f"Stuk {i}:" in joined for i in range(6)) and "GEHEIM-VAN-BOB" not in joined


def test_huge_export_is_cut_with_a_note(store):
    for i in range(40):
        store.add_reflection("rest", "alice", "kennen", "vraag", "lang " * 3000)
    messages, _ = run(ActionExportReflections(lambda: store), tracker())
    assert len(messages) == MAX_EXPORT_MESSAGES + 1 and messages[-1] == texts.EXPORT_CHAT_TRUNCATED


def test_export_with_nothing_yet(store):
    assert run(ActionExportReflections(lambda: store), tracker())[0] == [texts.REFLECTIONS_NONE]


def test_delete_needs_the_confirmation(store):
    store.add_reflection("rest", "alice", "kennen", "s", "blijft")
    messages, events = run(ActionDeleteMyData(lambda: store), tracker("alice", "ja", "affirm"))
    assert messages == [CONFIRM_QUESTION] and events == []
    assert len(store.all_reflections("rest", "alice")) == 1


def test_delete_removes_mine_only_and_asks_the_tracker_store_to_erase(store):
    store.add_reflection("rest", "alice", "kennen", "s", "weg ermee")
    store.add_reflection("rest", "bob", "kennen", "s", "van bob")
    messages, events = run(ActionDeleteMyData(lambda: store), confirmed("alice"))
    assert messages == [texts.DELETED]
    assert events == [{"event": "slot", "timestamp": None, "name": ERASE_SLOT, "value": True},
                      {"event": "slot", "timestamp": None, "name": "after_crisis", "value": None}]
    assert store.all_reflections("rest", "alice") == []
    assert [r.text for r in store.all_reflections("rest", "bob")] == ["van bob"]
    again, _ = run(ActionDeleteMyData(lambda: store), confirmed("alice"))
    assert again == [texts.DELETED_NOTHING_STORED]


def share(store, track):
    """Messages `log_share` sent while keeping the tracker's latest message."""
    dispatcher = CollectingDispatcher()
    log_share(dispatcher, track, lambda: store)
    return [m["text"] for m in dispatcher.messages]


def test_log_share_keeps_the_latest_message(store):
    messages = share(store, tracker(text="Ik mis mijn zus 💛", intent="share"))
    assert messages == []
    (kept,) = store.all_reflections("rest", "alice")
    assert (kept.exercise, kept.step, kept.text) == ("gesprek", "share", "Ik mis mijn zus 💛")
    assert share(store, tracker(text="/greet")) == []
    assert len(store.all_reflections("rest", "alice")) == 1


def test_too_long_text_is_refused_kindly(store):
    dispatcher = CollectingDispatcher()
    assert log_reflection(dispatcher, tracker(), "kennen", "s", "x" * 20001, store_factory=lambda: store) is None
    assert dispatcher.messages[0]["text"] == texts.TEXT_TOO_LONG.format(limit="20.000")


def test_database_down_saves_later_and_reads_fail_kindly(store, tmp_path):
    shutil.move(tmp_path / "db", tmp_path / "away")
    dispatcher = CollectingDispatcher()
    result = log_reflection(dispatcher, tracker(), "kennen", "s", "bewaar me", store_factory=lambda: store)
    assert result.saved_later and dispatcher.messages[0]["text"] == texts.SAVE_DELAYED
    assert run(ActionShowReflections(lambda: store), tracker())[0] == [texts.STORE_DOWN_READ]
    assert run(ActionExportReflections(lambda: store), tracker())[0] == [texts.STORE_DOWN_READ]
    assert run(ActionDeleteMyData(lambda: store), confirmed()) == ([texts.STORE_DOWN_DELETE], [])
    shutil.move(tmp_path / "away", tmp_path / "db")
    assert [r.text for r in store.recent("rest", "alice")] == ["bewaar me"]


def test_store_that_cannot_be_built_does_not_crash():
    def broken():
        raise OSError("disk full")

    assert run(ActionShowReflections(broken), tracker())[0] == [texts.STORE_DOWN_READ]
    dispatcher = CollectingDispatcher()
    assert log_reflection(dispatcher, tracker(), "kennen", "s", "x", store_factory=broken) is None
    assert dispatcher.messages[0]["text"] == texts.STORE_DOWN_WRITE


def test_unknown_channel_is_still_a_separate_identity(store):
    track = Tracker("alice", {}, {"text": "hoi"}, [], False, None, {}, "action_listen")
    share(store, track)
    assert len(store.all_reflections("unknown", "alice")) == 1
    assert store.all_reflections("rest", "alice") == []


def test_identity_comes_from_the_sender_prefix_not_the_latest_channel(store):
    """A REST message cannot pass for the Telegram person whose chat id it names."""
    store.add_reflection("telegram", "5001", "kennen", "wie", "mijn zus in Gent")
    spoof = tracker("rest:5001", "laat mijn reflecties zien", "show_reflections", channel="telegram")
    messages, _ = run(ActionShowReflections(lambda: store), spoof)
    assert messages == [texts.REFLECTIONS_NONE]
    run(ActionDeleteMyData(lambda: store), confirmed("rest:5001", channel="telegram"))
    assert len(store.all_reflections("telegram", "5001")) == 1


def test_a_person_from_before_the_prefix_keeps_their_reflections(store):
    """The person key is still HMAC(channel + raw id): prefixed trackers find old rows."""
    key_before = store.person_key("telegram", "5002")
    store.add_reflection("telegram", "5002", "kennen", "wie", "mijn buurman")
    messages, _ = run(ActionShowReflections(lambda: store),
                      tracker("telegram:5002", "laat zien", "show_reflections", channel="telegram"))
    assert "mijn buurman" in messages[0]
    assert store.person_key(*split_sender("telegram:5002")) == key_before
    run(ActionDeleteMyData(lambda: store), confirmed("telegram:5002", channel="telegram"))
    assert store.all_reflections("telegram", "5002") == []
