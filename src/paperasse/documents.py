"""Reading documents back: metadata, and originals verified and audit-logged."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.context import Context
from paperasse.errors import NotFoundError
from paperasse.models.tables import Document, Job


def not_found(document_id: str) -> NotFoundError:
    return NotFoundError(
        f"Le document {document_id} est introuvable.", details={"document": document_id}
    )


def get_document(session: Session, document_id: str) -> Document:
    doc = session.get(Document, document_id)
    if doc is None:
        raise not_found(document_id)
    return doc


def latest_job(session: Session, document_id: str) -> Job | None:
    stmt = select(Job).where(Job.document_id == document_id).order_by(Job.id.desc()).limit(1)
    return session.execute(stmt).scalar()


def read_original(ctx: Context, document_id: str, actor: str) -> tuple[Document, bytes]:
    """The original's bytes, checked against their hash; the read is traced."""
    with ctx.transaction() as session:
        doc = get_document(session, document_id)
        data = ctx.store.open(doc.sha256)
        record(
            session, actor, "document.original_read", f"document:{doc.id}", {"sha256": doc.sha256}
        )
        return doc, data
