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
``socket_timeout``, ...) are passed on to ``HashedRedisLockStore`` (Rasa's ``RedisLockStore``
with hashed keys and atomic updates, below).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, Dict, Mapping, Optional, Text, TypeVar
from urllib.parse import unquote, urlparse

from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockError,
    LockStore,
    RedisLockStore,
)
from rasa.utils.endpoints import EndpointConfig

from core.identity import pseudonym

logger = logging.getLogger(__name__)

T = TypeVar("T")
KEY_NAMESPACE = "reflectie"
# Rasa waits up to DEFAULT_REQUEST_TIMEOUT for one action; a turn's ticket outlives that.
LOCK_LIFETIME_SECONDS = DEFAULT_REQUEST_TIMEOUT + 60


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
    return HashedRedisLockStore(**kwargs)


class HashedRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store, with what a store of people's conversation ids needs.

    - Keys live in their own namespace (``reflectie:lock:`` unless ``key_prefix`` says
      otherwise) and carry a keyed hash of the conversation id, never the id itself
      (``telegram:<chat id>``); the stored lock holds the hash too.
    - Every read-change-write of a lock is one optimistic Redis transaction (WATCH/MULTI,
      retried on conflict): two servers can never both take the first ticket, and nothing
      waits on a mutex.
    - A lock key expires a minute after its newest ticket, so a crashed server leaves nothing.
    """

    def __init__(self, key_prefix: Optional[Text] = KEY_NAMESPACE, **kwargs: Any) -> None:
        super().__init__(key_prefix=key_prefix, **kwargs)

    def _key(self, conversation_id: Text) -> str:
        return self.key_prefix + pseudonym(b"lock-store", conversation_id)

    @staticmethod
    def _load(raw: Optional[bytes], conversation_id: Text) -> Optional[TicketLock]:
        if not raw:
            return None
        lock = TicketLock.from_dict(json.loads(raw))
        lock.conversation_id = conversation_id
        return lock

    def _dump(self, lock: TicketLock) -> str:
        return TicketLock(pseudonym(b"lock-store", lock.conversation_id), lock.tickets).dumps()

    @staticmethod
    def _expiry(lock: TicketLock) -> int:
        newest = max((ticket.expires for ticket in lock.tickets), default=time.time())
        return max(1, int(newest - time.time()) + 60)

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        return self._load(self.red.get(self._key(conversation_id)), conversation_id)

    def delete_lock(self, conversation_id: Text) -> None:
        self.red.delete(self._key(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        self.red.set(self._key(lock.conversation_id), self._dump(lock), ex=self._expiry(lock))

    def _change(self, conversation_id: Text, change: Callable[[TicketLock], T]) -> T:
        """Applies ``change`` to the stored lock atomically; an unused lock is deleted."""
        key = self._key(conversation_id)

        def attempt(pipe: Any) -> T:
            lock = self._load(pipe.get(key), conversation_id) or self.create_lock(conversation_id)
            result = change(lock)
            pipe.multi()
            if lock.is_someone_waiting():
                pipe.set(key, self._dump(lock), ex=self._expiry(lock))
            else:
                pipe.delete(key)
            return result

        return self.red.transaction(attempt, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        self._change(conversation_id, TicketLock.remove_expired_tickets)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        self.finish_serving(conversation_id, ticket_number)  # deletes the lock once unused


class EnvLockStore(LockStore):
    """Rasa lock store that hands every call to the store ``create_lock_store`` picked.

    ``lock()`` never blocks the event loop: with Redis, each bookkeeping step runs in a worker
    thread, and waiting for one's turn is ``asyncio.sleep``. A ticket lives at least as long as
    Rasa waits for the action server (``LOCK_LIFETIME_SECONDS``), so a slow turn is never
    overtaken by the person's next message.
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

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self.store.issue_ticket(conversation_id, max(lock_lifetime, LOCK_LIFETIME_SECONDS))

    def update_lock(self, conversation_id: Text) -> None:
        self.store.update_lock(conversation_id)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self.store.finish_serving(conversation_id, ticket_number)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        self.store.cleanup(conversation_id, ticket_number)

    async def _off_loop(self, function: Callable[..., T], *args: Any) -> T:
        if isinstance(self.store, InMemoryLockStore):  # no I/O: no thread needed
            return function(*args)
        return await asyncio.to_thread(function, *args)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: Text,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncIterator[TicketLock]:
        """Rasa's ticket lock (``LockStore.lock``), without blocking the event loop."""
        ticket = await self._off_loop(self.issue_ticket, conversation_id, lock_lifetime)
        try:
            while True:
                lock = await self._off_loop(self.get_lock, conversation_id)
                if not lock:
                    raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
                if not lock.is_locked(ticket):
                    break
                await asyncio.sleep(wait_time_in_seconds)
                await self._off_loop(self.update_lock, conversation_id)
            yield lock
        finally:
            await self._off_loop(self.cleanup, conversation_id, ticket)
