"""SQLAlchemy models of the reflection log (schema changes go through Alembic migrations)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeMeta, registry, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_registry = registry(metadata=MetaData(naming_convention=NAMING))


class Base(metaclass=DeclarativeMeta):
    """Base of the mapped classes, declared as a class so that type checkers see one."""

    __abstract__ = True
    registry = _registry
    metadata = _registry.metadata
    __init__ = _registry.constructor

SESSION_STATUSES = ("open", "done", "stopped")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC in every database and always returns an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use UTC-aware datetimes")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Person(Base):
    """A pseudonymous person: only the HMAC of "channel:sender_id" is kept."""

    __tablename__ = "persons"

    id = Column(Integer, primary_key=True)
    key = Column(String(64), nullable=False, unique=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class ReflectionSession(Base):
    """One run of an exercise or a free conversation, with encrypted resumable progress."""

    __tablename__ = "reflection_sessions"
    __table_args__ = (
        CheckConstraint(
            "status IN ('open', 'done', 'stopped')", name="status_valid"
        ),
        Index("ix_reflection_sessions_person_updated", "person_id", "updated_at"),
    )

    id = Column(String(32), primary_key=True)
    person_id = Column(
        Integer, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False
    )
    exercise = Column(String(100), nullable=False)
    status = Column(String(10), nullable=False, default="open")
    started_at = Column(UTCDateTime, nullable=False)
    updated_at = Column(UTCDateTime, nullable=False)
    progress = Column(Text)  # Fernet token of a JSON document, or NULL

    person = relationship(Person)


class Reflection(Base):
    """What a person wrote at one step (question) of an exercise; text is a Fernet token."""

    __tablename__ = "reflections"
    __table_args__ = (
        Index("ix_reflections_person_created", "person_id", "created_at"),
    )

    id = Column(String(32), primary_key=True)
    person_id = Column(
        Integer, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False
    )
    session_id = Column(
        String(32),
        ForeignKey("reflection_sessions.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    )
    exercise = Column(String(100), nullable=False)
    step = Column(String(100), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(UTCDateTime, nullable=False)


class Erasure(Base):
    """A person's data was erased at ``erased_at``: spooled writes from before are dropped.

    With several action servers, another server's spool may still hold entries of that
    person; this mark keeps them from coming back when that spool is replayed.
    """

    __tablename__ = "erasures"

    person_key = Column(String(64), primary_key=True)
    erased_at = Column(UTCDateTime, nullable=False)
