"""Lock store chosen by the environment: Redis when ``REDIS_URL`` is set, else in-process.

Rasa serialises the turns of one conversation with a ticket lock. One Rasa server can keep
its locks in memory; two or more servers behind a load balancer must share them, or two
messages of the same person could be handled at once on different servers.

endpoints.yml::

    lock_store:
      type: components.lock_store.EnvLockStore

``REDIS_URL`` (optional), e.g. ``redis://:secret@redis:6379/1``: host, port, password and
database number (default 1, as in Rasa). ``rediss://`` switches TLS on. A ``url:`` in
endpoints.yml wins over the environment; other keys there (``key_prefix``,
``socket_timeout``, ...) are passed on to Rasa's ``RedisLockStore``.
"""

from __future__ import annotations

import logging
import os
from contextlib import nullcontext
from typing import Any, ContextManager, Dict, Mapping, Optional, Text
from urllib.parse import unquote, urlparse

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)


def redis_kwargs(url: str) -> Dict[str, Any]:
    """``RedisLockStore`` arguments from a ``redis://`` or ``rediss://`` URL."""
    parsed = urlparse(url)
    if parsed.scheme not in ("redis", "rediss"):
        raise ValueError(f"REDIS_URL must start with redis:// or rediss://, got {parsed.scheme}://")
    kwargs: Dict[str, Any] = {"host": parsed.hostname or "localhost", "port": parsed.port or 6379}
    if parsed.path.strip("/"):
        kwargs["db"] = int(parsed.path.strip("/"))
    if parsed.username:
        kwargs["username"] = unquote(parsed.username)
    if parsed.password:
        kwargs["password"] = unquote(parsed.password)
    if parsed.scheme == "rediss":
        kwargs["use_ssl"] = True
    return kwargs


def create_lock_store(
    endpoint_config: Optional[EndpointConfig] = None, env: Optional[Mapping[str, str]] = None
) -> LockStore:
    """The lock store the configuration asks for (see the module docstring)."""
    env = os.environ if env is None else env
    extra = dict(endpoint_config.kwargs) if endpoint_config else {}
    url = (endpoint_config.url if endpoint_config else None) or env.get("REDIS_URL")
    if not url:
        return InMemoryLockStore()
    kwargs = {**redis_kwargs(url), **extra}
    logger.info("Lock store: Redis at %s:%s", kwargs["host"], kwargs["port"])
    return RedisLockStore(**kwargs)


class EnvLockStore(LockStore):
    """Rasa lock store that hands every call to the store ``create_lock_store`` picked.

    Rasa's ticket bookkeeping reads a lock, changes it and writes it back. With Redis and two
    servers, two messages of one person arriving at the same moment could both read an empty
    lock and both be served at once (a lost turn; tests/scaleout). Each read-change-write is
    therefore done under a short Redis mutex.
    """

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None) -> None:
        self.store = create_lock_store(endpoint_config)
        super().__init__()

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        return self.store.get_lock(conversation_id)

    def delete_lock(self, conversation_id: Text) -> None:
        self.store.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self.store.save_lock(lock)

    def _mutex(self, conversation_id: Text) -> ContextManager:
        red = getattr(self.store, "red", None)
        if red is None:  # in-process: these calls never interleave
            return nullcontext()
        name = f"{self.store.key_prefix}{conversation_id}:mutex"
        return red.lock(name, timeout=10, blocking_timeout=10)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: Text) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().finish_serving(conversation_id, ticket_number)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            LockStore.finish_serving(self, conversation_id, ticket_number)
            if not self.is_someone_waiting(conversation_id):
                self.delete_lock(conversation_id)
