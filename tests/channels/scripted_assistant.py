"""A stand-in Rasa server for channel tests that need no trained model.

Mounts the real channels (REST, webchat, Telegram) on a Sanic app exactly like `rasa run`
does, with an agent that gives fixed answers and keeps real trackers in memory.
Run: `python -m tests.channels.scripted_assistant --port P --telegram-api URL`.
"""
import argparse
import logging
from typing import Any, Dict, List

from rasa.core.channels.channel import UserMessage, register
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Sanic

from channels.rest import RestInput
from channels.telegram import TelegramInput
from channels.webchat import WebchatInput

GREETING = {
    "text": "Hoi, fijn dat je er bent. Waar heb je zin in?",
    "buttons": [
        {"title": "Gewoon praten", "payload": "/just_talk"},
        {"title": "De vier lijstjes", "payload": '/start_exercise{"exercise": "vier_lijstjes"}'},
    ],
}
TELEGRAM_BOT = "reflectie_test_bot"
TELEGRAM_TOKEN = "123456:TEST-token"
TELEGRAM_SECRET = "test-secret-0123456789abcdef0123456789"


class ScriptedAgent:
    """Answers like a tiny assistant and stores turns in a real tracker store."""

    def __init__(self) -> None:
        self.tracker_store = InMemoryTrackerStore(Domain.empty())

    @staticmethod
    def replies(text: str) -> List[Dict[str, Any]]:
        if text == "/greet":
            return [GREETING]
        if text == "/just_talk":
            return [{"text": "Vertel maar. Wat houdt je bezig?"}]
        if text.startswith("/start_exercise"):
            return [{"text": "We beginnen met de vier lijstjes."}]
        return [{"text": "Je schreef:"}, {"text": text}]

    async def handle_message(self, message: UserMessage) -> None:
        tracker = await self.tracker_store.get_or_create_tracker(message.sender_id)
        tracker.update(UserUttered(message.text, input_channel=message.input_channel))
        for reply in self.replies(message.text):
            await message.output_channel.send_response(message.sender_id, dict(reply))
            tracker.update(BotUttered(reply["text"], data={"buttons": reply.get("buttons")}))
        await self.tracker_store.save(tracker)


def build_app(telegram_api: str, port: int) -> Sanic:
    app = Sanic("scripted_assistant")
    app.ctx.agent = ScriptedAgent()
    channels = [
        RestInput(),
        WebchatInput.from_credentials({}),
        TelegramInput.from_credentials(
            {
                "access_token": TELEGRAM_TOKEN,
                "verify": TELEGRAM_BOT,
                "webhook_url": f"http://127.0.0.1:{port}/webhooks/telegram/webhook",
                "api_url": telegram_api,
                "secret_token": TELEGRAM_SECRET,
            }
        ),
    ]
    register(channels, app, route="/webhooks/")
    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--telegram-api", required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    build_app(args.telegram_api, args.port).run(
        host="127.0.0.1", port=args.port, access_log=False, motd=False
    )


if __name__ == "__main__":
    main()
