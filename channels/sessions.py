"""Session ids for the website widget and for demo identities, issued and signed by the server.

A session id is ``chat.<nonce>.<signature>`` (a visitor's widget) or ``demo.<nonce>.<signature>``
(a facilitator's demo, channels/demo.py): 128 random bits and an HMAC over kind and nonce, with
a key derived from the project's HMAC key (``REFLECTION_HMAC_KEY`` or the key file), so every
server of a deployment accepts the ids any of them issued, and nobody can make one up. An id
is revoked after "wis mijn gegevens" (and a demo id after its cleanup): its keyed hash goes in
the table ``revoked_sessions`` of the tracker database (``TRACKER_DB_URL``), so the revocation
holds on every server and after a restart.
"""

from __future__ import annotations

import asyncio
import hmac
import re
import secrets
import time
from functools import lru_cache
from pathlib import Path
from typing import Optional, Set

import sqlalchemy as sa

from core.identity import pseudonym, subkey

WEBCHAT = "chat"
DEMO = "demo"
TOKEN = re.compile(r"^(chat|demo)\.([0-9a-f]{32})\.([0-9a-f]{32})$")
_METADATA = sa.MetaData()
REVOKED = sa.Table(
    "revoked_sessions", _METADATA,
    sa.Column("session_hash", sa.String(64), primary_key=True),
    sa.Column("revoked_at", sa.Float, nullable=False),
)


def _signature(kind: str, nonce: str) -> str:
    return hmac.new(subkey(b"webchat-session"), f"{kind}.{nonce}".encode(), "sha256").hexdigest()[:32]


def issue(kind: str = WEBCHAT) -> str:
    """A fresh signed session id of ``kind`` (WEBCHAT or DEMO)."""
    nonce = secrets.token_hex(16)
    return f"{kind}.{nonce}.{_signature(kind, nonce)}"


def signed_kind(session_id: object) -> Optional[str]:
    """WEBCHAT or DEMO for an id this deployment signed, else None (made up or altered)."""
    match = TOKEN.match(session_id) if isinstance(session_id, str) else None
    if match is None:
        return None
    kind, nonce, signature = match.groups()
    return kind if hmac.compare_digest(signature, _signature(kind, nonce)) else None


class RevokedSessions:
    """Revoked session ids (as keyed hashes) in the tracker database; blocking calls."""

    def __init__(self, url: str) -> None:
        from store.tracker_events import harden_sqlite

        parsed = sa.engine.make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = sa.create_engine(url, future=True)
        harden_sqlite(self.engine)
        try:
            _METADATA.create_all(self.engine, checkfirst=True)
        except sa.exc.DBAPIError:  # another server created it at the same moment
            if not sa.inspect(self.engine).has_table(REVOKED.name):
                raise
        self._known: Set[str] = set()

    def revoke(self, session_id: str) -> None:
        hashed = pseudonym(b"revoked-session", session_id)
        try:
            with self.engine.begin() as connection:
                connection.execute(REVOKED.insert().values(session_hash=hashed, revoked_at=time.time()))
        except sa.exc.IntegrityError:
            pass  # revoked already (by another server)
        self._known.add(hashed)

    def is_revoked(self, session_id: str) -> bool:
        hashed = pseudonym(b"revoked-session", session_id)
        if hashed in self._known:
            return True
        query = sa.select(REVOKED.c.session_hash).where(REVOKED.c.session_hash == hashed)
        with self.engine.connect() as connection:
            found = connection.execute(query).first() is not None
        if found:
            self._known.add(hashed)
        return found


@lru_cache(maxsize=None)
def revoked_sessions() -> RevokedSessions:
    """The process's revocation list, in the tracker database."""
    from core.settings import Settings

    return RevokedSessions(Settings.from_env().tracker_db_url)


async def valid_kind(session_id: object) -> Optional[str]:
    """The kind of a signed id that was not revoked, else None."""
    kind = signed_kind(session_id)
    if kind is None or await asyncio.to_thread(revoked_sessions().is_revoked, session_id):
        return None
    return kind


async def revoke(session_id: str) -> None:
    """Revokes ``session_id`` on every server, for good."""
    await asyncio.to_thread(revoked_sessions().revoke, session_id)
