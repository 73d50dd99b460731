"""Server fixtures for the channel tests (shared with tests/widget)."""
from tests.servers import fake_bot_api, rasa_server, scripted_server  # noqa: F401 (fixtures)
