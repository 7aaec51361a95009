"""The scale-out search engine: OpenSearch behind an alias.

Callers read and write through the alias ``index_name``; the documents live
in a concrete index ``<index_name>-<suffix>`` created from the index template.
``reindex`` fills a fresh concrete index and swaps the alias in one atomic
``_aliases`` call, so searches never see a half-built index.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ImproperlyConfigured, NotFoundError, OpenSearchException

from paperasse.errors import SearchError
from paperasse.search.cursor import KEYS, decode_cursor, encode_cursor, relevance_offset
from paperasse.search.highlight import mark_tagged
from paperasse.search.opensearch_mapping import index_body, search_body, to_source
from paperasse.search.types import IndexedDocument, SearchHit, SearchQuery, SearchResult

log = logging.getLogger(__name__)

_BULK_OPERATIONS = 500  # per request: keeps each bulk body to a few megabytes


@contextmanager
def _engine_errors(action: str) -> Iterator[None]:
    """Translate opensearch-py's exceptions into SearchError at the boundary."""
    try:
        yield
    except (OpenSearchException, ImproperlyConfigured) as e:
        raise SearchError(
            f"Le serveur de recherche OpenSearch n'a pas pu {action} ({e}). "
            "Vérifiez qu'il est démarré et joignable, puis réessayez.",
        ) from e


