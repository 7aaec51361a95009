"""search_after pagination, run against every backend."""

from __future__ import annotations

from datetime import timedelta

import pytest

from paperasse.errors import InputError
from paperasse.search import IndexedDocument, SearchIndex, SearchQuery
from paperasse.search.tantivy_schema import sort_key
from tests.search.corpus import FINANCES, URBANISME, when

WORDS = ["facture", "permis", "courrier", "relance", "arrêté", "demande", "mariage"]


def many(count: int, start: int = 0) -> list[IndexedDocument]:
    """Documents whose dates collide in groups of three, to exercise ties."""
    docs = []
    for n in range(start, start + count):
        docs.append(
            IndexedDocument(
                id=f"doc-{n:04d}",
                title=f"Pièce {n}",
                doc_type="courrier" if n % 2 else "facture",
                service="urbanisme" if n % 3 else "finances",
                received_at=when(2024, 1, 1) + timedelta(days=n // 3),
                pages=[f"{WORDS[n % len(WORDS)]} archive {' '.join(WORDS[: n % 5])}"],
                principals=[URBANISME if n % 3 else FINANCES],
            )
        )
    return docs


def walk(index: SearchIndex, query: SearchQuery) -> list[str]:
    seen: list[str] = []
    cursor = None
    for _ in range(100):
        result = index.query(query.model_copy(update={"search_after": cursor}))
        seen += [hit.id for hit in result.hits]
        cursor = result.next_cursor
        if cursor is None:
            return seen
    raise AssertionError("pagination never ended")


@pytest.mark.parametrize("sort", ["date", "relevance"])
@pytest.mark.parametrize("text", ["", "archive", "facture"])
def test_walk_returns_every_match_exactly_once(
    search_index: SearchIndex, sort: str, text: str
) -> None:
    docs = many(61)
    search_index.index(docs)
    search_index.commit()
    query = SearchQuery(text=text, principals=[URBANISME, FINANCES], sort=sort, limit=7)  # type: ignore[arg-type]
    seen = walk(search_index, query)
    assert len(seen) == len(set(seen))
    assert len(seen) == search_index.query(query).total
    if not text:
        assert set(seen) == {doc.id for doc in docs}


def test_date_walk_is_in_date_order_and_respects_permissions(search_index: SearchIndex) -> None:
    docs = many(45)
    search_index.index(docs)
    search_index.commit()
    seen = walk(search_index, SearchQuery(principals=[FINANCES], sort="date", limit=4))
    expected = {doc.id for doc in docs if FINANCES in doc.principals}
    assert sorted(seen) == sorted(expected)
    dates = {doc.id: doc.received_at for doc in docs}
    ordered = [dates[i] for i in seen]
    assert ordered == sorted(ordered, reverse=True)


def test_date_walk_survives_newer_documents_arriving(search_index: SearchIndex) -> None:
    search_index.index(many(30))
    search_index.commit()
    query = SearchQuery(principals=[URBANISME, FINANCES], sort="date", limit=5)
    first = search_index.query(query)
    seen = [hit.id for hit in first.hits]
    # New mail arrives (newer dates) between two pages: the walk neither
    # repeats nor skips the documents that were there.
    search_index.index(many(9, start=300))
    search_index.commit()
    cursor = first.next_cursor
    while cursor:
        page = search_index.query(query.model_copy(update={"search_after": cursor}))
        seen += [hit.id for hit in page.hits]
        cursor = page.next_cursor
    assert sorted(seen) == sorted(doc.id for doc in many(30))


def test_bad_cursor_is_refused(search_index: SearchIndex) -> None:
    search_index.index(many(12))
    search_index.commit()
    query = SearchQuery(principals=[URBANISME, FINANCES], sort="date", limit=5)
    cursor = search_index.query(query).next_cursor
    assert cursor
    with pytest.raises(InputError, match="curseur"):
        search_index.query(query.model_copy(update={"search_after": "pas-un-curseur!"}))
    with pytest.raises(InputError, match="curseur"):
        search_index.query(query.model_copy(update={"sort": "relevance", "search_after": cursor}))


def _ids_sharing_a_tantivy_sort_key(count: int) -> list[str]:
    """Ids whose 31-bit hash collides, so tantivy's date key ties (birthday search)."""
    received = when(2024, 6, 1)
    seen: dict[int, list[str]] = {}
    n = 0
    while True:
        doc_id = f"tie-{n}"
        bucket = seen.setdefault(sort_key(doc_id, received), [])
        bucket.append(doc_id)
        if len(bucket) == count:
            return bucket
        n += 1


def test_date_walk_breaks_exact_ties_by_id(search_index: SearchIndex) -> None:
    tied = _ids_sharing_a_tantivy_sort_key(2)
    docs = [
        IndexedDocument(id=i, received_at=when(2024, 6, 1), pages=["tie"], principals=[FINANCES])
        for i in tied
    ]
    search_index.index([*docs, *many(6)])
    search_index.commit()
    for limit in (1, 2, 3):
        query = SearchQuery(principals=[FINANCES, URBANISME], sort="date", limit=limit)
        seen = walk(search_index, query)
        assert sorted(seen) == sorted([*tied, *(d.id for d in many(6))])
        first, second = seen.index(tied[0]), seen.index(tied[1])
        assert abs(first - second) == 1
        assert seen[min(first, second)] == min(tied)
