"""Attacks on the REST channel against `rasa run` with the trained model: a REST caller names a
Telegram person's chat id and claims the Telegram channel in the body, or sends no sender, or
sends too much."""
import itertools

import pytest

from channels.rest import MAX_BODY_BYTES
from core.identity import sender_key
from store.repository import get_store
from tests.channels import telegram_updates as updates
from tests.servers import post_json, post_update, rest_turn, stored_events

pytestmark = pytest.mark.slow

SHARING = "Sinds mijn zus naar Gent verhuisd is, voel ik me vaak alleen."
_people = itertools.count(91001)


def _telegram_turn(api, server, person: int, text: str) -> str:
    count = len(api.sent(chat_id=person))
    post_update(server.url, updates.text(person, text))
    return " ".join(m["text"] for m in api.wait_for(count + 1, person)[count:])


def test_rest_caller_cannot_read_delete_or_join_a_telegram_person(fake_bot_api, rasa_server):
    person = next(_people)
    _telegram_turn(fake_bot_api, rasa_server, person, "/start")
    _telegram_turn(fake_bot_api, rasa_server, person, SHARING)
    kept = [r.text for r in get_store().all_reflections("telegram", str(person))]
    assert SHARING in kept
    assert "Gent" in _telegram_turn(fake_bot_api, rasa_server, person, "laat mijn reflecties zien")

    spoof = {"sender": str(person), "input_channel": "telegram"}
    status, shown = rest_turn(rasa_server.url, {**spoof, "message": "laat mijn reflecties zien"})
    assert status == 200 and shown and "Gent" not in " ".join(shown)
    rest_turn(rasa_server.url, {**spoof, "message": "wis mijn gegevens"})
    rest_turn(rasa_server.url, {**spoof, "message": "ja"})
    assert [r.text for r in get_store().all_reflections("telegram", str(person))] == kept

    telegram = stored_events(sender_key("telegram", str(person)))
    said = [e.get("text") for e in telegram if e["event"] == "user"]
    assert SHARING in said and "wis mijn gegevens" not in said


@pytest.mark.parametrize("body", [
    {"message": "hoi"}, {"sender": "", "message": "hoi"}, {"sender": "  ", "message": "hoi"},
    {"sender": 42, "message": "hoi"}, {"sender": None, "message": "hoi"}, ["anna", "hoi"],
    {"sender": "anna"}, {"sender": "anna", "message": {"text": "hoi"}},
], ids=["no-sender", "empty", "blank", "number", "null", "list", "no-message", "object-message"])
def test_request_without_a_usable_sender_or_message_is_refused(rasa_server, body):
    status, answer = post_json(f"{rasa_server.url}/webhooks/rest/webhook", body)
    assert status == 400 and "error" in answer
    assert not [e for e in stored_events("rest:default") + stored_events("default")
                if e["event"] == "user"]


def test_too_long_message_and_too_large_body_are_refused(rasa_server):
    url = f"{rasa_server.url}/webhooks/rest/webhook"
    status, answer = post_json(url, {"sender": "lang-bericht", "message": "a" * 4001})
    assert status == 413 and "4000" in answer["error"]
    assert post_json(url, b'{"sender": "groot", "message": "' + b"a" * MAX_BODY_BYTES + b'"}')[0] == 413
    assert post_json(url, b"not json")[0] == 400
    status, answer = post_json(url, {"sender": "lang-bericht", "message": "a" * 4000})
    assert status == 200 and answer
    assert {message["recipient_id"] for message in answer} == {"lang-bericht"}  # the raw id
