"""A born-digital upload whose job a worker claimed first is still answered with its result."""

from __future__ import annotations

import threading
import time

from paperasse.context import Context
from paperasse.dossiers.inline import process_or_wait
from paperasse.ingest.intake import Origin, receive
from paperasse.ingest.jobs import claim_job
from paperasse.ingest.worker import run_claim
from paperasse.models.tables import Document
from tests.dossiers.papers import cerfa_inscription, scan_png

ORIGIN = Origin(source="upload", actor="user:test")


def _status(ctx: Context, document_id: str) -> str:
    with ctx.sessions() as session:
        doc = session.get(Document, document_id)
        assert doc is not None
        return doc.status


def test_waits_for_the_worker_that_took_a_born_digital_pdf(ctx: Context) -> None:
    intake = receive(ctx, cerfa_inscription("DUPONT Marie"), "cerfa.pdf", ORIGIN)
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
    assert claim_job(ctx, "other-worker") is not None
    assert process_or_wait(ctx, intake.document_id, wait=5.0) is False
    assert _status(ctx, intake.document_id) == "processing"
