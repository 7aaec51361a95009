"""A born-digital upload is answered with its result: workers leave its job to the request
for a moment, and one whose job a worker claimed first is still waited for."""

from __future__ import annotations

import threading
import time

from paperasse.context import Context
from paperasse.dossiers.inline import process_or_wait
from paperasse.ingest.intake import Origin, receive
from paperasse.ingest.jobs import claim_job, make_due
from paperasse.ingest.worker import run_claim
from paperasse.models.tables import Document
from tests.dossiers.papers import cerfa_inscription, scan_png

ORIGIN = Origin(source="upload", actor="user:test")


def _status(ctx: Context, document_id: str) -> str:
    with ctx.sessions() as session:
        doc = session.get(Document, document_id)
        assert doc is not None
        return doc.status


def test_workers_leave_an_upload_to_its_request_and_take_a_scan_at_once(ctx: Context) -> None:
    pdf = receive(ctx, cerfa_inscription("DUPONT Marie"), "cerfa.pdf", ORIGIN).document_id
    scan = receive(ctx, scan_png("Facture d'électricité\nMarie DUPONT"), "scan.png", ORIGIN)
    assert claim_job(ctx, "polling-worker") is None, "a worker raced the request"
    assert process_or_wait(ctx, pdf, wait=0.0) is True
    assert _status(ctx, pdf) in ("processed", "needs_review")
    assert process_or_wait(ctx, scan.document_id, wait=0.0) is False
    claim = claim_job(ctx, "polling-worker")
    assert claim is not None and claim.document_id == scan.document_id


def test_waits_for_the_worker_that_took_a_born_digital_pdf(ctx: Context) -> None:
    intake = receive(ctx, cerfa_inscription("DUPONT Marie"), "cerfa.pdf", ORIGIN)
    make_due(ctx, intake.document_id)  # as when the request that uploaded it died
    claim = claim_job(ctx, "other-worker")
    assert claim is not None and claim.document_id == intake.document_id

    def worker() -> None:
        time.sleep(0.3)
        run_claim(ctx, claim)

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        # Generous: this worker loads its models on first use; a running one has them.
        assert process_or_wait(ctx, intake.document_id, wait=120.0) is True
        assert _status(ctx, intake.document_id) in ("processed", "needs_review")
    finally:
        thread.join()


def test_a_scan_taken_by_a_worker_is_not_waited_for(ctx: Context) -> None:
    intake = receive(ctx, scan_png("Facture d'électricité\nMarie DUPONT"), "scan.png", ORIGIN)
    make_due(ctx, intake.document_id)
    assert claim_job(ctx, "other-worker") is not None
    assert process_or_wait(ctx, intake.document_id, wait=5.0) is False
    assert _status(ctx, intake.document_id) == "processing"
