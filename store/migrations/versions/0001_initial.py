"""Persons, reflection sessions and reflections.

Revision ID: 0001_initial
Revises:
Create Date: 2025-11-21
"""
import sqlalchemy as sa
from alembic import op

from store.models import UTCDateTime

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
        sa.UniqueConstraint("key", name=op.f("uq_persons_key")),
    )
    op.create_table(
        "reflection_sessions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("progress", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'done', 'stopped')",
            name=op.f("ck_reflection_sessions_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_reflection_sessions_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reflection_sessions")),
    )
    op.create_index(
        "ix_reflection_sessions_person_updated",
        "reflection_sessions",
        ["person_id", "updated_at"],
    )
    op.create_table(
        "reflections",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=True),
        sa.Column("exercise", sa.String(length=100), nullable=False),
        sa.Column("step", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_reflections_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["reflection_sessions.id"],
            name=op.f("fk_reflections_session_id_reflection_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reflections")),
    )
    op.create_index(
        "ix_reflections_person_created", "reflections", ["person_id", "created_at"]
    )
    op.create_index(
        op.f("ix_reflections_session_id"), "reflections", ["session_id"]
    )


def downgrade() -> None:
    op.drop_table("reflections")
    op.drop_table("reflection_sessions")
    op.drop_table("persons")
