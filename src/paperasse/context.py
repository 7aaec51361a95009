"""The services a stage, a route or a command works with, built once from settings."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from paperasse.models.db import make_engine, make_sessions, migrate
from paperasse.search.base import SearchIndex
from paperasse.search.factory import make_search_index
from paperasse.settings import Settings
from paperasse.storage.base import BlobStore
from paperasse.storage.factory import MinioConfig, make_blob_store

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
            conf = self.settings.search
            self._search = make_search_index(
                conf.backend,
                path=self.settings.index_path,
                url=conf.opensearch_url,
                index_name=conf.index_name,
            )
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


def blob_store_from(settings: Settings) -> BlobStore:
    blob = settings.blob
    if blob.backend == "filesystem":
        return make_blob_store("filesystem", root=settings.blob_path)
    config = MinioConfig(
        endpoint=blob.minio_endpoint,
        access_key=blob.minio_access_key,
        secret_key=blob.minio_secret_key.get_secret_value(),
        bucket=blob.minio_bucket,
        secure=blob.minio_secure,
        retention_mode=blob.retention_mode,
        retention_days=blob.retention_days,
    )
    return make_blob_store("minio", minio=config)


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
        blob_store_from(settings),
        make_sessions(engine, write=True),
    )
