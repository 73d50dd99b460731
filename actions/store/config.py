"""Configuration of the reflection log: environment variables with their defaults, and keys.

Environment variables (all optional):

- ``VAR_DIR``: folder of the default databases, key file and spool (default ``var/``).
- ``REFLECTION_DB_URL``: SQLAlchemy URL of the reflection database
  (default: SQLite file ``var/reflections.db`` in the project).
- ``REFLECTION_HMAC_KEY``: hex key for the pseudonymous person key (HMAC-SHA256).
- ``REFLECTION_FERNET_KEY``: Fernet key(s) for the text; several keys separated by
  commas allow rotation (the first one encrypts, all of them decrypt).
- ``REFLECTION_KEY_FILE``: the key file (default ``var/keys.json``, mode 0600), created
  once by ``python -m actions.store.keys init``; used unless both keys come from the environment.
- ``REFLECTION_SPOOL_DIR``: encrypted spool for writes while the database is down
  (default ``var/spool``).
- ``REFLECTION_RETENTION_DAYS``: the operator's purge removes older data (default 365).
- ``REFLECTION_MAX_CHARS``: longest text that is kept (default 20000 characters).
- ``REFLECTION_DB_BUSY_TIMEOUT``: seconds SQLite waits for a lock (default 15).
- ``REFLECTION_DISPLAY_TZ``: time zone for dates shown to people (default Europe/Amsterdam).
- ``TRACKER_DB_URL``: URL of Rasa's tracker store (default SQLite ``var/tracker.db``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Tuple

from cryptography.fernet import Fernet, MultiFernet

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_VAR_DIR = PROJECT_DIR / "var"


@dataclass(frozen=True)
class Settings:
    """Everything the reflection log reads from the environment."""

    db_url: str
    key_file: Path
    spool_dir: Path
    retention_days: int
    max_chars: int
    busy_timeout: float
    display_tz: str
    tracker_db_url: str
    var_dir: Path

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Settings":
        env = os.environ if env is None else env
        var = Path(env.get("VAR_DIR") or DEFAULT_VAR_DIR)
        return cls(
            db_url=env.get("REFLECTION_DB_URL") or f"sqlite:///{var / 'reflections.db'}",
            key_file=Path(env.get("REFLECTION_KEY_FILE") or var / "keys.json"),
            spool_dir=Path(env.get("REFLECTION_SPOOL_DIR") or var / "spool"),
            retention_days=int(env.get("REFLECTION_RETENTION_DAYS") or 365),
            max_chars=int(env.get("REFLECTION_MAX_CHARS") or 20000),
            busy_timeout=float(env.get("REFLECTION_DB_BUSY_TIMEOUT") or 15),
            display_tz=env.get("REFLECTION_DISPLAY_TZ") or "Europe/Amsterdam",
            tracker_db_url=env.get("TRACKER_DB_URL") or f"sqlite:///{var / 'tracker.db'}",
            var_dir=var,
        )


@dataclass(frozen=True)
class Keys:
    """The secret keys: one for pseudonymous person keys, Fernet key(s) for text."""

    hmac_key: bytes
    fernet_keys: Tuple[str, ...]

    @property
    def fernet(self) -> MultiFernet:
        return MultiFernet([Fernet(k) for k in self.fernet_keys])

    @classmethod
    def generate(cls) -> "Keys":
        return cls(secrets.token_bytes(32), (Fernet.generate_key().decode(),))


class KeysMissing(RuntimeError):
    """No keys: they are created once, before any server starts (`python -m actions.store.keys init`)."""


def load_keys(settings: Settings, env: Optional[Mapping[str, str]] = None) -> Keys:
    """Keys from the environment (both or neither), else from the key file. Never creates keys."""
    env = os.environ if env is None else env
    hmac_hex = env.get("REFLECTION_HMAC_KEY")
    fernet_env = env.get("REFLECTION_FERNET_KEY")
    if bool(hmac_hex) != bool(fernet_env):
        raise KeysMissing("set both REFLECTION_HMAC_KEY and REFLECTION_FERNET_KEY, or neither")
    if hmac_hex and fernet_env:
        stored = {"hmac_key": hmac_hex, "fernet_key": fernet_env}
    else:
        try:
            stored = json.loads(settings.key_file.read_text())
        except FileNotFoundError:
            raise KeysMissing(
                f"no key file at {settings.key_file}: create the keys once with "
                "`python -m actions.store.keys init` (make run does this) before starting a server"
            ) from None
    fernet_keys = tuple(k.strip() for k in stored["fernet_key"].split(",") if k.strip())
    keys = Keys(bytes.fromhex(stored["hmac_key"]), fernet_keys)
    keys.fernet  # noqa: B018 - fail early on a malformed Fernet key
    return keys


def keyed_hash(key: bytes, value: str) -> str:
    """HMAC-SHA256 of ``value`` as hex: what is stored instead of an id or an address."""
    return hmac.new(key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def derive_key(keys: Keys, purpose: str) -> bytes:
    """A sub-key for one purpose (tracker ids, widget sessions, the action server's token)."""
    return hmac.new(keys.hmac_key, f"reflectie:{purpose}".encode(), hashlib.sha256).digest()


def action_token(keys: Keys) -> str:
    """The secret the Rasa server sends to the action server (header ``X-Action-Token``)."""
    return derive_key(keys, "action-server").hex()


def create_key_file(path: Path) -> bool:
    """Writes fresh keys to ``path`` (mode 0600) unless it exists; True when it wrote them."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fresh = Keys.generate()
    write_key_file(path, fresh, exclusive=True)
    return True


def write_key_file(path: Path, keys: Keys, exclusive: bool = False) -> None:
    """Atomically writes ``keys`` to ``path`` (mode 0600); ``exclusive``: fail if it exists."""
    content = {"hmac_key": keys.hmac_key.hex(), "fernet_key": ",".join(keys.fernet_keys)}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(content, handle)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        if exclusive:
            os.link(tmp, path)  # atomic: fails if another process was first
        else:
            os.replace(tmp, path)
    except FileExistsError:
        pass
    finally:
        if tmp.exists():
            os.unlink(tmp)


# Slot that actions set to ask the tracker store (components/tracker_store.py) to erase
# the sender's stored conversation; it is a protocol name, not configuration.
ERASE_SLOT = "erase_requested"
