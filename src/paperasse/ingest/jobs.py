"""Durable jobs: a table of work claimed with a lease.

A worker claims a queued job (or one whose lease ran out because its worker
died), renews the lease as pages get done, and ends it done or failed. Failures
are retried with exponential backoff, then marked failed with their reason.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.auth.identity import Identity
from paperasse.auth.visibility import can_see_document
from paperasse.checks.verdict import recheck_dossiers_of
from paperasse.context import Context
from paperasse.errors import ConflictError
from paperasse.models.domain import PENDING_STATUSES
from paperasse.models.lookup import document_not_found
from paperasse.models.tables import Document, Job, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claim:
    job_id: int
    document_id: str
    attempt: int


def claim_job(
    ctx: Context, worker: str, only: set[str] | None = None, *, early: bool = False
) -> Claim | None:
    """Take the oldest job that is due, or whose worker went silent; None when idle.

    ``early`` takes a queued job before its time: an upload's own request does, to
    read it at once (see ``intake``).
    """
    now = utcnow()
    queued = Job.status == "queued" if early else and_(Job.status == "queued", Job.run_after <= now)
    due = or_(queued, and_(Job.status == "running", Job.lease_until < now))
    stmt = select(Job).where(due).order_by(Job.id).limit(1)
    if only is not None:
        stmt = stmt.where(Job.document_id.in_(only))
    with ctx.transaction() as session:
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        job = session.execute(stmt).scalar()
        while job is not None and job.status == "running":
            log.warning(
                "job %d of document %s: worker %s went silent, taking it over",
                job.id,
                job.document_id,
                job.locked_by,
            )
            if job.attempts < ctx.settings.jobs.max_attempts:
                break
            _give_up(ctx, session, job, _interrupted(job.attempts))
            job = session.execute(stmt).scalar()
        if job is None:
            return None
        job.status, job.locked_by = "running", worker
        job.lease_until = now + dt.timedelta(seconds=ctx.settings.jobs.lease_seconds)
        job.attempts += 1
        session.execute(
            update(Document).where(Document.id == job.document_id).values(status="processing")
        )
        return Claim(job.id, job.document_id, job.attempts)


def make_due(ctx: Context, document_id: str) -> None:
    """Let the workers take a document's queued job now (the request will not read it)."""
    with ctx.transaction() as session:
        session.execute(
            update(Job)
            .where(Job.document_id == document_id, Job.status == "queued")
            .values(run_after=utcnow())
        )


def still_held(session: Session, claim: Claim) -> bool:
    """Whether this claim still holds its job, read under the job's row lock.

    A worker slower than its lease may find its job taken over by another: the
    attempt counter then moved on, and the slow worker's results must be dropped,
    or the document would be processed twice.
    """
    stmt = select(Job).where(Job.id == claim.job_id).with_for_update()
    job = session.execute(stmt).scalar()
    held = job is not None and job.status == "running" and job.attempts == claim.attempt
    if not held:
        log.warning(
            "document %s: job %d was taken over (lease ran out); this attempt's result dropped",
            claim.document_id,
            claim.job_id,
        )
    return held


def report_progress(
    ctx: Context, claim: Claim, stage: str, done: int, total: int | None = None
) -> None:
    """Record progress and renew the lease: a worker that reports is alive.

    Only while the claim still holds the job: a worker whose job was taken over
    must not extend its successor's lease.
    """
    lease = utcnow() + dt.timedelta(seconds=ctx.settings.jobs.lease_seconds)
    values: dict[str, object] = {"stage": stage, "pages_done": done, "lease_until": lease}
    if total is not None:
        values["pages_total"] = total
    held = (Job.id == claim.job_id, Job.status == "running", Job.attempts == claim.attempt)
    with ctx.transaction() as session:
        session.execute(update(Job).where(*held).values(**values))


def renew_lease(ctx: Context, claim: Claim) -> None:
    """Extend the lease of a job still being worked on (the worker's heartbeat)."""
    lease = utcnow() + dt.timedelta(seconds=ctx.settings.jobs.lease_seconds)
    held = (Job.id == claim.job_id, Job.status == "running", Job.attempts == claim.attempt)
    with ctx.transaction() as session:
        session.execute(update(Job).where(*held).values(lease_until=lease))


def fail_job(ctx: Context, claim: Claim, reason: str, *, retry: bool) -> bool:
    """Retry later with backoff, or give up; returns True when the job is now failed."""
    settings = ctx.settings.jobs
    final = not retry or claim.attempt >= settings.max_attempts
    with ctx.transaction() as session:
        if not still_held(session, claim):
            return False
        job = session.get(Job, claim.job_id)
        if job is None:
            return True
        job.last_error, job.lease_until = reason, None
        if not final:
            delay = settings.backoff_seconds * 2 ** (claim.attempt - 1)
            job.status, job.run_after = "queued", utcnow() + dt.timedelta(seconds=delay)
            log.warning(
                "document %s: attempt %d failed (%s), retry in %.0fs",
                claim.document_id,
                claim.attempt,
                reason,
                delay,
            )
            return False
        _give_up(ctx, session, job, reason)
        return True


def _give_up(ctx: Context, session: Session, job: Job, reason: str) -> None:
    """Mark a job and its document failed for good, with the reason, audited."""
    job.status, job.last_error, job.lease_until = "failed", reason, None
    session.execute(
        update(Document)
        .where(Document.id == job.document_id)
        .values(status="failed", status_reason=reason)
    )
    record(
        session,
        "worker",
        "document.failed",
        f"document:{job.document_id}",
        {"reason": reason, "attempts": job.attempts},
    )
    recheck_dossiers_of(
        session,
        job.document_id,
        "worker",
        min_ocr_confidence=ctx.settings.checks.min_ocr_confidence,
    )
    log.error("document %s failed for good: %s", job.document_id, reason)


def _interrupted(attempts: int) -> str:
    return (
        f"Le traitement de ce document a été interrompu {attempts} fois (processus arrêté "
        "avant la fin) : il est mis de côté. Relancez-le ; s'il échoue encore, "
        "numérisez-le de nouveau."
    )


def retry_document(ctx: Context, identity: Identity, document_id: str) -> bool:
    """Queue a failed document again; True when queued now, False when it already was.

    The check and the new job are one transaction holding the document's row (a
    row lock on PostgreSQL, the write lock on SQLite), so that simultaneous
    retries of one document queue exactly one job.
    """
    with ctx.transaction() as session:
        if not can_see_document(session, identity, document_id):
            raise document_not_found(document_id)
        stmt = select(Document).where(Document.id == document_id).with_for_update()
        doc = session.execute(stmt).scalar_one()
        if doc.status in PENDING_STATUSES:
            log.info("document %s: retry asked while already queued, nothing to do", doc.id)
            return False
        if doc.status != "failed":
            raise ConflictError("Seul un document en échec peut être relancé.")
        session.add(Job(document_id=document_id))
        doc.status, doc.status_reason = "received", None
        record(session, identity.actor, "document.retry", f"document:{document_id}", {})
        recheck_dossiers_of(
            session,
            document_id,
            identity.actor,
            min_ocr_confidence=ctx.settings.checks.min_ocr_confidence,
        )
        return True


def pending_count(ctx: Context, only: set[str] | None = None) -> int:
    """Jobs not yet done or failed."""
    stmt = select(Job.id).where(Job.status.in_(("queued", "running")))
    if only is not None:
        stmt = stmt.where(Job.document_id.in_(only))
    with ctx.sessions() as session:
        return len(session.execute(stmt).all())
