"""How many messages a person (and, on REST, a client address) may send per minute.

``RATE_LIMIT_PER_MINUTE`` (default 30) counts per person, on every channel;
``RATE_LIMIT_PER_IP_PER_MINUTE`` (default 300) counts per client address on REST, so a caller
cannot dodge the first limit by changing sender ids. 0 switches a limit off. A window starts
with the first message and lasts a minute. With ``REDIS_URL`` the counters are shared by every
Rasa server (one atomic INCR+EXPIRE script; keys ``reflectie:ratelimit:<keyed hash>``, so no
chat id or address is stored in Redis); without it they live in this process.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Mapping, Optional, Tuple

from core.identity import pseudonym

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60
NAMESPACE = "reflectie:ratelimit:"
DEFAULT_PER_PERSON = 30
DEFAULT_PER_IP = 300

# Count, and start the window's expiry with its first hit: one atomic step in Redis.
_COUNT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


def _setting(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    return default if value in (None, "") else int(value)


@dataclass(frozen=True)
class Limits:
    """Messages per minute; 0 means no limit."""

    per_person: int = DEFAULT_PER_PERSON
    per_ip: int = DEFAULT_PER_IP

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Limits":
        env = os.environ if env is None else env
        return cls(_setting(env, "RATE_LIMIT_PER_MINUTE", DEFAULT_PER_PERSON),
                   _setting(env, "RATE_LIMIT_PER_IP_PER_MINUTE", DEFAULT_PER_IP))


class RateLimiter:
    """Fixed one-minute windows per key, in this process or in Redis."""

    def __init__(self, limits: Limits, redis_url: Optional[str] = None) -> None:
        self.limits = limits
        self._windows: Dict[str, Tuple[float, int]] = {}
        self._redis = None
        if redis_url:
            import redis.asyncio

            self._redis = redis.asyncio.from_url(redis_url)
            self._count_script = self._redis.register_script(_COUNT_SCRIPT)

    async def allow_person(self, sender_id: str) -> bool:
        """False when this person (a prefixed sender id) is over the limit."""
        return await self._allow(f"person:{sender_id}", self.limits.per_person)

    async def allow_address(self, address: str) -> bool:
        """False when this client address is over the REST limit."""
        return await self._allow(f"ip:{address}", self.limits.per_ip)

    async def _allow(self, key: str, limit: int) -> bool:
        if limit <= 0:
            return True
        hashed = pseudonym(b"rate-limit", key)
        if self._redis is None:
            return self._count_here(hashed) <= limit
        try:
            count = await self._count_script(keys=[NAMESPACE + hashed], args=[WINDOW_SECONDS])
        except Exception:  # noqa: BLE001 - Redis down: answer people rather than refuse everyone
            logger.exception("Rate limit counter unavailable; message let through")
            return True
        return int(count) <= limit

    def _count_here(self, key: str) -> int:
        now = time.monotonic()
        if len(self._windows) > 10_000:  # forget finished windows
            self._windows = {k: w for k, w in self._windows.items() if now - w[0] < WINDOW_SECONDS}
        started, count = self._windows.get(key, (now, 0))
        if now - started >= WINDOW_SECONDS:
            started, count = now, 0
        self._windows[key] = (started, count + 1)
        return count + 1


@lru_cache(maxsize=None)
def rate_limiter() -> RateLimiter:
    """The process's limiter, configured from the environment."""
    return RateLimiter(Limits.from_env(), os.environ.get("REDIS_URL") or None)
