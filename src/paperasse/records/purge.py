"""Removing a document, or a dossier, from the database for good.

Disposal and RGPD erasure both end here: the document's rows (pages, entities,
receipts, jobs) are deleted, a message's record in the mailbox forgets it, an
outbox row takes it out of the search index, and its original's key is destroyed
once no other document uses the same bytes. The audit trail is never touched: the
callers append a tombstone event instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.orm import Session

from paperasse import originals
from paperasse.models.dossier_tables import Acknowledgement, DossierEvent, Notification
from paperasse.models.tables import (
    Document,
    Dossier,
    EntityRow,
    Job,
    MailMessage,
    Outbox,
    Page,
    Receipt,
)

ORIGINAL_SHREDDED = "cle_detruite"
ORIGINAL_SHARED = "conserve_pour_un_autre_document"


@dataclass(frozen=True)
class Purged:
    document_id: str
    sha256: str
    original: str


def purge_document(session: Session, document_id: str, reason: str) -> Purged:
    """Delete one document's rows and, when unused, its original's key."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise LookupError(document_id)
    sha256 = doc.sha256
    originals.lock(session, sha256)
    session.execute(
        update(Document).where(Document.parent_id == document_id).values(parent_id=None)
    )
    # The mailbox keeps knowing the message was taken, not what its refused files were named.
    session.execute(
        update(MailMessage)
        .where(MailMessage.document_id == document_id)
        .values(document_id=None, refused=None)
    )
    _drop_acknowledgements(session, Acknowledgement.document_id == document_id, reason)
    for table in (EntityRow, Page, Receipt, Job, Outbox):
        session.execute(delete(table).where(table.document_id == document_id))
    session.delete(doc)
    session.add(Outbox(document_id=document_id, op="delete"))
    session.flush()
    shredded = originals.shred_unused(session, sha256, reason)
    return Purged(document_id, sha256, ORIGINAL_SHREDDED if shredded else ORIGINAL_SHARED)


def purge_dossier_if_empty(session: Session, dossier_id: str) -> bool:
    """Delete a dossier (its persons, findings, verdict) once none of its documents remain."""
    left = session.execute(
        select(Receipt.id).where(Receipt.dossier_id == dossier_id).limit(1)
    ).first()
    dossier = session.get(Dossier, dossier_id)
    if left is not None or dossier is None:
        return False
    _drop_acknowledgements(session, Acknowledgement.dossier_id == dossier_id, "dossier efface")
    for table in (DossierEvent, Notification):
        session.execute(delete(table).where(table.dossier_id == dossier_id))
    session.delete(dossier)
    session.flush()
    return True


def _drop_acknowledgements(session: Session, which: ColumnElement[bool], reason: str) -> None:
    """Delete acknowledgements of receipt (they name the citizen) and destroy their keys."""
    rows = list(session.execute(select(Acknowledgement).where(which)).scalars())
    for row in rows:
        session.delete(row)
    session.flush()
    for sha256 in {row.sha256 for row in rows}:
        originals.lock(session, sha256)
        originals.shred_unused(session, sha256, reason)
