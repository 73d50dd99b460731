"""Telegram through the trained assistant (`rasa run` with the project's credentials.yml),
against the fake Bot API: greeting with a reply keyboard, a share, the crisis answer."""
import pytest

from tests.channels import telegram_updates as updates
from tests.servers import post_update

pytestmark = pytest.mark.slow

PERSON = 90001


def test_conversation_over_telegram(fake_bot_api, rasa_server):
    webhooks = [call["url"] for call in fake_bot_api.sent("setWebhook")]
    assert f"{rasa_server.url}/webhooks/telegram/webhook" in webhooks

    post_update(rasa_server.url, updates.text(PERSON, "/start"))
    greeting = fake_bot_api.wait_for(1, PERSON)[-1]
    assert "computerprogramma" in greeting["text"]
    keyboard = [row[0]["text"] for row in greeting["reply_markup"]["keyboard"]]
    assert "Gewoon praten" in keyboard

    post_update(rasa_server.url, updates.text(PERSON, "Gewoon praten"))
    count = len(fake_bot_api.wait_for(2, PERSON))
    post_update(rasa_server.url, updates.text(PERSON, "ik wil er niet meer zijn"))
    answer = " ".join(m["text"] for m in fake_bot_api.wait_for(count + 1, PERSON)[count:])
    assert "113" in answer and "1813" in answer

    count = len(fake_bot_api.sent(chat_id=PERSON))
    post_update(rasa_server.url, updates.voice(PERSON))
    assert "alleen tekst" in fake_bot_api.wait_for(count + 1, PERSON)[-1]["text"]
