"""The database, the blob store and the search index, assembled once from settings.

Each engine package builds itself (``*_from_settings``); this module only puts them
together and opens the database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from paperasse.models.db import make_engine, make_sessions, migrate
from paperasse.search.base import SearchIndex
from paperasse.search.factory import search_index_from_settings
from paperasse.settings import Settings
from paperasse.storage.base import BlobStore
from paperasse.storage.factory import blob_store_from_settings

log = logging.getLogger(__name__)


@dataclass
class Context:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    store: BlobStore
    writers: sessionmaker[Session] = field(repr=False)
    _search: SearchIndex | None = field(default=None, repr=False)

    @property
    def search(self) -> SearchIndex:
        """The search index, opened on first use (worker processes never open it)."""
        if self._search is None:
            self._search = search_index_from_settings(self.settings)
        return self._search

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error.

        Plain ``sessions()`` are for reading; changes go through here.
        """
        with self.writers() as session, session.begin():
            yield session

    def close(self) -> None:
        if self._search is not None:
            self._search.close()
            self._search = None
        self.engine.dispose()


def open_context(settings: Settings, *, run_migrations: bool = True) -> Context:
    """Connect to the database (migrating it) and the blob store."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.sqlalchemy_url)
    if run_migrations:
        migrate(engine)
    return Context(
        settings,
        engine,
        make_sessions(engine),
        blob_store_from_settings(settings),
        make_sessions(engine, write=True),
    )
