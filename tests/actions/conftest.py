"""Fixtures for the action tests: a private reflection store for each test."""
import pytest

from core.keys import Keys
from store.repository import ReflectionStore


@pytest.fixture
def store(tmp_path) -> ReflectionStore:
    """A reflection store on this test's own SQLite file (in tmp_path/db) and spool."""
    made = ReflectionStore(f"sqlite:///{tmp_path}/db/reflections.db", Keys.generate(),
                           spool_dir=tmp_path / "spool")
    yield made
    made.engine.dispose()


@pytest.fixture
def factory(store):
    """The store factory the actions take (`store_factory`), giving `store`."""
    return lambda: store
