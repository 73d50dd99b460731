"""The operator CLI deletes a person's conversation under the tracker's prefixed sender id."""
import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.tracker_store import ErasableSQLTrackerStore
from core.keys import create_key_file
from store.cli import main
from store.repository import get_store


def test_delete_erases_the_prefixed_conversation_only(private_var, tmp_path, capsys):
    create_key_file(tmp_path / "keys.json")
    trackers = ErasableSQLTrackerStore(Domain.empty())
    for sender in ("telegram:5001", "rest:5001"):
        tracker = DialogueStateTracker(sender, [])
        tracker.update(UserUttered("hoi", input_channel=sender.split(":")[0]))
        asyncio.run(trackers.save(tracker))
    try:
        assert main(["delete", "telegram:5001"]) == 0
        assert "tracker_events=1" in capsys.readouterr().out
        assert not asyncio.run(trackers.retrieve("telegram:5001"))
        assert asyncio.run(trackers.retrieve("rest:5001")).events
    finally:
        trackers.engine.dispose()
        get_store().engine.dispose()
        get_store.cache_clear()
