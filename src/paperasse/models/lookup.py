"""Finding rows by id, with the French error a caller can pass on."""

from __future__ import annotations

from sqlalchemy.orm import Session

from paperasse.errors import NotFoundError
from paperasse.models.tables import Document


def document_not_found(document_id: str) -> NotFoundError:
    return NotFoundError(
        f"Le document {document_id} est introuvable.", details={"document": document_id}
    )


def get_document(session: Session, document_id: str) -> Document:
    """The document row, or NotFoundError (no rights are checked here)."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise document_not_found(document_id)
    return doc
