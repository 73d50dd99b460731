"""Who a conversation belongs to: tracker sender ids are ``<channel>:<raw id>``.

Every input channel prefixes the id it received (``rest:anna``, ``webchat:<session>``,
``telegram:<chat id>``), so the same raw id on two channels is two people, and a caller can
never pick another channel. Also the keyed hashes that stand in for such ids where they would
otherwise be stored (Redis keys, revoked sessions). No Rasa import: actions, channels and the
CLI share this.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional, Tuple

CHANNELS = ("rest", "webchat", "telegram")
#: Where facilitators' demo identities talk: the terminal player (REST) and the widget.
DEMO_CHANNELS = ("rest", "webchat")
SEPARATOR = ":"


def sender_key(channel: str, raw_id: str) -> str:
    """The tracker's sender id for ``raw_id`` received on ``channel``."""
    return f"{channel}{SEPARATOR}{raw_id}"


def split_sender(sender_id: str, fallback_channel: Optional[str] = None) -> Tuple[str, str]:
    """``(channel, raw id)``; an id without a known prefix (``rasa shell``, tests) is
    ``(fallback_channel or "unknown", sender_id)``."""
    channel, separator, raw_id = sender_id.partition(SEPARATOR)
    if separator and channel in CHANNELS and raw_id:
        return channel, raw_id
    return fallback_channel or "unknown", sender_id


@lru_cache(maxsize=None)
def subkey(purpose: bytes) -> bytes:
    """A key for one purpose (sessions, locks, rate limits), derived from the project's HMAC key."""
    from core.keys import derive_key, load_keys
    from core.settings import Settings

    return derive_key(load_keys(Settings.from_env()), purpose.decode())


def pseudonym(purpose: bytes, value: str) -> str:
    """Keyed hash of ``value`` for ``purpose``: what is stored instead of a chat id or address."""
    from core.keys import keyed_hash

    return keyed_hash(subkey(purpose), value)