class OpenSearchSearchIndex:
    """SearchIndex backed by an OpenSearch cluster at ``url``."""

    def __init__(self, url: str, *, index_name: str = "paperasse", timeout: float = 30.0) -> None:
        self._alias = index_name
        self._client = OpenSearch(hosts=[url], timeout=timeout)
        self._ready = False
        self._pending: list[list[dict[str, Any]]] = []  # bulk lines of each operation

    def _ensure(self) -> None:
        """Create the template, a first concrete index and the alias if missing."""
        if self._ready:
            return
        with _engine_errors("préparer l'index"):
            self._client.indices.put_index_template(
                name=f"{self._alias}-template",
                body={"index_patterns": [f"{self._alias}-*"], "template": index_body()},
            )
            if not self._client.indices.exists_alias(name=self._alias):
                self._create_concrete(alias=True)
        self._ready = True

    def _create_concrete(self, *, alias: bool) -> str:
        name = f"{self._alias}-{uuid.uuid4().hex[:12]}"
        body = index_body()
        if alias:
            body["aliases"] = {self._alias: {}}
        self._client.indices.create(index=name, body=body)
        log.info("opensearch index %s created (alias %s: %s)", name, self._alias, alias)
        return name

    def index(self, docs: Sequence[IndexedDocument]) -> None:
        """Queue an upsert by id of every document; ``commit`` sends them."""
        for doc in docs:
            self._pending.append(
                [{"index": {"_index": self._alias, "_id": doc.id}}, to_source(doc)]
            )

    def delete(self, ids: Sequence[str]) -> None:
        """Queue the removal of these ids; ``commit`` sends it."""
        for doc_id in ids:
            self._pending.append([{"delete": {"_index": self._alias, "_id": doc_id}}])

    def commit(self) -> None:
        """Send queued changes in bulk requests, in order, and refresh so queries see them."""
        self._ensure()
        pending, self._pending = self._pending, []
        for start in range(0, len(pending), _BULK_OPERATIONS):
            self._bulk([line for op in pending[start : start + _BULK_OPERATIONS] for line in op])
        with _engine_errors("rafraîchir l'index"):
            self._client.indices.refresh(index=self._alias)

    def _bulk(self, actions: list[dict[str, Any]]) -> None:
        with _engine_errors("indexer les documents"):
            answer = self._client.bulk(body=actions)
        if answer.get("errors"):
            failed = [
                item
                for item in answer.get("items", [])
                for op, res in item.items()
                if res.get("status", 200) >= 300 and not (op == "delete" and res["status"] == 404)
            ]
            if failed:
                raise SearchError(
                    f"OpenSearch a refusé {len(failed)} opération(s) d'indexation : "
                    f"{str(failed[0])[:300]}. Relancez l'indexation ; si l'erreur persiste, "
                    "reconstruisez l'index avec « paperasse reindex ».",
                )

    def reindex(self, docs: Iterable[IndexedDocument], *, batch_size: int = 500) -> int:
        """Fill a new concrete index with ``docs``, then swap the alias atomically.

        Writes sent through ``index``/``delete`` while this runs land in the old
        index: replay them after the swap (the outbox keeps them).
        """
        self._ensure()
        with _engine_errors("reconstruire l'index"):
            new = self._create_concrete(alias=False)
            total, batch = 0, []
            for doc in docs:
                batch += [{"index": {"_index": new, "_id": doc.id}}, to_source(doc)]
                total += 1
                if len(batch) >= 2 * batch_size:
                    self._bulk(batch)
                    batch = []
            if batch:
                self._bulk(batch)
            self._client.indices.refresh(index=new)
            old = list(self._client.indices.get_alias(name=self._alias))
            actions: list[dict[str, Any]] = [
                {"remove": {"index": name, "alias": self._alias}} for name in old
            ]
            actions.append({"add": {"index": new, "alias": self._alias}})
            self._client.indices.update_aliases(body={"actions": actions})
            for name in old:
                self._client.indices.delete(index=name)
        log.info("opensearch reindex: %d documents, alias %s -> %s", total, self._alias, new)
        return total

    def clear(self) -> None:
        """Remove every document and refresh."""
        self._ensure()
        self._pending = []
        with _engine_errors("vider l'index"):
            self._client.delete_by_query(
                index=self._alias, body={"query": {"match_all": {}}}, refresh=True
            )

    def count(self) -> int:
        """Number of documents visible to searches."""
        self._ensure()
        with _engine_errors("compter les documents"):
            return int(self._client.count(index=self._alias)["count"])

    def close(self) -> None:
        """Drop queued changes and close the HTTP connections."""
        self._pending = []
        with _engine_errors("fermer la connexion"):
            self._client.close()

    def query(self, q: SearchQuery) -> SearchResult:
        """Answer ``q``; the principals are a ``terms`` filter of the bool query."""
        if not q.principals:
            return SearchResult(total=0, hits=[], facets={f: {} for f in q.facets})
        self._ensure()
        offset = 0
        if q.sort == "date":
            given = q.search_after
            after = decode_cursor(given, "date", {"sa": KEYS})["sa"] if given else None
            body = search_body(q, search_after=after)
        else:
            offset = relevance_offset(q.search_after, q.limit)
            body = search_body(q, offset=offset)
        with _engine_errors("exécuter la recherche"):
            try:
                answer = self._client.search(index=self._alias, body=body)
            except NotFoundError:
                self._ready = False
                raise
        raw_hits = answer["hits"]["hits"]
        cursor = None
        if q.limit and len(raw_hits) == q.limit:
            if q.sort == "date":
                cursor = encode_cursor("date", {"sa": raw_hits[-1]["sort"]})
            else:
                cursor = encode_cursor("relevance", {"o": offset + len(raw_hits)})
        aggs = answer.get("aggregations", {})
        return SearchResult(
            total=int(answer["hits"]["total"]["value"]),
            hits=[_hit(h, q.sort == "date") for h in raw_hits],
            facets={
                name: {
                    str(b["key"]): int(b["doc_count"])
                    for b in aggs.get(name, {}).get("buckets", [])
                }
                for name in q.facets
            },
            next_cursor=cursor,
        )


def _hit(raw: dict[str, Any], by_date: bool) -> SearchHit:
    """A hit from OpenSearch's JSON: page and snippet come from the nested inner hit."""
    source = raw.get("_source", {})
    page: int | None = None
    snippet = ""
    inner = raw.get("inner_hits", {}).get("pages", {}).get("hits", {}).get("hits", [])
    if inner:
        best = inner[0]
        page = int(best.get("_source", {}).get("n") or best["_nested"]["offset"] + 1)
        fragments = best.get("highlight", {}).get("pages.text", [])
        snippet = mark_tagged(fragments[0]) if fragments else ""
    return SearchHit(
        id=str(source.get("id", raw["_id"])),
        score=0.0 if by_date or raw.get("_score") is None else float(raw["_score"]),
        doc_type=str(source.get("doc_type") or ""),
        page=page,
        snippet=snippet,
        received_at=datetime.fromisoformat(source["received_at"]),
        title=str(source.get("title") or ""),
    )
