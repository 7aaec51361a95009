"""Untrusted files are read in sandboxed readers: limits hit end in a French refusal and a
failed document at the first attempt, the job's lease is renewed while a reader works,
and a reader that died is replaced."""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from paperasse.context import Context
from paperasse.errors import UnreadableDocumentError
from paperasse.ingest.guards import MB, PdfLimits, check_pdf
from paperasse.ingest.intake import Origin, receive
from paperasse.ingest.jobs import claim_job
from paperasse.ingest.sandbox import read_document, without_secrets
from paperasse.ingest.worker import work_once
from paperasse.models.tables import Document, Job
from tests.hostile import build_pdf, space_bomb, text_operator_bomb
from tests.samples import make_pdf

MAILROOM = Origin(source="mailroom", actor="test")
LIMITS = PdfLimits(
    max_pages=200,
    max_pixels=60_000_000,
    max_stream_bytes=256 * MB,
    max_page_content_bytes=4 * MB,
    max_objects=500_000,
)


def _state(ctx: Context, document_id: str) -> tuple[Document, Job]:
    with ctx.sessions() as session:
        doc = session.get(Document, document_id)
        job = session.execute(select(Job).where(Job.document_id == document_id)).scalar_one()
        assert doc is not None
        return doc, job


def test_content_and_stream_bombs_are_refused_by_their_declared_sizes() -> None:
    started = time.monotonic()
    with pytest.raises(UnreadableDocumentError, match="plus de 4 Mo d'instructions de dessin"):
        check_pdf(text_operator_bomb(), LIMITS)
    with pytest.raises(UnreadableDocumentError, match="plus de 4 Mo d'instructions de dessin"):
        check_pdf(space_bomb(), LIMITS)
    assert time.monotonic() - started < 30, "the bombs themselves take a few seconds to build"
    check_pdf(make_pdf("Une lettre ordinaire", "sur deux pages"), LIMITS)


def test_a_font_that_inflates_past_the_stream_limit_is_refused() -> None:
    import zlib

    font = zlib.compress(b"\0" * (300 * MB), 9)
    data = build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(font) + font + b"\nendstream",
        ]
    )
    with pytest.raises(UnreadableDocumentError, match="plus de 256 Mo une fois décompressé"):
        check_pdf(data, LIMITS)


def test_an_image_larger_than_the_pixel_limit_is_refused_from_its_dictionary() -> None:
    data = build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im0 4 0 R >> >> >>",
            b"<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 "
            b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length 0 >>\nstream\n\nendstream",
        ]
    )
    with pytest.raises(UnreadableDocumentError, match="10000 mégapixels"):
        check_pdf(data, LIMITS)


def test_a_pdf_over_the_memory_limit_fails_at_once_and_the_next_one_is_read(
    sqlite_ctx: Context,
) -> None:
    reader = sqlite_ctx.settings.reader
    reader.memory_mb, reader.max_page_content_mb = 768, 64  # let pdfium try it
    bomb = receive(sqlite_ctx, text_operator_bomb(), "bombe.pdf", MAILROOM).document_id
    assert work_once(sqlite_ctx, "w1")
    doc, job = _state(sqlite_ctx, bomb)
    assert doc.status == "failed" and job.attempts == 1 and job.status == "failed"
    assert doc.status_reason and "trop lourd" in doc.status_reason
    assert "768 Mo de mémoire" in doc.status_reason

    good = receive(sqlite_ctx, make_pdf("Demande d'acte de naissance"), "acte.pdf", MAILROOM)
    assert work_once(sqlite_ctx, "w1")
    doc, job = _state(sqlite_ctx, good.document_id)
    assert doc.status in ("processed", "needs_review") and job.status == "done"


@pytest.mark.slow
def test_a_page_read_too_long_fails_and_the_lease_is_renewed_while_it_is_read(
    sqlite_ctx: Context,
) -> None:
    settings = sqlite_ctx.settings
    settings.jobs.lease_seconds = 10
    settings.reader.step_seconds = 14
    settings.reader.memory_mb, settings.reader.max_page_content_mb = 4096, 64
    bomb = receive(sqlite_ctx, text_operator_bomb(), "lent.pdf", MAILROOM).document_id
    worker = threading.Thread(target=work_once, args=(sqlite_ctx, "w1"))
    worker.start()
    try:
        while _state(sqlite_ctx, bomb)[1].status != "running":
            time.sleep(0.1)
        time.sleep(settings.jobs.lease_seconds + 1)
        assert worker.is_alive(), "the reader gave up before the lease ran out"
        assert claim_job(sqlite_ctx, "w2") is None, "a live worker's job was taken over"
    finally:
        worker.join(timeout=600)
    doc, job = _state(sqlite_ctx, bomb)
    assert doc.status == "failed" and job.attempts == 1 and job.locked_by == "w1"
    assert doc.status_reason and "dépasse 14 secondes" in doc.status_reason


def _readers() -> list[int]:
    """Process ids of this process's reader children."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(status.split("PPid:")[1].split()[0])
        if ppid == os.getpid() and b"paperasse.ingest.reader" in command:
            pids.append(int(entry.name))
    return pids


def test_a_reader_killed_between_two_files_is_replaced(sqlite_ctx: Context) -> None:
    settings, today = sqlite_ctx.settings, dt.date.today()
    first = read_document(settings, make_pdf("Premier courrier"), "application/pdf", received=today)
    assert "Premier courrier" in first.pages[0].text
    killed = _readers()
    assert killed
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    second = read_document(settings, make_pdf("Second courrier"), "application/pdf", received=today)
    assert "Second courrier" in second.pages[0].text
    assert not set(killed) & set(_readers())


def test_readers_hold_no_secret_of_the_service(
    sqlite_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERASSE_BLOB__MINIO_SECRET_KEY", "cle-du-stockage")
    for pid in _readers():  # readers started before the variable was set
        os.kill(pid, signal.SIGKILL)
    pdf = make_pdf("Courrier")
    read_document(sqlite_ctx.settings, pdf, "application/pdf", received=dt.date.today())
    [reader] = _readers()
    environment = Path(f"/proc/{reader}/environ").read_bytes()
    assert b"cle-du-stockage" not in environment and b"PAPERASSE_" not in environment
    scrubbed = without_secrets(sqlite_ctx.settings)
    assert scrubbed.database_url is None and scrubbed.blob.minio_secret_key.get_secret_value() == ""
