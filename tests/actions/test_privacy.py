"""Privacy actions: show, export, delete and logging, each person seeing only their own data."""

import shutil

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
from core.names import ERASE_SLOT
from testkit.trackers import action, bot, make_tracker, run_action, said, user


def confirmed(sender="alice", channel="rest"):
    """The tracker of someone who answers "ja" to the question whether to delete everything."""
    asked = [user("wis alles", "delete_my_data", channel), action(CONFIRM_QUESTION), bot("Zeker weten?")]
    return make_tracker(sender=sender, text="ja", intent="affirm", channel=channel, before=asked)


def test_show_with_nothing_yet_explains_kindly(store):
    messages, events = run_action(ActionShowReflections(lambda: store), make_tracker(sender="alice"))
    assert said(messages) == [texts.REFLECTIONS_NONE] and events == []


def test_show_is_newest_first_grouped_and_only_mine(store):
    store.add_reflection("rest", "alice", "kennen", "vraag_1", "Anna luistert goed")
    store.add_reflection("rest", "alice", "vier_lijstjes", "lijst_1", "Mijn broer")
    store.add_reflection("rest", "bob", "kennen", "vraag_1", "GEHEIM-VAN-BOB")
    store.add_reflection("telegram", "alice", "kennen", "vraag_1", "ANDER-KANAAL")
    tracker = make_tracker(sender="alice", slots={"sender_id": "bob"})
    (message,) = said(run_action(ActionShowReflections(lambda: store), tracker)[0])
    assert message.index("Vier lijstjes") < message.index("Mijn broer") < message.index("Elkaar kennen")
    assert "Anna luistert goed" in message
    assert "GEHEIM-VAN-BOB" not in message and "ANDER-KANAAL" not in message


def test_export_is_markdown_split_into_a_few_messages(store):
    for i in range(6):
        store.add_reflection("rest", "alice", "samenhang", f"vraag_{i}", f"Stuk {i}: " + "woord " * 300)
    store.add_reflection("rest", "bob", "samenhang", "vraag", "GEHEIM-VAN-BOB")
    messages = said(run_action(ActionExportReflections(lambda: store), make_tracker(sender="alice"))[0])
    assert messages[0] == texts.EXPORT_CHAT_INTRO and messages[1].startswith("# Mijn reflecties")
    assert 3 <= len(messages) <= MAX_EXPORT_MESSAGES + 1
    assert all(len(m) <= MESSAGE_CHARS for m in messages)
    joined = "\n".join(messages)
    assert all(f"Stuk {i}:" in joined for i in range(6)) and "GEHEIM-VAN-BOB" not in joined


def test_huge_export_is_cut_with_a_note(store):
    for _ in range(40):
        store.add_reflection("rest", "alice", "kennen", "vraag", "lang " * 3000)
    messages = said(run_action(ActionExportReflections(lambda: store), make_tracker(sender="alice"))[0])
    assert len(messages) == MAX_EXPORT_MESSAGES + 1 and messages[-1] == texts.EXPORT_CHAT_TRUNCATED


def test_export_with_nothing_yet(store):
    messages, _ = run_action(ActionExportReflections(lambda: store), make_tracker(sender="alice"))
    assert said(messages) == [texts.REFLECTIONS_NONE]


def test_delete_needs_the_confirmation(store):
    store.add_reflection("rest", "alice", "kennen", "s", "blijft")
    tracker = make_tracker(sender="alice", text="ja", intent="affirm")
    messages, events = run_action(ActionDeleteMyData(lambda: store), tracker)
    assert said(messages) == [CONFIRM_QUESTION] and events == []
    assert len(store.all_reflections("rest", "alice")) == 1


def test_delete_removes_mine_only_and_asks_the_tracker_store_to_erase(store):
    store.add_reflection("rest", "alice", "kennen", "s", "weg ermee")
    store.add_reflection("rest", "bob", "kennen", "s", "van bob")
    messages, events = run_action(ActionDeleteMyData(lambda: store), confirmed("alice"))
    assert said(messages) == [texts.DELETED]
    assert events == [{"event": "slot", "timestamp": None, "name": ERASE_SLOT, "value": True},
                      {"event": "slot", "timestamp": None, "name": "after_crisis", "value": None}]
    assert store.all_reflections("rest", "alice") == []
    assert [r.text for r in store.all_reflections("rest", "bob")] == ["van bob"]
    again, _ = run_action(ActionDeleteMyData(lambda: store), confirmed("alice"))
    assert said(again) == [texts.DELETED_NOTHING_STORED]


