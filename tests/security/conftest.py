"""One assistant started by deploy/start.sh (as `make run` does) for the attacks in this folder."""

import pytest

from tests.security.assistant import Started
from tests.servers import FakeBotApi

TELEGRAM_SECRET = "s" * 40
TELEGRAM_TOKEN = "123456:SECURITY-test"


@pytest.fixture(scope="session")
def bot_api():
    api = FakeBotApi().start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def started(tmp_path_factory, bot_api):
    """`make run` on free ports with Telegram switched on against a fake Bot API."""
    var = tmp_path_factory.mktemp("security") / "var"
    server = Started(var, RATE_LIMIT_PER_MINUTE="12", RATE_LIMIT_PER_IP_PER_MINUTE="1000",
                     TELEGRAM_ACCESS_TOKEN=TELEGRAM_TOKEN, TELEGRAM_BOT_USERNAME=bot_api.username,
                     TELEGRAM_API_URL=bot_api.url, TELEGRAM_SECRET_TOKEN=TELEGRAM_SECRET)
    server.env["TELEGRAM_WEBHOOK_URL"] = f"{server.url}/webhooks/telegram/webhook"
    server.start()
    yield server
    server.stop()
