"""The embedded search engine: tantivy in a directory, no service to run.

One process writes at a time (tantivy locks the directory while a writer is
open: the writer is opened at the first write and kept until ``close``);
any number of processes read, and see a commit as soon as it is made.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import tantivy

from paperasse.errors import SearchError
from paperasse.search.tantivy_pages import DatePager, build_hit, count_matches, relevance_page
from paperasse.search.tantivy_query import build_query, text_queries
from paperasse.search.tantivy_schema import FRENCH, build_schema, french_analyzer, to_tantivy
from paperasse.search.types import IndexedDocument, SearchQuery, SearchResult

log = logging.getLogger(__name__)

_FACET_SIZE = {"doc_type": 100, "service": 100, "year": 200}
# Every document has exactly one sort_key, so its value count is the match count.
_TOTAL = "_total"


@contextmanager
def _engine_errors(action: str) -> Iterator[None]:
    """Translate tantivy's exceptions into SearchError at the boundary."""
    try:
        yield
    except (ValueError, OSError, RuntimeError) as e:
        raise SearchError(
            f"Le moteur de recherche intégré n'a pas pu {action} : {e}. "
            "Si l'index est verrouillé, un autre processus écrit déjà dedans ; "
            "s'il est endommagé, reconstruisez-le avec « paperasse reindex ».",
        ) from e


class TantivySearchIndex:
    """SearchIndex backed by tantivy, in ``path`` or in memory when ``path`` is None."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        writer_heap_bytes: int = 128_000_000,
        writer_threads: int = 1,
    ) -> None:
        self._schema = build_schema()
        self._analyzer = french_analyzer()
        self._heap = writer_heap_bytes
        self._threads = writer_threads
        self._writer: tantivy.IndexWriter | None = None
        self._meta = path / "meta.json" if path is not None else None
        self._meta_seen = 0
        with _engine_errors("ouvrir l'index"):
            if path is not None:
                path.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(self._schema, str(path) if path else None, reuse=True)
            self._index.register_tokenizer(FRENCH, self._analyzer)

    def _searcher(self) -> tantivy.Searcher:
        """A searcher that sees the latest commit, even one made by another process.

        Tantivy's own reload on commit runs a little later in the background;
        a stat of meta.json per query lets a reader see a commit at once.
        """
        if self._meta is not None:
            try:
                stamp = self._meta.stat().st_mtime_ns
            except FileNotFoundError:
                stamp = 0
            if stamp != self._meta_seen:
                self._index.reload()
                self._meta_seen = stamp
        return self._index.searcher()

    def _writer_open(self) -> tantivy.IndexWriter:
        if self._writer is None:
            with _engine_errors("ouvrir l'index en écriture"):
                self._writer = self._index.writer(self._heap, self._threads)
        return self._writer

    def index(self, docs: Sequence[IndexedDocument]) -> None:
        """Queue an upsert by id of every document; ``commit`` publishes them."""
        writer = self._writer_open()
        with _engine_errors("indexer les documents"):
            for doc in docs:
                writer.delete_documents_by_term("id", doc.id)
                writer.add_document(to_tantivy(doc))

    def delete(self, ids: Sequence[str]) -> None:
        """Queue the removal of these ids; ``commit`` publishes it."""
        writer = self._writer_open()
        with _engine_errors("supprimer des documents"):
            for doc_id in ids:
                writer.delete_documents_by_term("id", doc_id)

    def commit(self) -> None:
        """Write a new segment (if anything is queued) and show it to readers."""
        if self._writer is None:
            return
        with _engine_errors("enregistrer les modifications"):
            opstamp = self._writer.commit()
            self._index.reload()
        log.debug("tantivy commit opstamp=%s", opstamp)

    def reindex(self, docs: Iterable[IndexedDocument], *, batch_size: int = 500) -> int:
        """Replace everything by ``docs`` in a single commit, so readers never see a gap."""
        writer = self._writer_open()
        total = 0
        with _engine_errors("reconstruire l'index"):
            writer.delete_all_documents()
            for doc in docs:
                writer.add_document(to_tantivy(doc))
                total += 1
                if total % (batch_size * 100) == 0:
                    log.info("tantivy reindex: %d documents queued", total)
        self.commit()
        return total

    def clear(self) -> None:
        """Remove every document and commit."""
        writer = self._writer_open()
        with _engine_errors("vider l'index"):
            writer.delete_all_documents()
        self.commit()

    def count(self) -> int:
        """Number of committed documents."""
        with _engine_errors("compter les documents"):
            return int(self._searcher().num_docs)

    def close(self) -> None:
        """Drop uncommitted changes, let merges finish and release the write lock."""
        if self._writer is None:
            return
        writer, self._writer = self._writer, None
        with _engine_errors("fermer l'index"):
            writer.rollback()
            writer.wait_merging_threads()

    def query(self, q: SearchQuery) -> SearchResult:
        """Answer ``q``; the permission filter is a required clause of the engine query."""
        if not q.principals:
            return SearchResult(total=0, hits=[], facets={f: {} for f in q.facets})
        with _engine_errors("exécuter la recherche"):
            searcher = self._searcher()
            query = build_query(self._schema, self._analyzer, q)
            generator = None
            if text_queries(self._schema, self._analyzer, q.text):
                generator = tantivy.SnippetGenerator.create(searcher, query, self._schema, "body")
                generator.set_max_num_chars(220)
            # With facets, one aggregation pass yields the total as well.
            facets, total = self._facets(searcher, query, q) if q.facets else ({}, None)
            if q.sort == "date":
                pager = DatePager(searcher, self._schema, query)
                scored, cursor = pager.page(q.limit, q.search_after)
            else:
                scored, cursor, counted = relevance_page(
                    searcher, query, q.limit, q.search_after, count=total is None
                )
                total = counted if total is None else total
            if total is None:
                total = count_matches(searcher, query)
            hits = [
                build_hit(searcher.doc(addr), score, generator, q.highlight)
                for score, addr in scored
            ]
        return SearchResult(
            total=total,
            hits=hits,
            facets={name: facets.get(name, {}) for name in q.facets},
            next_cursor=cursor,
        )

    def _facets(
        self, searcher: tantivy.Searcher, query: tantivy.Query, q: SearchQuery
    ) -> tuple[dict[str, dict[str, int]], int]:
        """Document counts per value over every match the caller may see, and their total."""
        aggs: dict[str, object] = {_TOTAL: {"value_count": {"field": "sort_key"}}}
        for name in set(q.facets):
            aggs[name] = {"terms": {"field": name, "size": _FACET_SIZE[name]}}
        raw = searcher.aggregate(query, aggs)
        out: dict[str, dict[str, int]] = {}
        for name in q.facets:
            buckets = raw.get(name, {}).get("buckets", [])
            out[name] = {_facet_key(b["key"]): int(b["doc_count"]) for b in buckets}
        return out, int(raw.get(_TOTAL, {}).get("value") or 0)


def _facet_key(key: object) -> str:
    """Years come back as floats from tantivy's terms aggregation."""
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)
