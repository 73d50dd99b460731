"""Fixtures for the reflection-store tests: the same tests run on SQLite and PostgreSQL."""

from typing import Callable, List

import pytest

from core.keys import Keys
from core.settings import Settings
from store.repository import ReflectionStore, get_store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/db/reflections.db"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def keys() -> Keys:
    return Keys.generate()


@pytest.fixture
def make_store(db_url, keys, tmp_path) -> Callable[..., ReflectionStore]:
    """Builds stores on this test's database; engines are disposed afterwards."""
    made: List[ReflectionStore] = []

    def make(**options) -> ReflectionStore:
        options.setdefault("spool_dir", tmp_path / "spool")
        store = ReflectionStore(options.pop("url", db_url), options.pop("keys", keys), **options)
        made.append(store)
        return store

    yield make
    for store in made:
        store.engine.dispose()


@pytest.fixture
def store(make_store) -> ReflectionStore:
    return make_store()


@pytest.fixture
def private_var(tmp_path, monkeypatch) -> Settings:
    """This test's own databases, key file (not created yet) and spool, set in the environment."""
    for name, value in {"REFLECTION_DB_URL": f"sqlite:///{tmp_path}/r.db",
                        "TRACKER_DB_URL": f"sqlite:///{tmp_path}/t.db",
                        "REFLECTION_KEY_FILE": str(tmp_path / "keys.json"),
                        "REFLECTION_SPOOL_DIR": str(tmp_path / "spool")}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("REFLECTION_HMAC_KEY", raising=False)
    monkeypatch.delenv("REFLECTION_FERNET_KEY", raising=False)
    get_store.cache_clear()
    return Settings.from_env()
