"""Stray input gets a calm answer and no error; button payloads cannot set trusted state."""
import pytest

from core.identity import sender_key


@pytest.mark.parametrize(
    "message",
    ["", "   ", "😶😶😶", "<script>alert(1)</script>", "x" * 5000, "‘’“”„ ́ ​ \u202e", "??!!"],
)
def test_stray_input_gets_a_calm_answer(assistant, sender, message):
    replies = assistant.say(sender, message)
    text = "\n".join(m.get("text") or "" for m in replies)
    assert text.strip(), f"no answer to {message[:40]!r}"
    assert "<script>" not in text


def test_slash_payload_cannot_set_unknown_or_identity_slots(assistant, sender):
    assistant.say(sender, '/greet{"sender_id": "iemand-anders", "exercise": "<b>x</b>"}')
    tracker = assistant.tracker(sender)
    assert tracker.sender_id == sender_key("rest", sender)
    assert tracker.get_slot("exercise") is None
