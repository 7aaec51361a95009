"""Reading documents back, within the caller's rights: metadata, and originals
verified and audit-logged. Ids the caller may not see answer like unknown ids."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse import originals
from paperasse.archive.reads import trace_original_read
from paperasse.audit.chain import record
from paperasse.auth import Identity, can_see_document
from paperasse.checks.verdict import recheck_dossiers_of
from paperasse.context import Context
from paperasse.errors import InvalidChoiceError
from paperasse.models.domain import DOC_LABELS, PRIORITIES, SERVICES
from paperasse.models.lookup import document_not_found, get_document
from paperasse.models.tables import Document, Job, Outbox


def visible_document(session: Session, identity: Identity, document_id: str) -> Document:
    """The document if the caller may see it; NotFoundError otherwise, so ids can't be probed."""
    if not can_see_document(session, identity, document_id):
        raise document_not_found(document_id)
    return get_document(session, document_id)


def latest_job(session: Session, document_id: str) -> Job | None:
    stmt = select(Job).where(Job.document_id == document_id).order_by(Job.id.desc()).limit(1)
    return session.execute(stmt).scalar()


def read_original(ctx: Context, identity: Identity, document_id: str) -> tuple[Document, bytes]:
    """The original's bytes, checked against their hash; the read is traced (once per view)."""
    with ctx.sessions() as session:
        doc = visible_document(session, identity, document_id)
        data = originals.read(ctx, doc.sha256, session)
    trace_original_read(ctx, identity, doc.id, doc.sha256)
    return doc, data


def correct_document(
    ctx: Context,
    identity: Identity,
    document_id: str,
    *,
    doc_type: str | None = None,
    service: str | None = None,
    priority: str | None = None,
) -> Document:
    """A person overrules the automatic decisions; the correction is traced and kept.

    A corrected type is never overwritten by a later automatic run, and feeds
    the next training of the classifier.
    """
    _check_choice(doc_type, DOC_LABELS, "type de document")
    _check_choice(service, SERVICES, "service")
    _check_choice(priority, PRIORITIES, "priorité")
    with ctx.transaction() as session:
        doc = visible_document(session, identity, document_id)
        before = {"doc_type": doc.doc_type, "service": doc.service, "priority": doc.priority}
        if doc_type is not None:
            doc.doc_type, doc.doc_type_by = doc_type, identity.actor
            doc.doc_type_confidence, doc.doc_type_review = 1.0, False
        if service is not None:
            doc.service = service
        if priority is not None:
            doc.priority = priority
        if doc.status == "needs_review" and not doc.doc_type_review:
            doc.status = "processed"
        after = {"doc_type": doc.doc_type, "service": doc.service, "priority": doc.priority}
        session.add(Outbox(document_id=doc.id, op="index"))
        details = {"before": before, "after": after}
        record(session, identity.actor, "document.corrected", f"document:{doc.id}", details)
        strictness = ctx.settings.checks.min_ocr_confidence
        recheck_dossiers_of(session, doc.id, identity.actor, min_ocr_confidence=strictness)
        return doc


def _check_choice(value: str | None, allowed: tuple[str, ...], what: str) -> None:
    if value is not None and value not in allowed:
        raise InvalidChoiceError(
            f"{what.capitalize()} inconnu(e) : « {value} ». Valeurs possibles : "
            + ", ".join(allowed)
            + "."
        )
