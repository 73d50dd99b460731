"""The reflection log: keeps each person's reflections, encrypted and for them alone."""

from functools import lru_cache

from actions.store.config import Settings, load_keys
from actions.store.repository import (
    Activity,
    OpenSession,
    ReflectionStore,
    ReflectionView,
    SaveResult,
    SaveStatus,
    SessionNotFound,
    StoreUnavailable,
    TextTooLong,
)

__all__ = [
    "Activity",
    "OpenSession",
    "ReflectionStore",
    "ReflectionView",
    "SaveResult",
    "SaveStatus",
    "SessionNotFound",
    "StoreUnavailable",
    "TextTooLong",
    "get_store",
]


@lru_cache(maxsize=None)
def get_store() -> ReflectionStore:
    """The process-wide store built from the environment (engine cached, sessions per call)."""
    settings = Settings.from_env()
    return ReflectionStore(
        settings.db_url,
        load_keys(settings),
        spool_dir=settings.spool_dir,
        max_chars=settings.max_chars,
        busy_timeout=settings.busy_timeout,
    )
