"""The reflection log: a repository over the database, with encryption and a fault spool.

People are identified only by ``HMAC(channel:sender_id)``; every query filters on that
key, so one person can never reach another person's rows. Texts and progress are
Fernet-encrypted before they reach the database or the spool.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Union

from cryptography.fernet import InvalidToken
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from core.keys import Keys, keyed_hash, load_keys
from core.settings import Settings
from store.db import WRITE, checkpoint_sqlite, make_engine, upgrade_schema
from store.models import (
    SESSION_STATUSES,
    Erasure,
    Person,
    Reflection,
    ReflectionSession,
    utcnow,
)
from store.spool import Spool
from store.tracker_events import KeyMismatch

logger = logging.getLogger(__name__)

DB_DOWN = (OperationalError, InterfaceError, PoolTimeoutError)
MAX_NAME = 100  # longest exercise or step key


class StoreUnavailable(RuntimeError):
    """The reflection database cannot be reached (reads), and nothing could be spooled."""


class TextTooLong(ValueError):
    """The text exceeds the documented maximum; nothing was stored."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"text has {length} characters; the maximum is {limit}")
        self.length = length
        self.limit = limit


class SessionNotFound(LookupError):
    """No session with this id belongs to this person."""


class SaveStatus(str, Enum):
    SAVED = "saved"
    SPOOLED = "spooled"  # database unavailable: kept encrypted locally, written later


@dataclass(frozen=True)
class SaveResult:
    id: str
    status: SaveStatus

    @property
    def saved_later(self) -> bool:
        return self.status is SaveStatus.SPOOLED


@dataclass(frozen=True)
class ReflectionView:
    id: str
    exercise: str
    step: str
    text: str
    created_at: datetime
    session_id: Optional[str]


@dataclass(frozen=True)
class OpenSession:
    id: str
    exercise: str
    started_at: datetime
    updated_at: datetime
    progress: Optional[Dict[str, Any]]


@dataclass(frozen=True)
class Activity:
    """What a person last worked on; ``status`` is None for a reflection outside a session."""

    exercise: str
    status: Optional[str]
    at: datetime
    session_id: Optional[str]


