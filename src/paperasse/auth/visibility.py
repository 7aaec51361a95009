"""The rights model applied to the database: one document, or a filter for any list.

:func:`visible_documents_clause` is the SQL form of
``set(principals(identity)) & set(document_principals(document))``: add it to
any ``select(Document)`` so that lists, counts and pages are filtered in the
query, never after it. :func:`document_principals_of` gives the principals to
store in the search index for one document.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session

from paperasse.auth.identity import (
    MAILROOM_SOURCE,
    Identity,
    ReceiptFacts,
    can_see,
    document_principals,
)
from paperasse.auth.roles import ADMIN, AGENT, ARCHIVIST, CITIZEN, MAILROOM
from paperasse.errors import NotFoundError
from paperasse.models.tables import Document, Receipt, User


def receipt_facts(session: Session, document_id: str) -> list[ReceiptFacts]:
    """The rights-relevant facts of every receipt of a document."""
    rows = session.execute(
        select(Receipt.source, Receipt.service, Receipt.user_id, User.role)
        .outerjoin(User, User.id == Receipt.user_id)
        .where(Receipt.document_id == document_id)
        .order_by(Receipt.id)
    )
    return [
        ReceiptFacts(source=src, service=svc, user_id=uid, by_citizen=role == CITIZEN)
        for src, svc, uid, role in rows
    ]


def document_principals_of(session: Session, document_id: str) -> list[str]:
    """The principals of a stored document (for the search index); NotFoundError if absent."""
    service = session.execute(
        select(Document.service).where(Document.id == document_id)
    ).one_or_none()
    if service is None:
        raise NotFoundError(
            f"Le document {document_id} est introuvable.", details={"document": document_id}
        )
    return document_principals(receipt_facts(session, document_id), service[0])


def can_see_document(session: Session, identity: Identity, document_id: str) -> bool:
    """Whether ``identity`` may see the document; False as well when it does not exist.

    Callers answer NotFoundError in both cases, so that ids of other people's
    documents cannot be told from ids that do not exist.
    """
    try:
        doc_principals = document_principals_of(session, document_id)
    except NotFoundError:
        return False
    return can_see(identity, doc_principals)


def visible_documents_clause(identity: Identity) -> ColumnElement[bool]:
    """A WHERE clause keeping the documents ``identity`` may see, for ``select(Document)``."""
    if identity.role in (ARCHIVIST, ADMIN):
        return true()
    if identity.role == MAILROOM:
        return or_(_unrouted(), _has_receipt(Receipt.source == MAILROOM_SOURCE))
    if identity.role == AGENT and identity.services:
        services = sorted(set(identity.services))
        return or_(Document.service.in_(services), _has_receipt(Receipt.service.in_(services)))
    if identity.role == CITIZEN:
        brought = (
            select(Receipt.id)
            .join(User, User.id == Receipt.user_id)
            .where(
                Receipt.document_id == Document.id,
                Receipt.user_id == identity.user_id,
                User.role == CITIZEN,
            )
        )
        return exists(brought)
    return false()


def _unrouted() -> ColumnElement[bool]:
    return or_(Document.service.is_(None), Document.service == "")


def _has_receipt(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists(select(Receipt.id).where(and_(Receipt.document_id == Document.id, condition)))
