"""Searching the archive on behalf of someone: their principals go into the engine query."""

from __future__ import annotations

import logging

from paperasse.auth import Identity, principals
from paperasse.context import Context
from paperasse.errors import SearchError
from paperasse.search.indexer import drain_all
from paperasse.search.types import SearchQuery, SearchResult

log = logging.getLogger(__name__)


def search_as(ctx: Context, identity: Identity, query: SearchQuery) -> SearchResult:
    """Run ``query`` with exactly the caller's rights, whatever principals it carried."""
    scoped = query.model_copy(update={"principals": principals(identity)})
    return ctx.search.query(scoped)


def catch_up(ctx: Context) -> int:
    """Index pending changes when this process may write (no service holds the index)."""
    try:
        return drain_all(ctx, ctx.search)
    except SearchError as e:
        log.info("index not updated here (another process writes it): %s", e.message)
        return 0
