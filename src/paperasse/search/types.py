"""What goes into the search index and what comes out of it.

These types are the whole contract between the callers (outbox indexer, API,
CLI) and the engines: every backend takes an ``IndexedDocument`` and answers a
``SearchQuery`` with a ``SearchResult`` of the same shape.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FacetName = Literal["doc_type", "service", "year"]
SortOrder = Literal["relevance", "date"]

FACET_NAMES: tuple[FacetName, ...] = ("doc_type", "service", "year")
MAX_LIMIT = 200
# Relevance pages are addressed by offset on both engines; OpenSearch refuses
# from+size beyond its default max_result_window. Deeper walks sort by date.
MAX_RELEVANCE_DEPTH = 10_000

# Separators people type inside IBANs, NIRs, SIRETs and phone numbers.
_ENTITY_SEPARATORS = str.maketrans("", "", " \t\n\r.-_/\u00a0\u202f")


def normalize_entity(value: str) -> str:
    """Return the canonical form used for exact entity lookup.

    Applied both when indexing and when querying, so "fr76 3000 6000 0112"
    finds "FR7630006000 0112" and "Lefèvre" finds "LEFEVRE": upper case, no
    accents, no spaces, dots, dashes or slashes. Idempotent.
    """
    decomposed = unicodedata.normalize("NFKD", value)
    no_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return no_accents.translate(_ENTITY_SEPARATORS).upper()


def as_utc(value: datetime) -> datetime:
    """Timezone-aware UTC datetime; naive values are taken as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class IndexedDocument(BaseModel):
    """One archived document as the search engines see it.

    ``principals`` lists who may see it ("service:urbanisme", "citizen:42",
    "role:archivist"); a caller sees the document when they hold at least one.
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    pages: list[str] = Field(default_factory=list, description="Full text of each page, in order")
    title: str = ""
    filename: str = ""
    doc_type: str = ""
    service: str = ""
    status: str = ""
    source: str = ""
    received_at: datetime
    issue_date: date | None = None
    holder: str | None = None
    entity_values: list[str] = Field(default_factory=list)
    dossier_id: str | None = None
    procedure: str | None = None
    principals: list[str] = Field(default_factory=list)


class SearchQuery(BaseModel):
    """A search as an agent or a citizen asks it.

    ``text`` holds words (all must match, in any indexed text field) and
    "quoted phrases". ``principals`` is required: with none, nothing is visible.
    ``search_after`` is the ``next_cursor`` of the previous page, for the same
    query and sort.
    """

    text: str = ""
    doc_types: list[str] = Field(default_factory=list)
    services: list[str] = Field(default_factory=list)
    statuses: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    date_from: datetime | None = Field(default=None, description="received_at >= date_from")
    date_to: datetime | None = Field(default=None, description="received_at < date_to")
    issue_from: date | None = Field(default=None, description="issue_date >= issue_from")
    issue_to: date | None = Field(default=None, description="issue_date <= issue_to")
    dossier_id: str | None = None
    entity_value: str | None = Field(default=None, description="Exact lookup, normalised")
    principals: list[str]
    facets: list[FacetName] = Field(default_factory=list)
    sort: SortOrder = "relevance"
    limit: int = Field(default=20, ge=0, le=MAX_LIMIT)
    search_after: str | None = None
    highlight: bool = True


class SearchHit(BaseModel):
    """One matching document.

    ``page`` is the 1-based page whose text best matches the words of the
    query, or None when the query has no words or they only matched the title,
    file name or holder. ``snippet`` is HTML: matches wrapped in <mark>, all
    else escaped; empty when highlighting was not asked for or nothing matched
    in the pages.
    """

    id: str
    score: float
    doc_type: str
    page: int | None
    snippet: str
    received_at: datetime
    title: str


class SearchResult(BaseModel):
    """One page of results, with the total and facets over all matches."""

    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]] = Field(default_factory=dict)
    next_cursor: str | None = None
