"""The database: migrations match the models, SQLite runs with its safety pragmas."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from paperasse.context import Context
from paperasse.models.db import migrate
from paperasse.models.tables import Base


def test_migrations_create_exactly_the_models(ctx: Context) -> None:
    with ctx.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], "models changed without a migration: python tools/make_migration.py"
    assert {"documents", "audit_events", "jobs", "users", "dossiers"} <= set(
        inspect(ctx.engine).get_table_names()
    )


def test_migrating_twice_is_harmless(ctx: Context) -> None:
    migrate(ctx.engine)
    migrate(ctx.engine)


def test_sqlite_pragmas(sqlite_ctx: Context) -> None:
    with sqlite_ctx.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2
