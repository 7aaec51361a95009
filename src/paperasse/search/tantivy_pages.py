"""Pages of tantivy results: date order with search_after, relevance, hits.

Date order walks newest first with a cursor holding the last sort key and
id, so a walk over a changing index never repeats or skips a document that
stays put. Tantivy sorts on one fast field only, so the key is the second of
reception plus a hash of the id (``tantivy_schema.sort_key``): documents
received in the same second come in a fixed order derived from their ids
(OpenSearch orders them by id), and the rare ones sharing a key are ordered
by id here.

Relevance order uses an offset cursor: tantivy cannot filter on score. It is
exact on an unchanged index; if documents are added between two pages, the
next page may repeat or skip a few hits, and going deep costs more (top
offset+limit). Exhaustive walks (access requests, fraud checks) use date
order.
"""

from __future__ import annotations

from datetime import UTC, datetime

import tantivy

from paperasse.search.cursor import (
    TEXT,
    UNSIGNED,
    decode_cursor,
    encode_cursor,
    relevance_offset,
)
from paperasse.search.highlight import clip_to_page, mark_byte_ranges
from paperasse.search.types import SearchHit

Scored = list[tuple[float, tantivy.DocAddress]]


def relevance_page(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    limit: int,
    cursor: str | None,
    *,
    count: bool,
) -> tuple[Scored, str | None, int | None]:
    """Best-scored page after the offset held by ``cursor``, and the match count if asked.

    Counting in the same pass as the top hits saves a second pass over matches.
    """
    offset = relevance_offset(cursor, limit)
    result = searcher.search(query, max(limit, 1), count=count, offset=offset)
    total = int(result.count) if count else None  # type: ignore[attr-defined]
    scored = [(float(score), addr) for score, addr in result.hits][:limit]
    if limit == 0 or len(scored) < limit:
        return scored, None, total
    return scored, encode_cursor("relevance", {"o": offset + len(scored)}), total


class DatePager:
    """Pages in (received_at desc, id asc) order over one query and searcher."""

    def __init__(
        self, searcher: tantivy.Searcher, schema: tantivy.Schema, query: tantivy.Query
    ) -> None:
        self._searcher = searcher
        self._schema = schema
        self._query = query

    def page(self, limit: int, cursor: str | None) -> tuple[Scored, str | None]:
        """Up to ``limit`` hits after ``cursor``, and the cursor of the next page."""
        if limit == 0:
            return [], None
        out: list[tuple[int, str | None, tantivy.DocAddress]] = []
        rest = self._query
        if cursor:
            data = decode_cursor(cursor, "date", {"k": UNSIGNED, "id": TEXT})
            key, last_id = int(data["k"]), str(data["id"])
            out += [(key, i, a) for i, a in self._group(self._query, key) if i > last_id][:limit]
            below = tantivy.Query.range_query(
                self._schema,
                "sort_key",
                tantivy.FieldType.Unsigned,
                upper_bound=key,
                include_upper=False,
            )
            rest = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, self._query), (tantivy.Occur.Must, below)]
            )
        need = limit - len(out)
        if need > 0:
            top = self._searcher.search(rest, need, count=False, order_by_field="sort_key").hits
            if top:
                boundary = int(top[-1][0])
                out += [(int(k), None, a) for k, a in top if int(k) > boundary]
                group = self._group(rest, boundary)
                out += [(boundary, i, a) for i, a in group][: limit - len(out)]
        hits: Scored = [(0.0, a) for _, _, a in out]
        if len(out) < limit:
            return hits, None
        key, last, addr = out[-1]
        if last is None:
            last = str(self._searcher.doc(addr).get_first("id"))
        return hits, encode_cursor("date", {"k": key, "id": last})

    def _group(self, query: tantivy.Query, key: int) -> list[tuple[str, tantivy.DocAddress]]:
        """Matches sharing one sort key, by id: the ties tantivy cannot order."""
        same = tantivy.Query.term_query(self._schema, "sort_key", key)
        both = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, same)]
        )
        size = count_matches(self._searcher, both)
        hits = self._searcher.search(both, max(size, 1), count=False).hits if size else []
        ids = [(str(self._searcher.doc(a).get_first("id")), a) for _, a in hits]
        return sorted(ids, key=lambda pair: pair[0])


def count_matches(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    """Number of documents matching ``query`` (not pages: one document each)."""
    result = searcher.search(query, 1, count=True)
    return int(result.count)  # type: ignore[attr-defined]  # missing from tantivy's stubs


def build_hit(
    doc: tantivy.Document,
    score: float,
    generator: tantivy.SnippetGenerator | None,
    highlight: bool,
) -> SearchHit:
    """A hit with the page of its best snippet; snippet HTML only if asked."""
    pages = [str(p) for p in doc.get_all("body")]
    page: int | None = None
    snippet = ""
    if generator is not None and pages:
        found = generator.snippet_from_doc(doc)
        ranges = [(r.start, r.end) for r in found.highlighted()]
        if ranges:
            start = found.fragment_range().start
            page, fragment, kept = clip_to_page(pages, start, found.fragment(), ranges)
            if highlight:
                snippet = mark_byte_ranges(fragment, kept)
    received = doc.get_first("received_at")
    if isinstance(received, datetime) and received.tzinfo is None:
        received = received.replace(tzinfo=UTC)
    return SearchHit(
        id=str(doc.get_first("id")),
        score=score,
        doc_type=str(doc.get_first("doc_type") or ""),
        page=page,
        snippet=snippet,
        received_at=received,
        title=str(doc.get_first("title") or ""),
    )
