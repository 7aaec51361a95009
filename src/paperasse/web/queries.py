"""The lists the pages show, always filtered in SQL by what the viewer may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse.archive.reads import READ_ACTIONS
from paperasse.audit.chain import history
from paperasse.auth import Identity, visible_documents_clause
from paperasse.models.domain import PENDING_STATUSES
from paperasse.models.tables import AuditEvent, Document, Dossier, EntityRow, Job, Page, Receipt
from paperasse.web.labels import PARIS

LIST_LIMIT = 200
REVIEW_LIMIT = 50


@dataclass(frozen=True)
class Row:
    """A document in the mailroom table, with its job's progress."""

    doc: Document
    job: Job | None

    @property
    def progress(self) -> str:
        job = self.job
        if job is None or self.doc.status not in PENDING_STATUSES:
            return ""
        if job.pages_total:
            return f"page {job.pages_done}/{job.pages_total}"
        return "en attente" if job.status == "queued" else "démarrage"


def start_of_today(now: dt.datetime | None = None) -> dt.datetime:
    """Midnight in the town's time zone, as UTC: "today" for the mailroom."""
    local = (now or dt.datetime.now(dt.UTC)).astimezone(PARIS)
    midnight = dt.datetime.combine(local.date(), dt.time(), tzinfo=PARIS)
    return midnight.astimezone(dt.UTC)


def _with_jobs(session: Session, docs: list[Document]) -> list[Row]:
    ids = [d.id for d in docs]
    jobs: dict[str, Job] = {}
    if ids:
        stmt = select(Job).where(Job.document_id.in_(ids)).order_by(Job.id)
        for job in session.execute(stmt).scalars():
            jobs[job.document_id] = job
    return [Row(doc, jobs.get(doc.id)) for doc in docs]


def todays_documents(session: Session, identity: Identity) -> list[Row]:
    """Documents received since midnight that the viewer may see, newest first."""
    stmt = (
        select(Document)
        .where(visible_documents_clause(identity), Document.received_at >= start_of_today())
        .order_by(Document.received_at.desc(), Document.id)
        .limit(LIST_LIMIT)
    )
    return _with_jobs(session, list(session.execute(stmt).scalars()))


def failed_documents(session: Session, identity: Identity) -> list[Document]:
    """Documents whose processing failed for good, whatever day they came."""
    stmt = (
        select(Document)
        .where(visible_documents_clause(identity), Document.status == "failed")
        .order_by(Document.received_at.desc())
        .limit(LIST_LIMIT)
    )
    return list(session.execute(stmt).scalars())


def review_queue(session: Session, identity: Identity) -> list[Document]:
    """Documents waiting for a person to confirm or correct their classification."""
    stmt = (
        select(Document)
        .where(visible_documents_clause(identity), Document.status == "needs_review")
        .order_by(Document.received_at, Document.id)
        .limit(REVIEW_LIMIT)
    )
    return list(session.execute(stmt).scalars())


def document_pages(session: Session, document_id: str) -> list[Page]:
    stmt = select(Page).where(Page.document_id == document_id).order_by(Page.number)
    return list(session.execute(stmt).scalars())


def document_entities(session: Session, document_id: str) -> list[EntityRow]:
    stmt = (
        select(EntityRow)
        .where(EntityRow.document_id == document_id)
        .order_by(EntityRow.page, EntityRow.start, EntityRow.id)
    )
    return list(session.execute(stmt).scalars())


def document_receipts(session: Session, document_id: str) -> list[Receipt]:
    stmt = select(Receipt).where(Receipt.document_id == document_id).order_by(Receipt.id)
    return list(session.execute(stmt).scalars())


def document_dossiers(session: Session, receipts: list[Receipt]) -> list[Dossier]:
    """The dossiers the document was filed in (through its receipts)."""
    ids = sorted({r.dossier_id for r in receipts if r.dossier_id})
    if not ids:
        return []
    return list(session.execute(select(Dossier).where(Dossier.id.in_(ids))).scalars())


def findings_about(dossiers: list[Dossier], document_id: str) -> list[dict[str, Any]]:
    """The dossier findings that name this document."""
    found: list[dict[str, Any]] = []
    for dossier in dossiers:
        for finding in dossier.findings or []:
            if isinstance(finding, dict) and finding.get("document") == document_id:
                found.append(finding)
    return found


def document_history(session: Session, document_id: str, *, with_reads: bool) -> list[AuditEvent]:
    """What happened to the document, newest first; who read it only ``with_reads``.

    Staff see who consulted a document; a citizen sees what happened to their
    document, not which agent read it when.
    """
    events = reversed(history(session, f"document:{document_id}"))
    return [event for event in events if with_reads or event.action not in READ_ACTIONS]
