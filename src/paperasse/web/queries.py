"""The lists the pages show, always filtered in SQL by what the viewer may see."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, or_, select
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
        if job.status == "queued":
            return "en attente"
        if job.pages_total and job.pages_done < job.pages_total:
            return f"lecture de la page {job.pages_done + 1} sur {job.pages_total}"
        return "classement" if job.pages_total else "démarrage"

    def retry_helps(self, max_attempts: int) -> bool:
        """Whether processing it again can succeed: a file that is itself at fault
        (protected, damaged, too large) fails at its first attempt without retries, while
        our own errors are retried until they run out of attempts."""
        if self.doc.status != "failed":
            return False
        if (self.doc.status_reason or "").startswith("erreur interne"):
            return True
        return self.job is None or self.job.attempts >= max_attempts


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


@dataclass(frozen=True)
class MailFilters:
    """The mailroom's filters, as its form holds them."""

    period: str = "jour"
    state: str = ""
    service: str = ""
    origin: str = ""
    sort: str = "recu"


PERIOD_DAYS = {"jour": 0, "semaine": 6, "mois": 30}
STATE_FILTERS = {
    "en_cours": ("received", "processing"),
    "traite": ("processed",),
    "a_verifier": ("needs_review",),
    "echec": ("failed",),
}
PRIORITY_ORDER = case(
    (Document.priority == "urgent", 0), (Document.priority == "normale", 1), else_=2
)


def mail_documents(session: Session, identity: Identity, filters: MailFilters) -> list[Row]:
    """The mail the viewer may see, filtered and sorted as the mailroom's form asks."""
    since = start_of_today() - dt.timedelta(days=PERIOD_DAYS.get(filters.period, 0))
    stmt = select(Document).where(visible_documents_clause(identity), Document.received_at >= since)
    if filters.state in STATE_FILTERS:
        stmt = stmt.where(Document.status.in_(STATE_FILTERS[filters.state]))
    if filters.service == "aucun":
        stmt = stmt.where(or_(Document.service.is_(None), Document.service == ""))
    elif filters.service:
        stmt = stmt.where(Document.service == filters.service)
    if filters.origin == "citoyen":
        stmt = stmt.where(Document.source == "upload")
    elif filters.origin == "courrier":
        stmt = stmt.where(Document.source != "upload")
    if filters.sort == "echeance":
        stmt = stmt.order_by(Document.due_date.is_(None), Document.due_date, Document.id)
    elif filters.sort == "priorite":
        stmt = stmt.order_by(PRIORITY_ORDER, Document.due_date.is_(None), Document.due_date)
    else:
        stmt = stmt.order_by(Document.received_at.desc(), Document.id)
    return _with_jobs(session, list(session.execute(stmt.limit(LIST_LIMIT)).scalars()))


def todays_documents(session: Session, identity: Identity) -> list[Row]:
    """Documents received since midnight that the viewer may see, newest first."""
    return mail_documents(session, identity, MailFilters())


def failed_documents(session: Session, identity: Identity) -> list[Row]:
    """Documents whose processing failed for good, whatever day they came, with their job."""
    stmt = (
        select(Document)
        .where(visible_documents_clause(identity), Document.status == "failed")
        .order_by(Document.received_at.desc())
        .limit(LIST_LIMIT)
    )
    return _with_jobs(session, list(session.execute(stmt).scalars()))


def review_queue(
    session: Session, identity: Identity, *, by_due_date: bool = False
) -> tuple[list[Document], int]:
    """Documents waiting for a person to confirm or correct their classification, and
    how many there are in all (the page shows the first ones)."""
    waiting = (visible_documents_clause(identity), Document.status == "needs_review")
    stmt = select(Document).where(*waiting)
    if by_due_date:
        stmt = stmt.order_by(Document.due_date.is_(None), Document.due_date, Document.id)
    else:
        stmt = stmt.order_by(Document.received_at, Document.id)
    docs = list(session.execute(stmt.limit(REVIEW_LIMIT)).scalars())
    total = session.execute(select(func.count()).select_from(Document).where(*waiting)).scalar()
    return docs, int(total or 0)


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
    """The findings of the dossiers' stored verdicts that name this document, with the
    agent's override when one lifted it."""
    found: list[dict[str, Any]] = []
    for dossier in dossiers:
        for finding in (dossier.verdict or {}).get("findings", []):
            if isinstance(finding, dict) and finding.get("document") == document_id:
                found.append(finding)
    return found


DOSSIER_DECISIONS = frozenset(
    {
        "dossier.submitted",
        "dossier.resubmitted",
        "dossier.instruction_started",
        "dossier.complement_requested",
        "dossier.accepted",
        "dossier.refused",
    }
)


def _about(event: AuditEvent, document_id: str) -> bool:
    if event.action in DOSSIER_DECISIONS:
        return True
    try:
        details = json.loads(event.details or "{}")
    except ValueError:
        return False
    return isinstance(details, dict) and details.get("document") == document_id


def document_history(
    session: Session, document_id: str, dossier_ids: list[str] | None = None, *, with_reads: bool
) -> list[AuditEvent]:
    """The audit trail of the document, newest first, with the decisions taken on the
    dossiers it is filed in (status changes, and those that name it: a lifted finding).

    Staff see who consulted a document (``with_reads``); a citizen sees what happened
    to their document, not which agent read it when.
    """
    events = history(session, f"document:{document_id}")
    if dossier_ids:
        stmt = (
            select(AuditEvent)
            .where(AuditEvent.object.in_([f"dossier:{d}" for d in dossier_ids]))
            .order_by(AuditEvent.seq)
        )
        events += [e for e in session.execute(stmt).scalars() if _about(e, document_id)]
    events = [e for e in events if with_reads or e.action not in READ_ACTIONS]
    return sorted(events, key=lambda e: e.seq, reverse=True)
