"""Save what the pipeline learned, replacing any earlier run, with the job's end."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.checks.verdict import recheck_dossiers_of
from paperasse.context import Context
from paperasse.ingest.jobs import Claim, still_held
from paperasse.models.domain import SERVICES, Analysis
from paperasse.models.tables import Document, EntityRow, Job, Outbox, Page


def save_analysis(ctx: Context, claim: Claim, analysis: Analysis) -> None:
    """One transaction: pages, entities, decisions, the verdict of the dossiers the
    document was filed in, index outbox, audit, job done.

    Because the job ends in the same transaction, a worker killed before the
    commit leaves nothing, and one killed after it leaves a finished job: a
    document is processed exactly once.
    """
    with ctx.transaction() as session:
        doc = session.get(Document, claim.document_id)
        if doc is None or not still_held(session, claim):
            return
        _replace_pages(session, doc.id, analysis)
        _replace_entities(session, doc.id, analysis)
        _apply_decisions(doc, analysis)
        session.add(Outbox(document_id=doc.id, op="index"))
        session.execute(
            update(Job)
            .where(Job.id == claim.job_id)
            .values(status="done", stage="done", lease_until=None, last_error=None)
        )
        record(session, "worker", "document.processed", f"document:{doc.id}", _summary(analysis))
        recheck_dossiers_of(
            session, doc.id, "worker", min_ocr_confidence=ctx.settings.checks.min_ocr_confidence
        )


def _replace_pages(session: Session, document_id: str, analysis: Analysis) -> None:
    session.execute(delete(Page).where(Page.document_id == document_id))
    for page in analysis.pages:
        session.add(
            Page(
                document_id=document_id,
                number=page.number,
                text=page.text,
                source=page.source,
                ocr_confidence=page.ocr_confidence,
                words=[w.model_dump() for w in page.words] or None,
                width=page.width,
                height=page.height,
                rotation=page.rotation,
                blank=page.blank,
                quality=page.quality.model_dump(mode="json") if page.quality else None,
            )
        )


def _replace_entities(session: Session, document_id: str, analysis: Analysis) -> None:
    session.execute(delete(EntityRow).where(EntityRow.document_id == document_id))
    for entity in analysis.entities:
        session.add(EntityRow(document_id=document_id, **entity.model_dump()))


def _apply_decisions(doc: Document, analysis: Analysis) -> None:
    doc.page_count = len(analysis.pages)
    review = False
    if analysis.doc_type is not None and doc.doc_type_by is None:
        doc.doc_type = analysis.doc_type.label
        doc.doc_type_confidence = analysis.doc_type.confidence
        doc.doc_type_review = analysis.doc_type.needs_review
        doc.doc_type_explanation = list(analysis.doc_type.explanation)
        review = analysis.doc_type.needs_review
    doc.holder = analysis.holder.model_dump() if analysis.holder else None
    doc.fields = [f.model_dump(mode="json") for f in analysis.fields] or None
    doc.twoddocs = [d.model_dump(mode="json") for d in analysis.twoddocs] or None
    doc.issue_date, doc.expiry_date = analysis.issue_date, analysis.expiry_date
    if analysis.triage is not None:
        doc.triage = analysis.triage.model_dump(mode="json")
        routed = analysis.triage.service.label
        doc.service = doc.service or (routed if routed in SERVICES else None)
        doc.priority = analysis.triage.priority.label
        doc.due_date = analysis.triage.due_date
        review = review or analysis.triage.needs_review
    doc.status = "needs_review" if review else "processed"
    doc.status_reason = None


def _summary(analysis: Analysis) -> dict[str, object]:
    return {
        "pages": len(analysis.pages),
        "ocr_pages": sum(1 for p in analysis.pages if p.source == "ocr"),
        "doc_type": analysis.doc_type.label if analysis.doc_type else None,
        "confidence": analysis.doc_type.confidence if analysis.doc_type else None,
        "entities": len(analysis.entities),
        "service": analysis.triage.service.label if analysis.triage else None,
    }
