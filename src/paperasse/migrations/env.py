"""Alembic environment: migrations run on a connection handed over by paperasse."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from paperasse.models.tables import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///var/paperasse.db"
    with create_engine(url).begin() as own:
        context.configure(connection=own, target_metadata=Base.metadata, render_as_batch=True)
        context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    context.run_migrations()
