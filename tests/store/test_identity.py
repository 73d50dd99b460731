"""Sender ids carry the receiving channel: `<channel>:<raw id>`."""
from core.identity import sender_key, split_sender


def test_join_and_split():
    assert sender_key("telegram", "5001") == "telegram:5001"
    assert split_sender("telegram:5001") == ("telegram", "5001")
    assert split_sender(sender_key("rest", "telegram:5001")) == ("rest", "telegram:5001")


def test_an_id_without_a_known_prefix_falls_back_to_the_latest_channel():
    assert split_sender("anna", "cmdline") == ("cmdline", "anna")
    assert split_sender("web:1", "rest") == ("rest", "web:1")
    assert split_sender("anna") == ("unknown", "anna")
