"""Configuration of the reflection log: environment variables with their defaults, and keys.

Environment variables (all optional):

- ``REFLECTION_DB_URL``: SQLAlchemy URL of the reflection database
  (default: SQLite file ``var/reflections.db`` in the project).
- ``REFLECTION_HMAC_KEY``: hex key for the pseudonymous person key (HMAC-SHA256).
- ``REFLECTION_FERNET_KEY``: Fernet key(s) for the text; several keys separated by
  commas allow rotation (the first one encrypts, all of them decrypt).
- ``REFLECTION_KEY_FILE``: where generated keys live (default ``var/keys.json``,
  mode 0600); used only for keys not given by the environment.
- ``REFLECTION_SPOOL_DIR``: encrypted spool for writes while the database is down
  (default ``var/spool``).
- ``REFLECTION_RETENTION_DAYS``: the operator's purge removes older data (default 365).
- ``REFLECTION_MAX_CHARS``: longest text that is kept (default 20000 characters).
- ``REFLECTION_DB_BUSY_TIMEOUT``: seconds SQLite waits for a lock (default 15).
- ``REFLECTION_DISPLAY_TZ``: time zone for dates shown to people (default Europe/Amsterdam).
- ``TRACKER_DB_URL``: URL of Rasa's tracker store (default SQLite ``var/tracker.db``).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Tuple

from cryptography.fernet import Fernet, MultiFernet

PROJECT_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = PROJECT_DIR / "var"


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

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Settings":
        env = os.environ if env is None else env
        return cls(
            db_url=env.get("REFLECTION_DB_URL") or f"sqlite:///{VAR_DIR / 'reflections.db'}",
            key_file=Path(env.get("REFLECTION_KEY_FILE") or VAR_DIR / "keys.json"),
            spool_dir=Path(env.get("REFLECTION_SPOOL_DIR") or VAR_DIR / "spool"),
            retention_days=int(env.get("REFLECTION_RETENTION_DAYS") or 365),
            max_chars=int(env.get("REFLECTION_MAX_CHARS") or 20000),
            busy_timeout=float(env.get("REFLECTION_DB_BUSY_TIMEOUT") or 15),
            display_tz=env.get("REFLECTION_DISPLAY_TZ") or "Europe/Amsterdam",
            tracker_db_url=env.get("TRACKER_DB_URL") or f"sqlite:///{VAR_DIR / 'tracker.db'}",
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


def load_keys(settings: Settings, env: Optional[Mapping[str, str]] = None) -> Keys:
    """Keys from the environment, else from the key file, generated there on first run."""
    env = os.environ if env is None else env
    hmac_hex = env.get("REFLECTION_HMAC_KEY")
    fernet_env = env.get("REFLECTION_FERNET_KEY")
    stored = {} if hmac_hex and fernet_env else _read_or_create_key_file(settings.key_file)
    hmac_key = bytes.fromhex(hmac_hex or stored["hmac_key"])
    fernet_keys = tuple(
        k.strip() for k in (fernet_env or stored["fernet_key"]).split(",") if k.strip()
    )
    keys = Keys(hmac_key, fernet_keys)
    keys.fernet  # noqa: B018 - fail early on a malformed Fernet key
    return keys


def _read_or_create_key_file(path: Path) -> dict:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = Keys.generate()
        content = {"hmac_key": fresh.hmac_key.hex(), "fernet_key": fresh.fernet_keys[0]}
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(content, handle)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # atomic: fails if another process was first
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    return json.loads(path.read_text())

# Slot that actions set to ask the tracker store (components/tracker_store.py) to erase
# the sender's stored conversation; it is a protocol name, not configuration.
ERASE_SLOT = "erase_requested"
