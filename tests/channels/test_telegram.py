"""The Telegram channel against a fake Bot API on loopback, with a stand-in assistant.

Real Update JSON is posted to the webhook; the fake API records what the bot sends.
The crisis answer through the trained assistant is in test_telegram_conversation.py.
"""
import itertools
import os
import subprocess
import time

import pytest

from core.texts import TELEGRAM_PRIVATE_ONLY, TELEGRAM_TEXT_ONLY
from testkit.paths import CREDENTIALS, MODEL, RASA, ROOT
from testkit.ports import free_port
from tests.channels import telegram_updates as updates
from tests.channels.scripted_assistant import TELEGRAM_SECRET, TELEGRAM_TOKEN
from tests.servers import post_update

_people = itertools.count(5001)


@pytest.fixture
def user() -> int:
    return next(_people)


@pytest.mark.slow
def test_webhook_is_set_with_secret_on_configured_api(fake_bot_api, scripted_server):
    url = f"{scripted_server.url}/webhooks/telegram/webhook"
    [call] = [c for c in fake_bot_api.calls
              if c["method"] == "setWebhook" and c["params"].get("url") == url]
    assert call["token"] == TELEGRAM_TOKEN
    assert call["params"] == {"url": url, "secret_token": TELEGRAM_SECRET}


@pytest.mark.slow
def test_start_greets_with_reply_keyboard(fake_bot_api, scripted_server, user):
    assert post_update(scripted_server.url, updates.text(user, "/start")) == 200
    [greeting] = fake_bot_api.wait_for(1, user)
    assert greeting["text"].startswith("Hoi, fijn dat je er bent")
    assert greeting["reply_markup"] == {
        "keyboard": [[{"text": "Gewoon praten"}], [{"text": "De vier lijstjes"}]],
        "resize_keyboard": True,
        "one_time_keyboard": True,
    }


@pytest.mark.slow
def test_tapping_a_keyboard_button_sends_its_payload(fake_bot_api, scripted_server, user):
    post_update(scripted_server.url, updates.text(user, "/start"))
    post_update(scripted_server.url, updates.text(user, "Gewoon praten"))
    assert fake_bot_api.wait_for(2, user)[-1]["text"] == "Vertel maar. Wat houdt je bezig?"
    # the same words later, without that keyboard, are just words
    post_update(scripted_server.url, updates.text(user, "Gewoon praten"))
    last_turn = [m["text"] for m in fake_bot_api.wait_for(4, user)[-2:]]
    assert last_turn == ["Je schreef:", "Gewoon praten"]


@pytest.mark.slow
def test_inline_button_callback_is_answered_and_handled(fake_bot_api, scripted_server, user):
    post_update(scripted_server.url, updates.callback(user, "/just_talk"))
    assert fake_bot_api.wait_for(1, user)[0]["text"] == "Vertel maar. Wat houdt je bezig?"
    assert fake_bot_api.sent("answerCallbackQuery")


@pytest.mark.slow
@pytest.mark.parametrize("update", [updates.voice, updates.photo, updates.sticker])
def test_non_text_gets_a_kind_answer(fake_bot_api, scripted_server, user, update):
    assert post_update(scripted_server.url, update(user)) == 200
    assert [m["text"] for m in fake_bot_api.wait_for(1, user)] == [TELEGRAM_TEXT_ONLY]


@pytest.mark.slow
def test_group_is_told_politely_and_nothing_is_shared(fake_bot_api, scripted_server):
    group = updates.group_chat()
    post_update(scripted_server.url, updates.added_to_group(fake_bot_api.username))
    assert [m["text"] for m in fake_bot_api.wait_for(1, group["id"])] == [TELEGRAM_PRIVATE_ONLY]

    post_update(scripted_server.url, updates.text(778, "Ik voel me zo alleen.", group))
    post_update(scripted_server.url, updates.text(779, f"@{fake_bot_api.username} hoi", group))
    messages = fake_bot_api.wait_for(2, group["id"])
    assert [m["text"] for m in messages] == [TELEGRAM_PRIVATE_ONLY] * 2
    assert not fake_bot_api.sent(chat_id=778) and not fake_bot_api.sent(chat_id=779)


@pytest.mark.slow
def test_update_without_secret_is_refused(fake_bot_api, scripted_server, user):
    assert post_update(scripted_server.url, updates.text(user, "hallo"), secret=None) == 403
    assert post_update(scripted_server.url, updates.text(user, "hallo"), secret="raden") == 403
    time.sleep(0.5)
    assert fake_bot_api.sent(chat_id=user) == []


def test_channel_without_token_stays_inactive():
    """credentials.yml with empty TELEGRAM_* variables must not stop the server."""
    from channels.telegram import TelegramInput

    channel = TelegramInput.from_credentials(
        {"access_token": "", "verify": "", "webhook_url": "", "api_url": "", "secret_token": ""}
    )
    blueprint = channel.blueprint(on_new_message=None)
    assert [route.uri for route in blueprint._future_routes] == ["/webhook"]


@pytest.mark.parametrize("secret", ["", "kort", "x" * 31])
def test_channel_with_token_refuses_a_short_secret(secret):
    from channels.telegram import TelegramInput

    with pytest.raises(ValueError, match="TELEGRAM_SECRET_TOKEN"):
        TelegramInput.from_credentials({"access_token": TELEGRAM_TOKEN, "verify": "bot",
                                        "webhook_url": "", "secret_token": secret})


@pytest.mark.slow
def test_rasa_run_refuses_to_start_with_a_short_secret():
    """`rasa run` with the project's credentials.yml stops with a clear error."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), TELEGRAM_ACCESS_TOKEN=TELEGRAM_TOKEN,
               TELEGRAM_BOT_USERNAME="bot", TELEGRAM_WEBHOOK_URL="", TELEGRAM_API_URL="",
               TELEGRAM_SECRET_TOKEN="geheim", ACTION_SERVER_URL="http://127.0.0.1:9/webhook")
    done = subprocess.run([str(RASA), "run", "-p", str(free_port()), "-i", "127.0.0.1",
                           "--credentials", str(CREDENTIALS), "--endpoints", str(ROOT / "endpoints.yml"),
                           "-m", str(MODEL)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode != 0
    assert "TELEGRAM_SECRET_TOKEN" in done.stdout + done.stderr


@pytest.mark.slow
def test_too_long_message_gets_a_kind_answer(fake_bot_api, scripted_server, user):
    assert post_update(scripted_server.url, updates.text(user, "a" * 4001)) == 200
    [answer] = fake_bot_api.wait_for(1, user)
    assert answer["text"].startswith("Je bericht is te lang voor mij")
