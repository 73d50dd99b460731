"""Server fixtures for the browser player's routes (shared with tests/channels and tests/widget)."""
from tests.servers import fake_bot_api, rasa_server  # noqa: F401 (fixtures)
