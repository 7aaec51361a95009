"""Alembic environment: migrations run on a connection handed over by paperasse."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import create_engine

from paperasse.models.tables import Base, UTCDateTime

config = context.config
connection = config.attributes.get("connection")


def render_item(kind: str, obj: Any, _autogen: AutogenContext) -> str | Literal[False]:
    """Migrations use plain SQLAlchemy types, never the application's own."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run(conn: Any) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        render_as_batch=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is None:
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///var/paperasse.db"
    with create_engine(url).begin() as own:
        run(own)
else:
    run(connection)
