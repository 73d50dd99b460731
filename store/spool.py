"""Encrypted local spool: writes wait here, in order, while the database is unavailable.

One Fernet token per line in ``<spool_dir>/pending.spool``; a lock file serialises threads
and processes. Entries are applied in order and the file is emptied only afterwards, so a
crash in between replays entries, which the store applies idempotently.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List

from cryptography.fernet import InvalidToken, MultiFernet

logger = logging.getLogger(__name__)


class Spool:
    """Append-only encrypted queue on the local disk."""

    def __init__(self, directory: Path, fernet: MultiFernet) -> None:
        self.directory = Path(directory)
        self.path = self.directory / "pending.spool"
        self.bad_path = self.directory / "pending.spool.bad"
        self._lock_path = self.directory / "spool.lock"
        self._fernet = fernet
        self._thread_lock = threading.RLock()

    def has_pending(self) -> bool:
        try:
            return self.path.stat().st_size > 0
        except FileNotFoundError:
            return False

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Exclusive access for this thread and process."""
        with self._thread_lock:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    def append(self, entry: dict) -> None:
        line = self._fernet.encrypt(json.dumps(entry).encode()) + b"\n"
        with self.locked():
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def read(self) -> List[dict]:
        """All pending entries, oldest first (call while holding ``locked()``).

        A line that cannot be read (cut off by a crash, or written with another key) is
        moved aside to ``pending.spool.bad`` and logged, so it never blocks the others.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        entries, bad = [], []
        for line in raw.splitlines():
            if not line.strip():
                continue
            try:
                entries.append(json.loads(self._fernet.decrypt(line)))
            except (InvalidToken, ValueError):
                bad.append(line)
        if bad:
            fd = os.open(self.bad_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, b"".join(line + b"\n" for line in bad))
                os.fsync(fd)
            finally:
                os.close(fd)
            logger.error("Moved %d unreadable spool line(s) aside to %s", len(bad), self.bad_path)
            self.replace(entries)
        return entries

    def replace(self, entries: List[dict]) -> None:
        """Keep only ``entries`` (call while holding ``locked()``)."""
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            for entry in entries:
                handle.write(self._fernet.encrypt(json.dumps(entry).encode()) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)
