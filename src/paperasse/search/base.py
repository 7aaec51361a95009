"""The SearchIndex protocol that every search engine backend implements.

Writes are batched: ``index`` and ``delete`` queue changes, ``commit`` makes
every queued change durable and visible to ``query``. Tantivy commits are
costly (a new segment and an fsync each), so callers commit once per batch
of the outbox, not once per document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from paperasse.search.types import IndexedDocument, SearchQuery, SearchResult


@runtime_checkable
class SearchIndex(Protocol):
    """Full-text search over the archive, filtered by the caller's rights."""

    def index(self, docs: Sequence[IndexedDocument]) -> None:
        """Queue an upsert of ``docs`` by id: a document already indexed is replaced."""
        ...

    def delete(self, ids: Sequence[str]) -> None:
        """Queue the removal of these ids; unknown ids are ignored."""
        ...

    def commit(self) -> None:
        """Make every queued change durable and visible to ``query``."""
        ...

    def query(self, q: SearchQuery) -> SearchResult:
        """Answer ``q`` over committed documents the caller's principals may see.

        The permission filter is part of the engine query, so hits, total and
        facets never count a document the caller may not see.
        """
        ...

    def reindex(self, docs: Iterable[IndexedDocument], *, batch_size: int = 500) -> int:
        """Replace the whole content of the index by ``docs``, atomically for readers.

        Readers see the old content until the new one is complete. Returns the
        number of documents indexed.
        """
        ...

    def clear(self) -> None:
        """Remove every document, committed at once."""
        ...

    def count(self) -> int:
        """Number of committed documents."""
        ...

    def close(self) -> None:
        """Release files, locks and connections; uncommitted changes are dropped."""
        ...
