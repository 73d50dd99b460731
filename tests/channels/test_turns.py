"""The shared turn wrapper tells a person when their erasure failed, and when a retry worked."""

import asyncio
from types import SimpleNamespace

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.turns import guard_turns
from core.texts import DELETED, ERASE_DONE_LATE_TEXT, ERASE_FAILED_TEXT


class Store:
    """Stands in for the tracker store's notice book (components/tracker_store.py)."""

    def __init__(self, notices):
        self.notices = notices

    def take_notice(self, sender_id):
        return self.notices.pop(sender_id, None)


def turn(notices, reply):
    async def assistant(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": reply})

    wrapped_store = SimpleNamespace(_tracker_store=Store(notices))  # as Rasa wraps it
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=wrapped_store)))
    output = CollectingOutputChannel()
    result = asyncio.run(guard_turns(assistant, lambda: app)(
        UserMessage("ja", output, "anna", input_channel="rest")))
    return result, [m["text"] for m in output.messages], [m["recipient_id"] for m in output.messages]


def test_a_failed_erasure_is_told_at_once_and_the_session_kept_for_the_retry():
    result, texts, recipients = turn({"rest:anna": "erase_failed"}, DELETED)
    assert texts == [DELETED, ERASE_FAILED_TEXT] and set(recipients) == {"anna"}
    assert not result.erased


def test_a_retried_erasure_is_told_on_the_next_turn():
    result, texts, _ = turn({"rest:anna": "erase_done_late"}, "Fijn dat je er weer bent.")
    assert texts == ["Fijn dat je er weer bent.", ERASE_DONE_LATE_TEXT] and result.erased


def test_nothing_extra_without_a_notice():
    result, texts, _ = turn({}, DELETED)
    assert texts == [DELETED] and result.erased
