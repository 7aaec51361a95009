"""Durable jobs: claims, leases, retries with backoff, failure with its reason."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from paperasse.auth import Identity
from paperasse.context import Context
from paperasse.ingest.intake import Origin, receive
from paperasse.ingest.jobs import claim_job, fail_job, report_progress, retry_document
from paperasse.ingest.worker import work_once
from paperasse.models.tables import AuditEvent, Document, Job, Page, utcnow
from tests.samples import make_pdf

ORIGIN = Origin(source="api", actor="test")
ADMIN = Identity(user_id="", username="admin", role="admin")


def _receive(ctx: Context, text: str) -> str:
    return receive(ctx, make_pdf(text), f"{text}.pdf", ORIGIN).document_id


def _job(ctx: Context, document_id: str) -> Job:
    with ctx.sessions() as session:
        return session.execute(select(Job).where(Job.document_id == document_id)).scalar_one()


def test_a_claimed_job_is_not_claimed_twice(ctx: Context) -> None:
    doc = _receive(ctx, "un")
    claim = claim_job(ctx, "w1")
    assert claim is not None and claim.document_id == doc and claim.attempt == 1
    assert claim_job(ctx, "w2") is None
    assert _job(ctx, doc).locked_by == "w1"


def test_job_of_a_silent_worker_is_taken_over(ctx: Context) -> None:
    doc = _receive(ctx, "un")
    assert claim_job(ctx, "mort") is not None
    with ctx.transaction() as session:
        session.execute(update(Job).values(lease_until=utcnow() - dt.timedelta(seconds=1)))
    claim = claim_job(ctx, "vivant")
    assert claim is not None and claim.document_id == doc and claim.attempt == 2


def test_progress_renews_the_lease(ctx: Context) -> None:
    doc = _receive(ctx, "un")
    claim = claim_job(ctx, "w1")
    assert claim is not None
    before = _job(ctx, doc).lease_until
    report_progress(ctx, claim, "text", 3, 7)
    job = _job(ctx, doc)
    assert (job.stage, job.pages_done, job.pages_total) == ("text", 3, 7)
    assert job.lease_until is not None and before is not None and job.lease_until >= before


def test_retry_with_backoff_then_failed_with_reason(ctx: Context) -> None:
    ctx.settings.jobs.max_attempts = 2
    doc = _receive(ctx, "un")
    claim = claim_job(ctx, "w1")
    assert claim is not None
    assert fail_job(ctx, claim, "stockage injoignable", retry=True) is False
    job = _job(ctx, doc)
    assert job.status == "queued" and job.run_after > utcnow()
    assert claim_job(ctx, "w1") is None, "not due before its backoff"
    with ctx.transaction() as session:
        session.execute(update(Job).values(run_after=utcnow()))
    second = claim_job(ctx, "w1")
    assert second is not None and second.attempt == 2
    assert fail_job(ctx, second, "stockage injoignable", retry=True) is True
    with ctx.sessions() as session:
        document = session.get(Document, doc)
        assert document is not None and document.status == "failed"
        assert document.status_reason == "stockage injoignable"
        actions = session.execute(select(AuditEvent.action).order_by(AuditEvent.seq)).scalars()
        assert list(actions)[-1] == "document.failed"


def test_worker_processes_a_document_and_unreadable_ones_fail_at_once(ctx: Context) -> None:
    good = _receive(ctx, "Demande d'acte de naissance")
    bad = receive(ctx, b"%PDF-1.7\n garbage that is no pdf", "casse.pdf", ORIGIN).document_id
    while work_once(ctx, "w1"):
        pass
    with ctx.sessions() as session:
        ok = session.get(Document, good)
        broken = session.get(Document, bad)
        assert ok is not None and ok.status in ("processed", "needs_review") and ok.page_count == 1
        pages = session.execute(select(Page).where(Page.document_id == good)).scalars().all()
        assert "acte de naissance" in pages[0].text
        job = session.execute(select(Job).where(Job.document_id == good)).scalar_one()
        assert (job.status, job.pages_done, job.pages_total) == ("done", 1, 1)
        assert broken is not None and broken.status == "failed"
        assert broken.status_reason and "PDF" in broken.status_reason
    assert _job(ctx, bad).attempts == 1, "an unreadable file is not retried"
    assert retry_document(ctx, ADMIN, bad) is True
    with ctx.sessions() as session:
        again = session.get(Document, bad)
        assert again is not None and again.status == "received"


def test_processing_again_replaces_pages_without_duplicates(ctx: Context) -> None:
    doc = _receive(ctx, "Une page")
    assert work_once(ctx, "w1")
    with ctx.transaction() as session:
        session.add(Job(document_id=doc))  # processed again, as after a model update
    assert work_once(ctx, "w1")
    with ctx.sessions() as session:
        pages = session.execute(select(Page).where(Page.document_id == doc)).scalars().all()
    assert [p.number for p in pages] == [1]


def test_a_worker_slower_than_its_lease_does_not_save_over_its_successor(ctx: Context) -> None:
    from paperasse.ingest.pipeline import process_document

    doc = _receive(ctx, "Une lettre lente")
    slow = claim_job(ctx, "lent")
    assert slow is not None
    with ctx.transaction() as session:
        session.execute(update(Job).values(lease_until=utcnow() - dt.timedelta(seconds=1)))
    fast = claim_job(ctx, "rapide")
    assert fast is not None and fast.attempt == 2
    process_document(ctx, fast)
    process_document(ctx, slow)  # finishes after its lease ran out: its result is dropped
    assert fail_job(ctx, slow, "trop tard", retry=False) is False
    with ctx.sessions() as session:
        processed = session.execute(
            select(AuditEvent).where(AuditEvent.action == "document.processed")
        ).scalars()
        assert len(list(processed)) == 1
        document = session.get(Document, doc)
        assert document is not None and document.status in ("processed", "needs_review")
    assert _job(ctx, doc).status == "done"
