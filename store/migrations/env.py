"""Alembic environment for the reflection log; runs programmatically (see store.db).

The caller passes an open connection in ``config.attributes["connection"]``; without one
(the ``alembic`` command line) the URL comes from ``sqlalchemy.url`` or the store settings.
"""

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from core.settings import Settings
from store.models import Base

PG_MIGRATION_LOCK = 4_711_001  # advisory lock id: one migrating process at a time


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            context.execute(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})")
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url") or Settings.from_env().db_url
    engine = create_engine(url, future=True, poolclass=NullPool)
    with engine.connect() as connection:
        run_migrations(connection)


if context.is_offline_mode():
    raise SystemExit("Offline SQL generation is not supported; run migrations online.")
run_online()
