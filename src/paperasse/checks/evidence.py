"""What a dossier's documents say, read from the database for the checks engine.

Each receipt filed in the dossier gives one ``CheckedDocument``, so that the
same file uploaded twice is told as a duplicate. A document still being
processed is *pending* and not judged; one whose processing failed for good
is not judged either but reported as unreadable, since no piece can count it.
A document whose type the classifier was unsure of is judged on its best
guess (an agent confirms or corrects it), and one without a type as ``autre``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse.checks import CheckedDocument, Finding, type_label
from paperasse.checks.views import DocumentState, DossierDocument
from paperasse.models.domain import DOC_TYPES, PENDING_STATUSES, UNKNOWN_TYPE, Holder
from paperasse.models.tables import Document, Page, Receipt

log = logging.getLogger(__name__)


@dataclass
class Evidence:
    """A dossier's documents: those to judge, those pending, and what failed."""

    checked: list[CheckedDocument] = field(default_factory=list)
    documents: list[DossierDocument] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    failures: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class _PageFacts:
    confidences: list[float | None]
    verdicts: list[str | None]
    blank: int


def state_of(status: str) -> DocumentState:
    """The state a citizen is told, from a document's processing status."""
    if status in PENDING_STATUSES:
        return "processing"
    if status == "failed":
        return "failed"
    if status == "needs_review":
        return "needs_review"
    return "processed"


def holder_of(doc: Document) -> Holder | None:
    if not doc.holder:
        return None
    try:
        return Holder.model_validate(doc.holder)
    except ValidationError:
        log.warning("document %s: stored holder unreadable, ignored", doc.id)
        return None


def _pages(session: Session, ids: set[str]) -> dict[str, _PageFacts]:
    rows = session.execute(
        select(Page.document_id, Page.ocr_confidence, Page.quality, Page.blank)
        .where(Page.document_id.in_(ids))
        .order_by(Page.document_id, Page.number)
    )
    confidences: dict[str, list[float | None]] = defaultdict(list)
    verdicts: dict[str, list[str | None]] = defaultdict(list)
    blank: dict[str, int] = defaultdict(int)
    for document_id, confidence, quality, is_blank in rows:
        confidences[document_id].append(None if is_blank else confidence)
        verdicts[document_id].append((quality or {}).get("verdict"))
        blank[document_id] += int(bool(is_blank))
    return {d: _PageFacts(confidences[d], verdicts[d], blank[d]) for d in confidences}


def checked_document(doc: Document, filename: str, pages: _PageFacts | None) -> CheckedDocument:
    """The engine's view of a processed document row."""
    doc_type = doc.doc_type if doc.doc_type in DOC_TYPES else UNKNOWN_TYPE
    confidences = pages.confidences if pages else []
    holder = holder_of(doc)
    return CheckedDocument(
        id=doc.id,
        filename=filename,
        sha256=doc.sha256,
        doc_type=doc_type,
        doc_type_confidence=doc.doc_type_confidence if doc.doc_type_confidence is not None else 0.0,
        typed=doc.doc_type_by is not None or not doc.doc_type_review,
        holder=holder,
        issue_date=doc.issue_date,
        expiry_date=doc.expiry_date,
        page_confidences=confidences,
        page_verdicts=pages.verdicts if pages else [],
        blank_pages=pages.blank if pages else 0,
        page_count=doc.page_count or len(confidences) or 1,
    )


def failure_finding(doc: Document, filename: str) -> Finding:
    """A document that could not be processed: no piece can count it, so it only warns."""
    reason = f" ({doc.status_reason})" if doc.status_reason else ""
    return Finding(
        code="document_illisible",
        severity="warning",
        document=doc.id,
        hint=(
            f"Le fichier « {filename} » n'a pas pu être lu{reason} : vérifiez qu'il s'ouvre "
            "bien, ou numérisez de nouveau le document, puis déposez-le à nouveau."
        ),
    )


def describe(doc: Document, filename: str) -> DossierDocument:
    state = state_of(doc.status)
    judged = state in ("processed", "needs_review")
    holder = holder_of(doc)
    return DossierDocument(
        id=doc.id,
        filename=filename,
        status=state,
        doc_type=doc.doc_type if judged else None,
        doc_type_label=type_label(doc.doc_type) if judged and doc.doc_type else None,
        doc_type_confidence=doc.doc_type_confidence if judged else None,
        holder=holder.full_name if holder else None,
        issue_date=doc.issue_date,
        expiry_date=doc.expiry_date,
        verified_by_2ddoc=holder is not None and holder.source == "2d-doc",
    )


def gather(session: Session, dossier_id: str) -> Evidence:
    """Every document filed in the dossier, in the order they arrived.

    A document's slot is the last one the citizen chose for it, and ``copies``
    counts the times its bytes were filed (a duplicate is one document).
    """
    rows = session.execute(
        select(Receipt.filename, Receipt.piece, Receipt.received_at, Document)
        .join(Document, Document.id == Receipt.document_id)
        .where(Receipt.dossier_id == dossier_id)
        .order_by(Receipt.id)
    ).all()
    pages = _pages(session, {doc.id for *_, doc in rows})
    evidence = Evidence()
    described: dict[str, DossierDocument] = {}
    for filename, piece, received_at, doc in rows:
        first = doc.id not in described
        if first:
            described[doc.id] = describe(doc, filename)
            described[doc.id].received_at = received_at
            evidence.documents.append(described[doc.id])
        else:
            described[doc.id].copies += 1
        if piece:
            described[doc.id].piece = piece
        if doc.status in PENDING_STATUSES:
            if first:
                evidence.pending.append(doc.id)
        elif doc.status == "failed":
            if first:
                evidence.failures.append(failure_finding(doc, filename))
        else:
            evidence.checked.append(checked_document(doc, filename, pages.get(doc.id)))
    return evidence
