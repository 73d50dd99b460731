"""Shared fixtures: isolated data folders, a real action server and the trained assistant."""
import os
import tempfile
import uuid
from pathlib import Path

import pytest

from core.keys import action_token, create_key_file, load_keys
from core.settings import Settings

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

from tests.conversation import ROOT, ActionServer, Assistant
from tests.pg import postgres_cluster, postgres_url  # noqa: F401  (fixtures)


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
    env = dict(os.environ, **service_env, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2")
    server = ActionServer(env, data_dir / "actions.log").start()
    bot = Assistant(server.url, tmp_path_factory.mktemp("endpoints"))
    yield bot
    bot.close()
    server.stop()


@pytest.fixture
def sender() -> str:
    """A fresh conversation id."""
    return f"test-{uuid.uuid4().hex[:12]}"
