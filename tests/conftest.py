"""Shared fixtures: isolated data folders, a real action server and the trained assistant."""
import os
import uuid
from pathlib import Path

import pytest

from tests.conversation import ROOT, ActionServer, Assistant


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    """A private folder for this test run's databases and keys (never the real var/)."""
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="session")
def service_env(data_dir) -> dict:
    """Environment shared by the action server and the in-process Rasa server."""
    env = {
        "REFLECTION_DB_URL": f"sqlite:///{data_dir}/reflections.db",
        "TRACKER_DB_URL": f"sqlite:///{data_dir}/tracker.db",
        "REFLECTION_KEY_FILE": str(data_dir / "keys.json"),
        "REFLECTION_SPOOL_DIR": str(data_dir / "spool"),
    }
    return env


@pytest.fixture(scope="session")
def assistant(service_env, data_dir, tmp_path_factory):
    """The trained model with a real action server, on temporary databases."""
    old = {k: os.environ.get(k) for k in service_env}
    os.environ.update(service_env)
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2")
    server = ActionServer(env, data_dir / "actions.log").start()
    bot = Assistant(server.url, tmp_path_factory.mktemp("endpoints"))
    yield bot
    bot.close()
    server.stop()
    for key, value in old.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def sender() -> str:
    """A fresh conversation id."""
    return f"test-{uuid.uuid4().hex[:12]}"
