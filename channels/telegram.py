"""Telegram channel: Rasa 3.6's Telegram channel plus what operators need.

- `api_url`: the Bot API base URL (Telegram's by default, or a self-hosted
  telegram-bot-api server);
- `secret_token`: given to setWebhook; updates without it are refused, so nobody can
  post made-up updates in someone else's name. With a token set the channel refuses to
  start without a secret token of at least 32 characters;
- the webhook is set once the server runs (Rasa 3.6 sets it while building the
  channel, with `asyncio.run`, which fails inside a running server), and the bot's
  name (`verify`) is checked once instead of calling getMe for every update;
- one person, one conversation: only private chats reach the assistant (sender_id is
  the private chat's id, which is the person's Telegram user id); in a group the bot
  says once, when it is added or addressed, that it only talks one-on-one, so nobody's
  reflections are ever shown to a group;
- buttons become a reply keyboard; tapping one sends its title, which is mapped back
  to the button's payload from the tracker;
- voice, photos, stickers and other non-text messages get a kind "text only" answer;
- Telegram's `/start` becomes `start_payload` (default `/greet`);
- every message goes through the channels' shared wrapper (channels/turns.py): the
  conversation is `telegram:<chat id>`, at most 4,000 characters, rate limit, and a kind
  message when a turn fails.
"""

import hmac
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import KeyboardButton, Message, ReplyKeyboardMarkup, Update
from rasa.core.channels import telegram as rasa_telegram
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.turns import guard_turns
from core.identity import sender_key
from core.texts import TELEGRAM_PRIVATE_ONLY, TELEGRAM_TEXT_ONLY

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
MIN_SECRET_CHARS = 32
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
NON_TEXT_KINDS = {
    "animation", "audio", "contact", "dice", "document", "game", "location",
    "photo", "poll", "sticker", "venue", "video", "video_note", "voice",
}


class TelegramOutput(rasa_telegram.TelegramOutput):
    """Telegram output with a configurable Bot API server and reply keyboards."""

    def __init__(self, access_token: Optional[Text], api_url: Text = DEFAULT_API_URL) -> None:
        Bot.__init__(self, access_token, server=TelegramAPIServer.from_base(api_url))

    async def send_text_with_buttons(
        self,
        recipient_id: Text,
        text: Text,
        buttons: List[Dict[Text, Any]],
        button_type: Optional[Text] = "reply",
        **kwargs: Any,
    ) -> None:
        """Sends buttons as a reply keyboard, one button per row (phone-friendly)."""
        if button_type != "reply":
            await super().send_text_with_buttons(
                recipient_id, text, buttons, button_type=button_type, **kwargs
            )
            return
        keyboard = ReplyKeyboardMarkup(resize_keyboard=True, one_time_keyboard=True)
        for button in buttons:
            keyboard.row(KeyboardButton(button["title"]))
        await self.send_message(recipient_id, text, reply_markup=keyboard)

    async def set_webhook_with_secret(self, url: Text, secret_token: Optional[Text]) -> bool:
        """setWebhook with `secret_token` (newer than aiogram 2.15's signature)."""
        payload = {"url": url}
        if secret_token:
            payload["secret_token"] = secret_token
        return await self.request("setWebhook", payload)


