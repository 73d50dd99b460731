"""Settings both servers read from the environment, with their defaults.

Environment variables (all optional):

- ``VAR_DIR``: folder of the default databases, key file and spool (default ``var/``).
- ``REFLECTION_DB_URL``: SQLAlchemy URL of the reflection database
  (default: SQLite file ``var/reflections.db`` in the project).
- ``REFLECTION_HMAC_KEY``: hex key for the pseudonymous person key (HMAC-SHA256).
- ``REFLECTION_FERNET_KEY``: Fernet key(s) for the text; several keys separated by
  commas allow rotation (the first one encrypts, all of them decrypt).
- ``REFLECTION_KEY_FILE``: the key file (default ``var/keys.json``, mode 0600), created
  once by ``python -m store.keys_cli init``; used unless both keys come from the environment.
- ``REFLECTION_SPOOL_DIR``: encrypted spool for writes while the database is down
  (default ``var/spool``).
- ``REFLECTION_RETENTION_DAYS``: the operator's purge removes older data (default 365).
- ``REFLECTION_MAX_CHARS``: longest text that is kept (default 20000 characters).
- ``REFLECTION_DB_BUSY_TIMEOUT``: seconds SQLite waits for a lock (default 15).
- ``REFLECTION_DISPLAY_TZ``: time zone for dates shown to people (default Europe/Amsterdam).
- ``TRACKER_DB_URL``: URL of Rasa's tracker store (default SQLite ``var/tracker.db``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

PROJECT_DIR = Path(__file__).resolve().parents[1]
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
