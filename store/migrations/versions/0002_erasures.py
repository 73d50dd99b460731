"""Erasure marks, so spooled writes of an erased person are never replayed.

Revision ID: 0002_erasures
Revises: 0001_initial
Create Date: 2026-11-21
"""
import sqlalchemy as sa
from alembic import op

from store.models import UTCDateTime

revision = "0002_erasures"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasures",
        sa.Column("person_key", sa.String(length=64), nullable=False),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("person_key", name=op.f("pk_erasures")),
    )


def downgrade() -> None:
    op.drop_table("erasures")