class TelegramInput(rasa_telegram.TelegramInput):
    """Telegram input channel for private one-on-one conversations."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            api_url=credentials.get("api_url") or DEFAULT_API_URL,
            secret_token=credentials.get("secret_token") or None,
            start_payload=credentials.get("start_payload", "/greet"),
        )

    def __init__(
        self,
        access_token: Optional[Text],
        verify: Optional[Text],
        webhook_url: Optional[Text],
        debug_mode: bool = False,
        api_url: Text = DEFAULT_API_URL,
        secret_token: Optional[Text] = None,
        start_payload: Text = "/greet",
    ) -> None:
        if access_token and len(secret_token or "") < MIN_SECRET_CHARS:
            raise ValueError(
                f"Telegram is configured (TELEGRAM_ACCESS_TOKEN) but TELEGRAM_SECRET_TOKEN is "
                f"missing or shorter than {MIN_SECRET_CHARS} characters: without it anyone could "
                f"post updates in a person's name. Set TELEGRAM_SECRET_TOKEN=$(openssl rand -hex 32)."
            )
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_url = api_url
        self.secret_token = secret_token
        self.start_payload = start_payload
        self.app: Optional[Sanic] = None
        self._bot_checked: Optional[bool] = None

    def get_output_channel(self) -> TelegramOutput:
        """The output channel; makes no network calls (the webhook is set at start)."""
        return TelegramOutput(self.access_token, self.api_url)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        if not self.access_token:
            logger.info("Telegram is not configured (no access token); channel inactive.")
            telegram_webhook.route("/webhook", methods=["POST"])(self._inactive)
            return telegram_webhook
        out_channel = self.get_output_channel()
        handle = guard_turns(on_new_message, lambda: self.app)

        @telegram_webhook.listener("after_server_start")
        async def set_webhook_on_start(app: Sanic, _: Any) -> None:
            self.app = app
            if self.webhook_url:
                await self._set_webhook(out_channel)

        @telegram_webhook.listener("before_server_stop")
        async def close_session(*_: Any) -> None:
            await out_channel.close()  # the HTTP session, not the Bot API's `close`

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/set_webhook", methods=["POST"])
        async def set_webhook(_: Request) -> HTTPResponse:
            ok = await self._set_webhook(out_channel)
            return response.text("Webhook setup successful" if ok else "Invalid webhook")

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not hmac.compare_digest(
                request.headers.get(SECRET_HEADER, "").encode(), self.secret_token.encode()
            ):
                return response.text("forbidden", status=403)
            if not isinstance(request.json, dict):
                return response.text("bad request", status=400)
            try:
                if not await self._bot_is_verified(out_channel):
                    return response.text("failed")
                await self._handle(Update.to_object(request.json), out_channel, handle)
            except Exception as error:
                logger.exception(f"Could not handle a Telegram update: {error}")
                if self.debug_mode:
                    raise
            return response.text("success")

        return telegram_webhook

    @staticmethod
    async def _inactive(_: Request) -> HTTPResponse:
        return response.text("Telegram is not configured", status=503)

    async def _set_webhook(self, out_channel: TelegramOutput) -> bool:
        try:
            ok = await out_channel.set_webhook_with_secret(self.webhook_url, self.secret_token)
        except Exception as error:
            logger.error(f"Telegram webhook setup failed: {error}")
            ok = False
        if ok:
            logger.info("Telegram webhook setup successful.")
        return bool(ok)

    async def _bot_is_verified(self, out_channel: TelegramOutput) -> bool:
        """Checks once that the token belongs to the bot named in `verify`."""
        if self._bot_checked is None:
            me = await out_channel.get_me()
            self._bot_checked = me.username == self.verify
            if not self._bot_checked:
                logger.error("Telegram token does not belong to the bot named in `verify`.")
        return self._bot_checked

    async def _handle(
        self,
        update: Update,
        out_channel: TelegramOutput,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        if update.callback_query:
            await out_channel.answer_callback_query(update.callback_query.id)
            message, text = update.callback_query.message, update.callback_query.data
        else:
            message = update.message or update.edited_message
            text = message.text if message else None
        if message is None:
            return  # channel posts, polls, member updates ...: nothing to answer

        chat_id = message.chat.id
        if message.chat.type != "private":
            if self._addressed_in_group(message):
                await out_channel.send_message(chat_id, TELEGRAM_PRIVATE_ONLY)
            return
        if text is None:
            if message.content_type in NON_TEXT_KINDS:
                await out_channel.send_message(chat_id, TELEGRAM_TEXT_ONLY)
            return

        if text == "/start" or text.startswith("/start "):
            text = self.start_payload
        else:
            text = await self._button_payload(sender_key(self.name(), str(chat_id)), text) or text
        await on_new_message(
            UserMessage(
                text,
                out_channel,
                str(chat_id),
                input_channel=self.name(),
            )
        )

    def _addressed_in_group(self, message: Message) -> bool:
        """Added to the group, mentioned, replied to, or given a command."""
        name = (self.verify or "").lower()
        if any((m.username or "").lower() == name for m in message.new_chat_members or []):
            return True
        replied = message.reply_to_message
        if replied and replied.from_user and (replied.from_user.username or "").lower() == name:
            return True
        text = (message.text or "").lower()
        return text.startswith("/") or (bool(name) and f"@{name}" in text)

    async def _button_payload(self, sender_id: Text, text: Text) -> Optional[Text]:
        """The payload of the button titled `text` in the bot's last turn, if any."""
        agent = getattr(self.app.ctx, "agent", None) if self.app else None
        if agent is None or agent.tracker_store is None:
            return None
        try:
            tracker = await agent.tracker_store.retrieve(sender_id)
        except Exception:
            logger.exception("Could not read the tracker to map a button.")
            return None
        for event in reversed(tracker.events if tracker else []):
            if isinstance(event, UserUttered):
                break
            if isinstance(event, BotUttered):
                for button in (event.data or {}).get("buttons") or []:
                    if button.get("title") == text and button.get("payload"):
                        return button["payload"]
        return None
