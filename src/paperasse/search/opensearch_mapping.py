"""OpenSearch index body, documents and queries.

Text fields use the built-in ``french`` analyzer (elision, stop words,
accent folding, light stemming). The text of all pages is indexed twice:
as the array ``content`` (so every word of a query may sit on a different
page, while the position gap between array values keeps phrases on one page)
and as ``pages``, nested objects {n, text}, whose inner hit names the best
matching page and carries its highlight.
"""

from __future__ import annotations

from typing import Any

from paperasse.search.highlight import POST_TAG, PRE_TAG
from paperasse.search.textquery import parse_text
from paperasse.search.types import IndexedDocument, SearchQuery, as_utc, normalize_entity

_FRENCH = {"type": "text", "analyzer": "french"}
_KEYWORD = {"type": "keyword"}
_FACET_SIZE = {"doc_type": 100, "service": 100, "year": 200}
SOURCE_FIELDS = ["id", "title", "doc_type", "received_at"]


def index_body() -> dict[str, Any]:
    """Settings and mappings of every concrete index behind the alias."""
    properties: dict[str, Any] = {
        "id": _KEYWORD,
        "title": _FRENCH,
        "content": _FRENCH,
        "filename": _FRENCH,
        "holder": _FRENCH,
        "pages": {
            "type": "nested",
            "properties": {"n": {"type": "integer"}, "text": _FRENCH},
        },
        "received_at": {"type": "date"},
        "issue_date": {"type": "date", "format": "strict_date"},
        "year": {"type": "integer"},
    }
    for name in (
        "doc_type",
        "service",
        "status",
        "source",
        "principals",
        "entities",
        "dossier_id",
        "procedure",
    ):
        properties[name] = _KEYWORD
    return {"mappings": {"dynamic": "strict", "properties": properties}}


def to_source(doc: IndexedDocument) -> dict[str, Any]:
    """The JSON source stored for ``doc``."""
    return {
        "id": doc.id,
        "title": doc.title,
        "content": list(doc.pages),
        "filename": doc.filename,
        "holder": doc.holder,
        "pages": [{"n": n, "text": text} for n, text in enumerate(doc.pages, start=1)],
        "received_at": as_utc(doc.received_at).isoformat(),
        "issue_date": doc.issue_date.isoformat() if doc.issue_date else None,
        "year": as_utc(doc.received_at).year,
        "doc_type": doc.doc_type,
        "service": doc.service,
        "status": doc.status,
        "source": doc.source,
        "principals": list(doc.principals),
        "entities": sorted({normalize_entity(v) for v in doc.entity_values} - {""}),
        "dossier_id": doc.dossier_id,
        "procedure": doc.procedure,
    }


def search_body(
    q: SearchQuery, *, search_after: list[Any] | None = None, offset: int = 0
) -> dict[str, Any]:
    """The _search request for ``q``; the permission filter is a bool filter.

    Date order pages with ``search_after`` (received_at, id); relevance
    order with ``offset`` (see ``cursor``).
    """
    parts = parse_text(q.text)
    must = [
        {
            "multi_match": {
                "query": part.text,
                "type": "phrase",
                "fields": ["title^2", "content", "holder^1.5", "filename"],
                "zero_terms_query": "all",
            }
        }
        for part in parts
    ]
    should = [_page_locator(q)] if parts else []
    body: dict[str, Any] = {
        "query": {"bool": {"must": must, "should": should, "filter": _filters(q)}},
        "sort": _sort(q),
        "size": q.limit,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
    }
    if search_after is not None:
        body["search_after"] = search_after
    if offset:
        body["from"] = offset
    if q.facets:
        body["aggs"] = {
            name: {"terms": {"field": name, "size": _FACET_SIZE[name]}} for name in set(q.facets)
        }
    return body


def _page_locator(q: SearchQuery) -> dict[str, Any]:
    """Optional nested clause whose inner hit is the best page and its snippet."""
    inner: dict[str, Any] = {"size": 1, "_source": ["pages.n"]}
    if q.highlight:
        inner["highlight"] = {
            "pre_tags": [PRE_TAG],
            "post_tags": [POST_TAG],
            "fields": {"pages.text": {"number_of_fragments": 1, "fragment_size": 200}},
        }
    words = " ".join(part.text for part in parse_text(q.text))
    return {
        "nested": {
            "path": "pages",
            "score_mode": "max",
            "query": {"match": {"pages.text": {"query": words}}},
            "inner_hits": inner,
        }
    }


def _sort(q: SearchQuery) -> list[dict[str, str]]:
    if q.sort == "date":
        return [{"received_at": "desc"}, {"id": "asc"}]
    return [{"_score": "desc"}, {"id": "asc"}]


def _filters(q: SearchQuery) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"terms": {"principals": list(q.principals)}}]
    for field, values in (
        ("doc_type", q.doc_types),
        ("service", q.services),
        ("status", q.statuses),
        ("source", q.sources),
    ):
        if values:
            out.append({"terms": {field: list(values)}})
    if q.dossier_id:
        out.append({"term": {"dossier_id": q.dossier_id}})
    if q.entity_value is not None:
        out.append({"term": {"entities": normalize_entity(q.entity_value)}})
    received: dict[str, str] = {}
    if q.date_from is not None:
        received["gte"] = as_utc(q.date_from).isoformat()
    if q.date_to is not None:
        received["lt"] = as_utc(q.date_to).isoformat()
    if received:
        out.append({"range": {"received_at": received}})
    issued: dict[str, str] = {}
    if q.issue_from is not None:
        issued["gte"] = q.issue_from.isoformat()
    if q.issue_to is not None:
        issued["lte"] = q.issue_to.isoformat()
    if issued:
        out.append({"range": {"issue_date": issued}})
    return out