class ReflectionStore:
    """Repository of reflections. Thread-safe; a database session per call, on pooled
    connections (store/db.py)."""

    def __init__(
        self,
        engine_or_url: Union[Engine, str],
        keys: Keys,
        *,
        spool_dir: Path,
        max_chars: int = 20000,
        busy_timeout: float = 15.0,
        session_factory: Optional[Callable[..., Session]] = None,
    ) -> None:
        self.engine = (
            make_engine(engine_or_url, busy_timeout)
            if isinstance(engine_or_url, str)
            else engine_or_url
        )
        self._sessions = session_factory or sessionmaker(bind=self.engine, future=True)
        self._write_bind = self.engine.execution_options(**WRITE)
        self._keys = keys
        self._fernet = keys.fernet
        self.max_chars = max_chars
        self.spool = Spool(spool_dir, self._fernet)
        self._schema_ready = False
        self._schema_lock = threading.Lock()

    # --- identity and crypto --------------------------------------------------------

    def person_key(self, channel: str, sender_id: str) -> str:
        return keyed_hash(self._keys.hmac_key, f"{channel}:{sender_id}")

    def _encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode("utf-8", "surrogatepass")).decode("ascii")

    def _decrypt(self, token: str) -> str:
        return self._fernet.decrypt(token.encode("ascii")).decode("utf-8", "surrogatepass")

    # --- writes (spooled while the database is unavailable) -------------------------

    def add_reflection(
        self,
        channel: str,
        sender_id: str,
        exercise: str,
        step: str,
        text: str,
        session_id: Optional[str] = None,
    ) -> SaveResult:
        """Keep what the person wrote at ``step`` of ``exercise``. Raises TextTooLong."""
        if not isinstance(text, str):
            raise TypeError("text must be a str")
        if len(text) > self.max_chars:
            raise TextTooLong(len(text), self.max_chars)
        args = {
            "person": self.person_key(channel, sender_id),
            "id": uuid.uuid4().hex,
            "session_id": session_id,
            "exercise": _name(exercise),
            "step": _name(step),
            "text": self._encrypt(text),
            "at": utcnow().isoformat(),
        }
        return self._write("add_reflection", args)

    def start_session(
        self,
        channel: str,
        sender_id: str,
        exercise: str,
        progress: Optional[Dict[str, Any]] = None,
    ) -> SaveResult:
        """Start a run of an exercise; the result's id is the session id."""
        args = {
            "person": self.person_key(channel, sender_id),
            "id": uuid.uuid4().hex,
            "exercise": _name(exercise),
            "progress": self._encrypt_progress(progress),
            "at": utcnow().isoformat(),
        }
        return self._write("start_session", args)

    def save_progress(
        self, channel: str, sender_id: str, session_id: str, progress: Dict[str, Any]
    ) -> SaveResult:
        """Replace the resumable state of one of this person's sessions."""
        args = {
            "person": self.person_key(channel, sender_id),
            "id": session_id,
            "progress": self._encrypt_progress(progress),
            "at": utcnow().isoformat(),
        }
        return self._write("save_progress", args)

    def finish_session(
        self, channel: str, sender_id: str, session_id: str, status: str = "done"
    ) -> SaveResult:
        """Close a session as ``done`` or ``stopped``."""
        if status not in SESSION_STATUSES or status == "open":
            raise ValueError(f"status must be 'done' or 'stopped', not {status!r}")
        args = {
            "person": self.person_key(channel, sender_id),
            "id": session_id,
            "status": status,
            "at": utcnow().isoformat(),
        }
        return self._write("finish_session", args)

    # --- reads (raise StoreUnavailable while the database is unavailable) -----------

    def open_session(
        self, channel: str, sender_id: str, exercise: Optional[str] = None
    ) -> Optional[OpenSession]:
        """The latest unfinished session (of ``exercise`` if given), with its progress."""
        key = self.person_key(channel, sender_id)

        def query(session: Session) -> Optional[OpenSession]:
            stmt = (
                select(ReflectionSession)
                .join(Person)
                .where(Person.key == key, ReflectionSession.status == "open")
                .order_by(ReflectionSession.updated_at.desc(), ReflectionSession.id)
                .limit(1)
            )
            if exercise is not None:
                stmt = stmt.where(ReflectionSession.exercise == exercise)
            row = session.execute(stmt).scalar_one_or_none()
            if row is None:
                return None
            progress = None if row.progress is None else json.loads(self._decrypt(row.progress))
            return OpenSession(row.id, row.exercise, row.started_at, row.updated_at, progress)

        return self._read(query)

    def recent(self, channel: str, sender_id: str, limit: int = 10) -> List[ReflectionView]:
        """The person's latest reflections, newest first."""
        return self._reflections(self.person_key(channel, sender_id), newest_first=True, limit=limit)

    def all_reflections(self, channel: str, sender_id: str) -> List[ReflectionView]:
        """All of the person's reflections, oldest first."""
        return self._reflections(self.person_key(channel, sender_id))

    def all_reflections_by_key(self, person_key: str) -> List[ReflectionView]:
        """For the operator: all reflections of a pseudonymous person key, oldest first."""
        return self._reflections(person_key)

    def export_markdown(self, channel: str, sender_id: str) -> str:
        """All of the person's reflections as a readable Markdown document (Dutch)."""
        from store.render import render_export

        return render_export(self.all_reflections(channel, sender_id))

    def last_activity(self, channel: str, sender_id: str) -> Optional[Activity]:
        """What the person last worked on, to greet a returning person."""
        key = self.person_key(channel, sender_id)

        def query(session: Session) -> Optional[Activity]:
            run = session.execute(
                select(ReflectionSession)
                .join(Person)
                .where(Person.key == key)
                .order_by(ReflectionSession.updated_at.desc())
                .limit(1)
            ).scalar_one_or_none()
            note = session.execute(
                select(Reflection)
                .join(Person)
                .where(Person.key == key, Reflection.session_id.is_(None))
                .order_by(Reflection.created_at.desc())
                .limit(1)
            ).scalar_one_or_none()
            candidates: List[Activity] = []
            if run is not None:
                candidates.append(Activity(run.exercise, run.status, run.updated_at, run.id))
            if note is not None:
                candidates.append(Activity(note.exercise, None, note.created_at, None))
            return max(candidates, key=lambda activity: activity.at) if candidates else None

        return self._read(query)

    # --- deletion and retention -------------------------------------------------------

    def delete_person(self, channel: str, sender_id: str) -> Dict[str, int]:
        """Remove everything of this person; returns counts per kind."""
        return self.delete_person_by_key(self.person_key(channel, sender_id))

    def delete_person_by_key(self, person_key: str) -> Dict[str, int]:
        """Deletes the person's rows, checks that none is left, and marks the erasure."""

        def work(session: Session) -> Dict[str, int]:
            now = utcnow()
            mark = session.get(Erasure, person_key)
            if mark is None:
                session.add(Erasure(person_key=person_key, erased_at=now))
            else:
                mark.erased_at = now
            person_id = session.execute(
                select(Person.id).where(Person.key == person_key)
            ).scalar_one_or_none()
            if person_id is None:
                return {"reflections": 0, "sessions": 0, "persons": 0}
            counts = {
                "reflections": _count(session, delete(Reflection).where(Reflection.person_id == person_id)),
                "sessions": _count(
                    session, delete(ReflectionSession).where(ReflectionSession.person_id == person_id)
                ),
                "persons": _count(session, delete(Person).where(Person.id == person_id)),
            }
            left = session.execute(
                select(func.count(Reflection.id)).where(Reflection.person_id == person_id)
            ).scalar_one()
            if left:
                raise RuntimeError(f"{left} reflections remained after erasure")
            return counts

        counts = self._modify(work)  # writes this process's spool first, then deletes
        checkpoint_sqlite(self.engine)
        return counts

    def check_keys(self) -> None:
        """Raises KeyMismatch when stored text exists that these keys cannot decrypt."""

        def newest(session: Session) -> List[str]:
            text = session.execute(
                select(Reflection.text).order_by(Reflection.created_at.desc()).limit(1)
            ).scalar()
            progress = session.execute(
                select(ReflectionSession.progress)
                .where(ReflectionSession.progress.isnot(None))
                .order_by(ReflectionSession.updated_at.desc()).limit(1)
            ).scalar()
            return [token for token in (text, progress) if token]

        self._ensure_schema()
        with self._sessions() as session:
            tokens = newest(session)
        try:
            for token in tokens:
                self._decrypt(token)
        except InvalidToken as error:
            raise KeyMismatch(
                "the reflection log holds text that these keys cannot read: the key file was "
                "lost or replaced. Restore the original keys; new keys are never made over "
                "existing data."
            ) from error

    def rotate_encryption(self) -> int:
        """Re-encrypts all text, progress and spooled entries with the first Fernet key."""

        def work(session: Session) -> int:
            count = 0
            for row in session.execute(select(Reflection)).scalars():
                row.text = self._fernet.rotate(row.text.encode("ascii")).decode("ascii")
                count += 1
            for run in session.execute(
                select(ReflectionSession).where(ReflectionSession.progress.isnot(None))
            ).scalars():
                run.progress = self._fernet.rotate(run.progress.encode("ascii")).decode("ascii")
                count += 1
            return count

        with self.spool.locked():
            entries = self.spool.read()
            for entry in entries:
                for field in ("text", "progress"):
                    if entry["args"].get(field):
                        entry["args"][field] = self._fernet.rotate(
                            entry["args"][field].encode("ascii")).decode("ascii")
            self.spool.replace(entries)
        count = self._modify(work, spool_first=False)
        checkpoint_sqlite(self.engine)
        return count

    def purge_older_than(self, days: int) -> Dict[str, int]:
        """Delete reflections and sessions older than ``days``, and persons left empty."""
        if days < 0:
            raise ValueError("days must be >= 0")
        cutoff = utcnow() - timedelta(days=days)

        def work(session: Session) -> Dict[str, int]:
            reflections = _count(session, delete(Reflection).where(Reflection.created_at < cutoff))
            old_runs = select(ReflectionSession.id).where(ReflectionSession.updated_at < cutoff)
            session.execute(
                update(Reflection)
                .where(Reflection.session_id.in_(old_runs))
                .values(session_id=None)
                .execution_options(synchronize_session=False)
            )
            sessions = _count(
                session, delete(ReflectionSession).where(ReflectionSession.updated_at < cutoff)
            )
            persons = _count(
                session,
                delete(Person).where(
                    Person.created_at < cutoff,
                    ~select(Reflection.id).where(Reflection.person_id == Person.id).exists(),
                    ~select(ReflectionSession.id)
                    .where(ReflectionSession.person_id == Person.id)
                    .exists(),
                ),
            )
            session.execute(delete(Erasure).where(Erasure.erased_at < cutoff))
            return {"reflections": reflections, "sessions": sessions, "persons": persons}

        counts = self._modify(work)
        checkpoint_sqlite(self.engine)
        return counts

    def count_persons(self) -> int:
        return self._read(lambda s: s.execute(select(func.count(Person.id))).scalar_one())

    def flush_spool(self) -> int:
        """Write spooled entries to the database now; returns how many were applied."""
        try:
            return self._flush_spool()
        except DB_DOWN as exc:
            self._down()
            raise StoreUnavailable("reflection database unavailable") from exc

    # --- internals ------------------------------------------------------------------

    def _encrypt_progress(self, progress: Optional[Dict[str, Any]]) -> Optional[str]:
        if progress is None:
            return None
        return self._encrypt(json.dumps(progress, ensure_ascii=False))

    def _down(self) -> None:
        """The database failed: no pooled connection outlives the outage (a moved SQLite file
        stays open in one; a restarted server leaves broken ones)."""
        self.engine.dispose()

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        with self._schema_lock:
            if not self._schema_ready:
                upgrade_schema(self.engine)
                self._schema_ready = True

    def _write(self, op: str, args: Dict[str, Any]) -> SaveResult:
        try:
            self._flush_spool()
            self._modify(lambda session: self._apply(session, op, args), spool_first=False)
            return SaveResult(args["id"], SaveStatus.SAVED)
        except StoreUnavailable as exc:
            if not isinstance(exc.__cause__, DB_DOWN):
                raise
            logger.warning("Reflection database unavailable (%s); spooling %s", exc.__cause__, op)
        except DB_DOWN as exc:
            self._down()
            logger.warning("Reflection database unavailable (%s); spooling %s", exc, op)
        try:
            self.spool.append({"op": op, "args": args})
        except OSError as exc:
            raise StoreUnavailable("database and local spool both unavailable") from exc
        return SaveResult(args["id"], SaveStatus.SPOOLED)

    def _read(self, query: Callable[[Session], Any]) -> Any:
        try:
            self._flush_spool()
            with self._sessions() as session:
                return query(session)
        except DB_DOWN as exc:
            self._down()
            raise StoreUnavailable("reflection database unavailable") from exc

    def _modify(self, work: Callable[[Session], Any], spool_first: bool = True) -> Any:
        try:
            if spool_first:
                self._flush_spool()
            self._ensure_schema()
            with self._sessions(bind=self._write_bind) as session, session.begin():
                return work(session)
        except DB_DOWN as exc:
            self._down()
            raise StoreUnavailable("reflection database unavailable") from exc

    def _flush_spool(self) -> int:
        self._ensure_schema()
        if not self.spool.has_pending():
            return 0
        with self.spool.locked():
            entries = self.spool.read()
            if not entries:
                return 0
            with self._sessions(bind=self._write_bind) as session, session.begin():
                for entry in entries:
                    try:
                        with session.begin_nested():
                            self._apply(session, entry["op"], entry["args"])
                    except (SessionNotFound, IntegrityError) as exc:
                        logger.error("Dropping spooled %s: %s", entry["op"], exc)
            self.spool.replace([])
            logger.info("Wrote %d spooled reflection-log entries", len(entries))
            return len(entries)

    def _apply(self, session: Session, op: str, args: Dict[str, Any]) -> None:
        """Apply one write; idempotent, so a replayed spool entry changes nothing twice."""
        at = datetime.fromisoformat(args["at"])
        mark = session.get(Erasure, args["person"])
        if mark is not None and mark.erased_at >= at:
            logger.info("Dropped a %s of a person erased after it was written", op)
            return
        person = _person(session, args["person"], at)
        if op == "add_reflection":
            if session.get(Reflection, args["id"]) is not None:
                return
            if args["session_id"] is not None:
                _owned_session(session, person, args["session_id"])
            session.add(
                Reflection(
                    id=args["id"],
                    person_id=person.id,
                    session_id=args["session_id"],
                    exercise=args["exercise"],
                    step=args["step"],
                    text=args["text"],
                    created_at=at,
                )
            )
        elif op == "start_session":
            if session.get(ReflectionSession, args["id"]) is not None:
                return
            session.add(
                ReflectionSession(
                    id=args["id"],
                    person_id=person.id,
                    exercise=args["exercise"],
                    status="open",
                    started_at=at,
                    updated_at=at,
                    progress=args["progress"],
                )
            )
        elif op == "save_progress":
            run = _owned_session(session, person, args["id"])
            run.progress = args["progress"]
            run.updated_at = max(run.updated_at, at)
        elif op == "finish_session":
            run = _owned_session(session, person, args["id"])
            run.status = args["status"]
            run.updated_at = max(run.updated_at, at)
        else:
            raise ValueError(f"unknown operation {op!r}")
        session.flush()

    def _reflections(
        self, person_key: str, newest_first: bool = False, limit: Optional[int] = None
    ) -> List[ReflectionView]:
        def query(session: Session) -> List[ReflectionView]:
            order = (
                (Reflection.created_at.desc(), Reflection.id.desc())
                if newest_first
                else (Reflection.created_at, Reflection.id)
            )
            stmt = select(Reflection).join(Person).where(Person.key == person_key).order_by(*order)
            if limit is not None:
                stmt = stmt.limit(limit)
            return [
                ReflectionView(
                    r.id, r.exercise, r.step, self._decrypt(r.text), r.created_at, r.session_id
                )
                for r in session.execute(stmt).scalars()
            ]

        return self._read(query)


def _name(value: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_NAME:
        raise ValueError(f"exercise and step must be 1..{MAX_NAME} characters")
    return value


def _count(session: Session, statement) -> int:
    return session.execute(statement.execution_options(synchronize_session=False)).rowcount


def _person(session: Session, key: str, at: datetime) -> Person:
    person = session.execute(select(Person).where(Person.key == key)).scalar_one_or_none()
    if person is not None:
        return person
    try:
        with session.begin_nested():
            person = Person(key=key, created_at=at)
            session.add(person)
        return person
    except IntegrityError:  # created concurrently by another conversation
        return session.execute(select(Person).where(Person.key == key)).scalar_one()


def _owned_session(session: Session, person: Person, session_id: str) -> ReflectionSession:
    run = session.execute(
        select(ReflectionSession).where(
            ReflectionSession.id == session_id, ReflectionSession.person_id == person.id
        )
    ).scalar_one_or_none()
    if run is None:
        raise SessionNotFound(session_id)
    return run


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
