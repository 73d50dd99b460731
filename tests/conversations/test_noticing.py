"""Noticing end to end: every message of the sharing corpus, through NLU, dialogue and actions."""
import unicodedata
from pathlib import Path

import pytest
import yaml

from core.advice_guard import find_violations

CORPUS = yaml.safe_load((Path(__file__).parents[1] / "corpora" / "sharing.yml").read_text("utf-8"))
CRISIS_MARKERS = ("113", "1813")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


@pytest.mark.parametrize("item", CORPUS["messages"], ids=lambda m: m["text"][:40])
def test_shared_message_gets_a_noticing_reply(assistant, sender, item):
    for earlier in item.get("earlier", []):
        assistant.say(sender, earlier)
    reply = assistant.texts(sender, item["text"])
    assert not any(m in reply for m in CRISIS_MARKERS), reply
    assert not find_violations(reply), reply
    assert reply.rstrip().endswith("?"), f"no invitation: {reply}"
    wanted = [w for words in item["notice"].values() for w in ([words] if isinstance(words, str) else words)]
    if wanted:  # an empty `notice` means: nothing specific, a gentle open invitation
        assert any(_fold(w) in _fold(reply) for w in wanted), f"{wanted} not in {reply!r}"


def test_asking_for_advice_three_times_never_yields_advice(assistant, sender):
    assistant.say(sender, "op het werk voel ik me zo alleen, mijn collega's lunchen altijd zonder mij")
    replies = [assistant.texts(sender, m) for m in ("wat moet ik doen?", "geef me nu gewoon een tip", "zeg nu eens wat ik moet doen alsjeblieft")]
    assert len(set(replies)) == 3, replies
    for reply in replies:
        assert not find_violations(reply), reply
        assert reply.rstrip().endswith("?"), reply


def test_no_identical_reply_twice_in_a_row(assistant, sender):
    first = assistant.texts(sender, "ik voel me eenzaam")
    second = assistant.texts(sender, "ik voel me eenzaam")
    assert first != second


def test_a_person_mentioned_earlier_is_noticed_again(assistant, sender):
    assistant.say(sender, "mijn zus belt me bijna nooit meer")
    reply = assistant.texts(sender, "gisteren zag ik mijn zus op een verjaardag en ze keek me niet aan")
    assert "zus" in reply and "eerder" in reply.lower(), reply
