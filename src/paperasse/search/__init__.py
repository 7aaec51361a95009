"""Archive search: the SearchIndex protocol and its engines.

``search_index_from_settings`` opens tantivy (embedded, the default) or OpenSearch
(scale-out); both answer the same ``SearchQuery`` with the same
``SearchResult``, filtered by the caller's principals inside the engine.
"""

from __future__ import annotations

from paperasse.search.base import SearchIndex
from paperasse.search.factory import make_search_index, search_index_from_settings
from paperasse.search.types import (
    FACET_NAMES,
    IndexedDocument,
    SearchHit,
    SearchQuery,
    SearchResult,
    normalize_entity,
)

__all__ = [
    "FACET_NAMES",
    "IndexedDocument",
    "SearchHit",
    "SearchIndex",
    "SearchQuery",
    "SearchResult",
    "make_search_index",
    "normalize_entity",
    "search_index_from_settings",
]