def test_delete_also_drops_the_notices_kept_of_earlier_messages(store):
    from actions.noticing.analysis import _kept_notices, analyse

    analyse("Mijn buurvrouw groet me nooit meer.")
    assert _kept_notices.cache_info().currsize > 0
    run_action(ActionDeleteMyData(lambda: store), confirmed("alice"))
    assert _kept_notices.cache_info().currsize == 0


def share(store, track):
    """Messages `log_share` sent while keeping the tracker's latest message."""
    dispatcher = CollectingDispatcher()
    log_share(dispatcher, track, lambda: store)
    return [m["text"] for m in dispatcher.messages]


def test_log_share_keeps_the_latest_message(store):
    messages = share(store, make_tracker(sender="alice", text="Ik mis mijn zus 💛", intent="share"))
    assert messages == []
    (kept,) = store.all_reflections("rest", "alice")
    assert (kept.exercise, kept.step, kept.text) == ("gesprek", "share", "Ik mis mijn zus 💛")
    assert share(store, make_tracker(sender="alice", text="/greet", intent="share")) == []
    assert len(store.all_reflections("rest", "alice")) == 1


def test_too_long_text_is_refused_kindly(store):
    dispatcher = CollectingDispatcher()
    assert log_reflection(dispatcher, make_tracker(sender="alice"), "kennen", "s", "x" * 20001,
                          store_factory=lambda: store) is None
    assert dispatcher.messages[0]["text"] == texts.TEXT_TOO_LONG.format(limit="20.000")


def test_database_down_saves_later_and_reads_fail_kindly(store, tmp_path):
    shutil.move(tmp_path / "db", tmp_path / "away")
    dispatcher = CollectingDispatcher()
    result = log_reflection(dispatcher, make_tracker(sender="alice"), "kennen", "s", "bewaar me",
                            store_factory=lambda: store)
    assert result.saved_later and dispatcher.messages[0]["text"] == texts.SAVE_DELAYED
    messages, _ = run_action(ActionShowReflections(lambda: store), make_tracker(sender="alice"))
    assert said(messages) == [texts.STORE_DOWN_READ]
    messages, _ = run_action(ActionExportReflections(lambda: store), make_tracker(sender="alice"))
    assert said(messages) == [texts.STORE_DOWN_READ]
    messages, events = run_action(ActionDeleteMyData(lambda: store), confirmed())
    assert said(messages) == [texts.STORE_DOWN_DELETE] and events == []
    shutil.move(tmp_path / "away", tmp_path / "db")
    assert [r.text for r in store.recent("rest", "alice")] == ["bewaar me"]


def test_store_that_cannot_be_built_does_not_crash():
    def broken():
        raise OSError("disk full")

    messages, _ = run_action(ActionShowReflections(broken), make_tracker(sender="alice"))
    assert said(messages) == [texts.STORE_DOWN_READ]
    dispatcher = CollectingDispatcher()
    assert log_reflection(dispatcher, make_tracker(sender="alice"), "kennen", "s", "x", store_factory=broken) is None
    assert dispatcher.messages[0]["text"] == texts.STORE_DOWN_WRITE


def test_unknown_channel_is_still_a_separate_identity(store):
    share(store, make_tracker(sender="alice", text="hoi", channel=None))
    assert len(store.all_reflections("unknown", "alice")) == 1
    assert store.all_reflections("rest", "alice") == []


def test_identity_comes_from_the_sender_prefix_not_the_latest_channel(store):
    """A REST message cannot pass for the Telegram person whose chat id it names."""
    store.add_reflection("telegram", "5001", "kennen", "wie", "mijn zus in Gent")
    spoof = make_tracker(sender="rest:5001", text="laat mijn reflecties zien", intent="show_reflections",
                         channel="telegram")
    messages, _ = run_action(ActionShowReflections(lambda: store), spoof)
    assert said(messages) == [texts.REFLECTIONS_NONE]
    run_action(ActionDeleteMyData(lambda: store), confirmed("rest:5001", channel="telegram"))
    assert len(store.all_reflections("telegram", "5001")) == 1


def test_a_person_from_before_the_prefix_keeps_their_reflections(store):
    """The person key is still HMAC(channel + raw id): prefixed trackers find old rows."""
    key_before = store.person_key("telegram", "5002")
    store.add_reflection("telegram", "5002", "kennen", "wie", "mijn buurman")
    tracker = make_tracker(sender="telegram:5002", text="laat zien", intent="show_reflections",
                           channel="telegram")
    messages, _ = run_action(ActionShowReflections(lambda: store), tracker)
    assert "mijn buurman" in said(messages)[0]
    assert store.person_key(*split_sender("telegram:5002")) == key_before
    run_action(ActionDeleteMyData(lambda: store), confirmed("telegram:5002", channel="telegram"))
    assert store.all_reflections("telegram", "5002") == []
