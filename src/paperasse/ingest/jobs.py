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

from paperasse.audit.chain import record
from paperasse.context import Context
from paperasse.models.tables import Document, Job, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claim:
    job_id: int
    document_id: str
    attempt: int


def claim_job(ctx: Context, worker: str, only: set[str] | None = None) -> Claim | None:
    """Take the oldest job that is due, or whose worker went silent; None when idle."""
    now = utcnow()
    due = or_(
        and_(Job.status == "queued", Job.run_after <= now),
        and_(Job.status == "running", Job.lease_until < now),
    )
    stmt = select(Job).where(due).order_by(Job.id).limit(1)
    if only is not None:
        stmt = stmt.where(Job.document_id.in_(only))
    with ctx.transaction() as session:
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        job = session.execute(stmt).scalar()
        if job is None:
            return None
        if job.status == "running":
            log.warning(
                "job %d of document %s: worker %s went silent, taking it over",
                job.id,
                job.document_id,
                job.locked_by,
            )
        job.status, job.locked_by = "running", worker
        job.lease_until = now + dt.timedelta(seconds=ctx.settings.jobs.lease_seconds)
        job.attempts += 1
        session.execute(
            update(Document).where(Document.id == job.document_id).values(status="processing")
        )
        return Claim(job.id, job.document_id, job.attempts)


def report_progress(
    ctx: Context, claim: Claim, stage: str, done: int, total: int | None = None
) -> None:
    """Record progress and renew the lease: a worker that reports is alive."""
    lease = utcnow() + dt.timedelta(seconds=ctx.settings.jobs.lease_seconds)
    values: dict[str, object] = {"stage": stage, "pages_done": done, "lease_until": lease}
    if total is not None:
        values["pages_total"] = total
    with ctx.transaction() as session:
        session.execute(update(Job).where(Job.id == claim.job_id).values(**values))


def complete_job(ctx: Context, claim: Claim) -> None:
    with ctx.transaction() as session:
        session.execute(
            update(Job)
            .where(Job.id == claim.job_id)
            .values(status="done", stage="done", lease_until=None, last_error=None)
        )


def fail_job(ctx: Context, claim: Claim, reason: str, *, retry: bool) -> bool:
    """Retry later with backoff, or give up; returns True when the job is now failed."""
    settings = ctx.settings.jobs
    final = not retry or claim.attempt >= settings.max_attempts
    with ctx.transaction() as session:
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
        job.status = "failed"
        session.execute(
            update(Document)
            .where(Document.id == claim.document_id)
            .values(status="failed", status_reason=reason)
        )
        record(
            session,
            "worker",
            "document.failed",
            f"document:{claim.document_id}",
            {"reason": reason, "attempts": claim.attempt},
        )
        log.error("document %s failed for good: %s", claim.document_id, reason)
        return True


def retry_document(ctx: Context, document_id: str, actor: str) -> None:
    """An agent asks for a failed document to be processed again."""
    with ctx.transaction() as session:
        session.add(Job(document_id=document_id))
        session.execute(
            update(Document)
            .where(Document.id == document_id)
            .values(status="received", status_reason=None)
        )
        record(session, actor, "document.retry", f"document:{document_id}", {})


def pending_count(ctx: Context, only: set[str] | None = None) -> int:
    """Jobs not yet done or failed."""
    stmt = select(Job.id).where(Job.status.in_(("queued", "running")))
    if only is not None:
        stmt = stmt.where(Job.document_id.in_(only))
    with ctx.sessions() as session:
        return len(session.execute(stmt).all())
