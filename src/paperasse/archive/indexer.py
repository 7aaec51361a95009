"""Feed the search index from the database's outbox, in batches.

Every change to a document writes an outbox row in the same transaction as the
change. The indexer reads a batch of rows, upserts or deletes those documents,
commits the index once, and only then deletes the rows it read: after a crash
the rows are still there and the same upserts run again, harmlessly.

Only the rows read are deleted, by id: on PostgreSQL ids are handed out before
commit, so a row with a smaller id may become visible after a larger one was
read. And one process drains at a time (an advisory lock on PostgreSQL, where
``serve`` and every ``worker`` run an indexer; one lock per schema): two drains
running together could each read the same document at a different moment and
the older reading be indexed last, leaving the index stale with the outbox empty.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session, selectinload

from paperasse.auth.visibility import document_principals_of
from paperasse.context import Context
from paperasse.models.tables import Document, Dossier, EntityRow, Outbox
from paperasse.search.base import SearchIndex
from paperasse.search.types import IndexedDocument, normalize_entity

log = logging.getLogger(__name__)

NOT_INDEXED = {"batch"}
DRAIN_LOCK = "4242002, ('x' || substr(md5(current_schema()), 1, 8))::bit(32)::int"
LOOKUP_LABELS = {
    "iban",
    "bic",
    "siren",
    "siret",
    "nir",
    "numero_fiscal",
    "reference_avis",
    "numero_allocataire",
    "numero_document",
    "telephone",
    "email",
    "personne",
}


def drain_outbox(ctx: Context, index: SearchIndex, batch_size: int | None = None) -> int:
    """Index one batch of pending changes; returns how many outbox rows were handled."""
    size = batch_size or ctx.settings.search.batch_size
    with ctx.sessions() as session:
        rows = session.execute(select(Outbox).order_by(Outbox.id).limit(size)).scalars().all()
        if not rows:
            return 0
        ids = list(dict.fromkeys(row.document_id for row in rows))
        docs = {doc.id: doc for doc in _load(session, ids)}
        upserts = [to_indexed(session, docs[i]) for i in ids if _indexable(docs.get(i))]
        removals = [i for i in ids if not _indexable(docs.get(i))]
    if upserts:
        index.index(upserts)
    if removals:
        index.delete(removals)
    index.commit()
    with ctx.transaction() as session:
        session.execute(delete(Outbox).where(Outbox.id.in_([row.id for row in rows])))
    log.debug("indexed %d documents, removed %d", len(upserts), len(removals))
    return len(rows)


def drain_all(ctx: Context, index: SearchIndex) -> int:
    """Drain until the outbox is empty, after any other process's drain has ended."""
    if ctx.engine.dialect.name != "postgresql":
        return _drain(ctx, index)
    with ctx.engine.connect() as lock:
        lock.execute(text(f"SELECT pg_advisory_lock({DRAIN_LOCK})"))
        try:
            return _drain(ctx, index)
        finally:
            lock.execute(text(f"SELECT pg_advisory_unlock({DRAIN_LOCK})"))
            lock.commit()


def _drain(ctx: Context, index: SearchIndex) -> int:
    total = 0
    while handled := drain_outbox(ctx, index):
        total += handled
    return total


def pending(ctx: Context) -> int:
    with ctx.sessions() as session:
        return int(session.execute(select(func.count()).select_from(Outbox)).scalar_one())


def reindex(ctx: Context, index: SearchIndex, on_batch: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from the database (the source of truth)."""
    with ctx.sessions() as session:
        high_water = session.execute(select(func.max(Outbox.id))).scalar()
    total = index.reindex(_all_documents(ctx, on_batch), batch_size=ctx.settings.search.batch_size)
    if high_water is not None:
        with ctx.transaction() as session:
            session.execute(delete(Outbox).where(Outbox.id <= high_water))
    return total


def _all_documents(
    ctx: Context, on_batch: Callable[[int], None] | None
) -> Iterator[IndexedDocument]:
    size = ctx.settings.search.batch_size
    last = ""
    while True:
        with ctx.sessions() as session:
            stmt = select(Document.id).where(Document.id > last).order_by(Document.id).limit(size)
            ids = list(session.execute(stmt).scalars())
            if not ids:
                return
            docs = [d for d in _load(session, ids) if _indexable(d)]
            batch = [to_indexed(session, d) for d in docs]
        yield from batch
        last = ids[-1]
        if on_batch:
            on_batch(len(ids))


def _indexable(doc: Document | None) -> bool:
    return doc is not None and doc.status not in NOT_INDEXED


def _load(session: Session, ids: Sequence[str]) -> list[Document]:
    stmt = (
        select(Document)
        .where(Document.id.in_(ids))
        .options(selectinload(Document.pages), selectinload(Document.receipts))
    )
    return list(session.execute(stmt).scalars())


def to_indexed(session: Session, doc: Document) -> IndexedDocument:
    """What the engines see of one document, its access principals included."""
    entities = session.execute(
        select(EntityRow.label, EntityRow.value).where(EntityRow.document_id == doc.id)
    ).all()
    values = sorted({normalize_entity(v) for label, v in entities if label in LOOKUP_LABELS})
    dossier_id = next((r.dossier_id for r in doc.receipts if r.dossier_id), None)
    dossier = session.get(Dossier, dossier_id) if dossier_id else None
    holder = (doc.holder or {}).get("full_name")
    return IndexedDocument(
        id=doc.id,
        pages=[page.text for page in doc.pages],
        title=_title(doc),
        filename=doc.original_filename,
        doc_type=doc.doc_type or "",
        service=doc.service or "",
        status=doc.status,
        source=doc.source,
        received_at=doc.received_at,
        issue_date=doc.issue_date,
        holder=holder if isinstance(holder, str) else None,
        entity_values=values,
        dossier_id=dossier_id,
        procedure=dossier.procedure if dossier else None,
        principals=document_principals_of(session, doc.id),
    )


def _title(doc: Document) -> str:
    for page in doc.pages:
        for line in page.text.splitlines():
            if len(line.strip()) >= 4:
                return line.strip()[:120]
    return doc.original_filename
