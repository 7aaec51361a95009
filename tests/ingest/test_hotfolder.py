"""The mailroom hot folder: stable files only, removed only once stored, bad ones set aside."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import func, select

from paperasse import originals
from paperasse.context import Context
from paperasse.ingest.hotfolder import HotFolder
from paperasse.ingest.intake import Origin, receive
from paperasse.models.tables import Document, Receipt
from tests.samples import make_pdf


def _folder(ctx: Context, tmp_path: Path) -> HotFolder:
    ctx.settings.inbox.stable_seconds = 2
    return HotFolder(ctx, tmp_path / "inbox")


def _drop(folder: HotFolder, relative: str, data: bytes) -> Path:
    path = folder.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _documents(ctx: Context) -> list[Document]:
    with ctx.sessions() as session:
        return list(session.execute(select(Document)).scalars())


def test_a_file_is_taken_once_stable_and_removed_after_it_is_stored(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    data = make_pdf("Courrier du matin")
    path = _drop(folder, "scan-001.pdf", data)
    assert folder.scan_once(now=100.0) == 0, "just seen: the copier may still be writing"
    assert folder.scan_once(now=101.0) == 0
    assert path.exists()
    assert folder.scan_once(now=102.5) == 1
    assert not path.exists()
    (doc,) = _documents(sqlite_ctx)
    assert doc.sha256 == hashlib.sha256(data).hexdigest() and doc.source == "mailroom"
    assert originals.read(sqlite_ctx, doc.sha256) == data


def test_a_growing_file_waits(sqlite_ctx: Context, tmp_path: Path) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    path = _drop(folder, "gros.pdf", make_pdf("début"))
    folder.scan_once(now=0.0)
    path.write_bytes(make_pdf("début", "et la suite, plus longue"))
    assert folder.scan_once(now=5.0) == 0, "its size changed: the clock starts again"
    assert folder.scan_once(now=7.5) == 1


def test_bad_file_goes_to_failed_with_its_reason(sqlite_ctx: Context, tmp_path: Path) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    _drop(folder, "urbanisme/note.pdf", b"ceci n'est pas un PDF")
    folder.scan_once(now=0.0)
    folder.scan_once(now=3.0)
    failed = folder.root / "failed" / "urbanisme" / "note.pdf"
    assert failed.exists() and not (folder.root / "urbanisme" / "note.pdf").exists()
    reason = failed.with_name("note.pdf.reason.txt").read_text(encoding="utf-8")
    assert "PDF, TIFF, JPEG ou PNG" in reason and "note.pdf" in reason
    assert _documents(sqlite_ctx) == []
    folder.scan_once(now=10.0)
    assert failed.exists(), "files set aside are not taken again"


def test_sub_folder_names_the_service_and_processed_files_can_be_kept(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    sqlite_ctx.settings.inbox.keep_processed = True
    folder = _folder(sqlite_ctx, tmp_path)
    _drop(folder, "urbanisme/permis.pdf", make_pdf("Permis de construire"))
    _drop(folder, "lettre.pdf", make_pdf("Lettre"))
    folder.scan_once(now=0.0)
    assert folder.scan_once(now=3.0) == 2
    services = {d.original_filename: d.service for d in _documents(sqlite_ctx)}
    assert services == {"permis.pdf": "urbanisme", "lettre.pdf": None}
    assert (folder.root / "processed" / "urbanisme" / "permis.pdf").exists()


def test_a_sub_folder_naming_no_service_sends_its_files_to_failed(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    _drop(folder, "n_importe_quoi/lettre.pdf", make_pdf("Lettre"))
    folder.scan_once(now=0.0)
    folder.scan_once(now=3.0)
    assert _documents(sqlite_ctx) == []
    failed = folder.root / "failed" / "n_importe_quoi" / "lettre.pdf"
    assert failed.exists()
    reason = failed.with_name("lettre.pdf.reason.txt").read_text(encoding="utf-8")
    assert "Service inconnu : « n_importe_quoi »" in reason


def test_a_file_stored_before_a_crash_is_not_received_twice(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    data = make_pdf("Déjà enregistré")
    receive(sqlite_ctx, data, "scan.pdf", Origin(source="mailroom", actor="courrier"))
    path = _drop(folder, "scan.pdf", data)
    folder.scan_once(now=0.0)
    folder.scan_once(now=3.0)
    assert not path.exists()
    with sqlite_ctx.sessions() as session:
        assert session.execute(select(func.count()).select_from(Receipt)).scalar_one() == 1


def test_batch_scan_is_split_at_blank_pages(sqlite_ctx: Context, tmp_path: Path) -> None:
    sqlite_ctx.settings.inbox.split = "blank"
    folder = _folder(sqlite_ctx, tmp_path)
    batch = make_pdf("Première lettre au maire", "", "Seconde lettre, page 1", "Seconde, page 2")
    _drop(folder, "lot.pdf", batch)
    folder.scan_once(now=0.0)
    folder.scan_once(now=3.0)
    docs = {d.original_filename: d for d in _documents(sqlite_ctx)}
    assert docs["lot.pdf"].status == "batch"
    parts = sorted((d for d in docs.values() if d.parent_id), key=lambda d: d.original_filename)
    assert [p.parent_pages for p in parts] == [[1], [3, 4]]
    assert all(p.parent_id == docs["lot.pdf"].id and p.status == "received" for p in parts)
