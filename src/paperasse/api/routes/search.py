"""Archive search, filtered inside the engine by what the caller may see."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from paperasse.api.deps import CtxDep, IdentityDep
from paperasse.archive.search import parse_facets, received_between, search_as
from paperasse.search.types import SearchQuery

router = APIRouter(prefix="/api/v1", tags=["search"])


class HitOut(BaseModel):
    id: str
    score: float
    type: str
    page: int | None
    snippet: str
    title: str
    received_at: dt.datetime


class SearchOut(BaseModel):
    total: int
    hits: list[HitOut]
    facets: dict[str, dict[str, int]]
    next_cursor: str | None


@router.get("/search", response_model=SearchOut)
def search(
    ctx: CtxDep,
    identity: IdentityDep,
    q: str = "",
    doc_type: Annotated[list[str], Query(alias="type")] = [],  # noqa: B006
    service: Annotated[list[str], Query()] = [],  # noqa: B006
    status: Annotated[list[str], Query()] = [],  # noqa: B006
    date_from: Annotated[dt.date | None, Query(alias="from")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to")] = None,
    dossier: str | None = None,
    entity: str | None = None,
    facets: str | None = None,
    sort: Literal["relevance", "date"] = "relevance",
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    cursor: str | None = None,
) -> SearchOut:
    """Words and "phrases", filters, facets (doc_type, service, year), cursor pagination."""
    start, end = received_between(date_from, date_to)
    query = SearchQuery(
        text=q,
        doc_types=doc_type,
        services=service,
        statuses=status,
        date_from=start,
        date_to=end,
        dossier_id=dossier,
        entity_value=entity,
        facets=parse_facets(facets),
        sort=sort,
        limit=limit,
        search_after=cursor,
        principals=[],
    )
    result = search_as(ctx, identity, query)
    hits = [
        HitOut(
            id=h.id,
            score=h.score,
            type=h.doc_type,
            page=h.page,
            snippet=h.snippet,
            title=h.title,
            received_at=h.received_at,
        )
        for h in result.hits
    ]
    return SearchOut(
        total=result.total, hits=hits, facets=result.facets, next_cursor=result.next_cursor
    )
