"""Shared fixtures: isolated data folders, a real action server and the trained assistant;
PostgreSQL (tests/pg.py) and Redis (tests/redis_server.py) for the tests that ask for them."""
import os
import tempfile
import uuid
from pathlib import Path

import pytest

from core.keys import action_token, create_key_file, load_keys
from core.settings import Settings
from testkit.assistant import Assistant
from testkit.services import process_env

pytest_plugins = ["tests.pg", "tests.redis_server"]  # their fixtures, one server each per session

# Every test process gets private databases, keys and spool: the real var/ is never touched.
_VAR = Path(tempfile.mkdtemp(prefix="reflectie-test-"))
SERVICE_ENV = {
    "VAR_DIR": str(_VAR),
    "REFLECTION_DB_URL": f"sqlite:///{_VAR}/reflections.db",
    "TRACKER_DB_URL": f"sqlite:///{_VAR}/tracker.db",
    "REFLECTION_KEY_FILE": str(_VAR / "keys.json"),
    "REFLECTION_SPOOL_DIR": str(_VAR / "spool"),
}
os.environ.update(SERVICE_ENV)
# Keys are created once before any server starts, as `make run` does (deploy/start.sh).
create_key_file(_VAR / "keys.json")
SERVICE_ENV["ACTION_SERVER_TOKEN"] = action_token(load_keys(Settings.from_env()))
os.environ.update(SERVICE_ENV)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """This test process's private folder for databases and keys."""
    return _VAR


@pytest.fixture(scope="session")
def service_env() -> dict:
    """Environment shared by the action server and the in-process Rasa server."""
    return dict(SERVICE_ENV)


@pytest.fixture(scope="session")
def assistant(service_env, data_dir, tmp_path_factory):
    """The trained model with a real action server, on temporary databases."""
    bot = Assistant.with_action_server(process_env(**service_env), tmp_path_factory.mktemp("endpoints"),
                                       log_path=data_dir / "actions.log")
    yield bot
    bot.close()


@pytest.fixture
def sender() -> str:
    """A fresh conversation id."""
    return f"test-{uuid.uuid4().hex[:12]}"
