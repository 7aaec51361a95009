"""Engine, sessions and migrations for the metadata database.

SQLite (the embedded default) runs in WAL mode with foreign keys on and full
fsync on commit. Write transactions begin IMMEDIATE so that writers queue on the
lock instead of failing on a stale snapshot; read sessions begin DEFERRED so that
they never hold the write lock (a reader holding it would block every writer,
including one opened further down the same request). PostgreSQL is used as is.
"""

from __future__ import annotations

import logging
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from paperasse.errors import ConfigurationError

log = logging.getLogger(__name__)

MIGRATION_LOCK_ID = 4_242_001
WRITE_OPTION = "paperasse_write"


def make_engine(url: str) -> Engine:
    """Create the engine for ``url``; SQLite gets its pragmas and folder."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "foreign_keys=ON",
        "synchronous=FULL",
        "busy_timeout=60000",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_sessions(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    """Sessions for reading, or (``write``) for transactions that change data."""
    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    return sessionmaker(bind, expire_on_commit=False)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("paperasse") / "migrations"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest migration; safe to call from many processes.

    On SQLite, a migration that changes a constraint rebuilds the table (copy, drop,
    rename), which foreign keys would refuse while other tables refer to its rows:
    they are switched off for the upgrade (SQLite ignores the switch inside a
    transaction, hence on the raw connection before it begins), and the references are
    checked before the upgrade commits.
    """
    cfg = alembic_config()
    with engine.execution_options(**{WRITE_OPTION: True}).connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            _raw_pragma(conn, "foreign_keys=OFF")
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID}
                    )
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise ConfigurationError(
                        "La mise à jour du schéma de la base laisserait des références "
                        "rompues : elle est annulée. Restaurez la sauvegarde et signalez-le."
                    )
        finally:
            if sqlite:
                _raw_pragma(conn, "foreign_keys=ON")
    log.debug("database schema is up to date")


def _raw_pragma(conn: Any, pragma: str) -> None:
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()
