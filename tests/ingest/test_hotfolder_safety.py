"""The hot folder reads only regular files that live in the inbox, and judges their size
by ``stat`` before reading a byte."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sqlalchemy import select

from paperasse.auth import add_user
from paperasse.context import Context
from paperasse.ingest.hotfolder import HotFolder
from paperasse.ingest.intake import Origin, receive
from paperasse.models.records_tables import Original
from paperasse.models.tables import Document
from tests.samples import make_pdf


def _folder(ctx: Context, tmp_path: Path) -> HotFolder:
    ctx.settings.inbox.stable_seconds = 2
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    return HotFolder(ctx, inbox)


def _two_scans(folder: HotFolder) -> None:
    """A first look, then a second once every file has been stable long enough."""
    folder.scan_once(now=0.0)
    folder.scan_once(now=3.0)


def _filenames(ctx: Context) -> list[str]:
    with ctx.sessions() as session:
        return list(session.execute(select(Document.original_filename)).scalars())


def _reason(folder: HotFolder, relative: str) -> str:
    path = folder.root / "failed" / f"{relative}.reason.txt"
    return path.read_text(encoding="utf-8")


def test_a_link_to_a_file_outside_the_inbox_is_set_aside_unread(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    secret = tmp_path / "ailleurs" / "paie.pdf"
    secret.parent.mkdir()
    secret.write_bytes(make_pdf("Bulletin de paie confidentiel"))
    (folder.root / "paie.pdf").symlink_to(secret)
    (folder.root / "lettre.pdf").write_bytes(make_pdf("Une vraie lettre"))
    _two_scans(folder)
    assert _filenames(sqlite_ctx) == ["lettre.pdf"]
    moved = folder.root / "failed" / "paie.pdf"
    assert moved.is_symlink() and secret.read_bytes().startswith(b"%PDF")
    assert "lien symbolique" in _reason(folder, "paie.pdf")


def test_a_link_to_a_citizens_stored_original_is_not_ingested(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    user = add_user(sqlite_ctx, "jeanne", "correct-horse-battery-42", "citoyen", actor="test")
    citizen = Origin(source="upload", actor="citoyen", user_id=user.id)
    stored = receive(sqlite_ctx, make_pdf("Avis d'imposition de Jeanne"), "avis.pdf", citizen)
    with sqlite_ctx.sessions() as session:
        key = session.execute(
            select(Original.blob_key).where(Original.sha256 == stored.sha256)
        ).scalar_one()
    original = sqlite_ctx.settings.blob_path / "originals" / key[:2] / key[2:4] / key
    folder = _folder(sqlite_ctx, tmp_path)
    (folder.root / "urbanisme").mkdir()
    (folder.root / "urbanisme" / "avis.pdf").symlink_to(original)
    os.link(original, folder.root / "copie.pdf")  # a hard link: the same file, another name
    _two_scans(folder)
    with sqlite_ctx.sessions() as session:
        sources = session.execute(select(Document.scope)).scalars().all()
    assert sources == [f"citizen:{user.id}"], "the original joined the mailroom's documents"
    assert "lien symbolique" in _reason(folder, "urbanisme/avis.pdf")
    assert "lien physique" in _reason(folder, "copie.pdf")
    assert original.exists()


def test_a_linked_sub_folder_is_not_walked_into(sqlite_ctx: Context, tmp_path: Path) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    outside = tmp_path / "partage-rh"
    outside.mkdir()
    (outside / "contrat.pdf").write_bytes(make_pdf("Contrat de travail"))
    (folder.root / "urbanisme").symlink_to(outside, target_is_directory=True)
    _two_scans(folder)
    assert _filenames(sqlite_ctx) == []
    assert (outside / "contrat.pdf").exists()
    assert (folder.root / "failed" / "urbanisme").is_symlink()


def test_a_pipe_is_set_aside_without_blocking_the_inbox(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    os.mkfifo(folder.root / "tube.pdf")
    (folder.root / "lettre.pdf").write_bytes(make_pdf("Lettre"))
    scan = threading.Thread(target=_two_scans, args=(folder,), daemon=True)
    scan.start()
    scan.join(timeout=60)
    assert not scan.is_alive(), "the scan blocked on a named pipe"
    assert _filenames(sqlite_ctx) == ["lettre.pdf"]
    assert "fichier spécial" in _reason(folder, "tube.pdf")


def _bytes_read() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


def test_a_huge_file_is_refused_by_its_size_before_any_byte_is_read(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    huge = folder.root / "enorme.pdf"
    with huge.open("wb") as out:  # sparse: one gigabyte that takes no room on disk
        out.write(b"%PDF-1.7\n")
        out.truncate(1024 * 1024 * 1024)
    before = _bytes_read()
    _two_scans(folder)
    assert _bytes_read() - before < 50 * 1024 * 1024, "the file was read before its refusal"
    assert _filenames(sqlite_ctx) == []
    assert "pèse 1024.0 Mo ; la limite est de 50 Mo" in _reason(folder, "enorme.pdf")


def test_nothing_is_moved_or_written_through_links_planted_in_failed(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    folder = _folder(sqlite_ctx, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder.root / "failed").symlink_to(elsewhere, target_is_directory=True)
    (folder.root / "note.pdf").write_bytes(b"pas un PDF")
    (folder.root / "urbanisme").mkdir()
    (folder.root / "urbanisme" / "plan.pdf").write_bytes(b"pas un PDF non plus")
    _two_scans(folder)
    assert (folder.root / "note.pdf").exists(), "moved out of the inbox through a link"
    assert (folder.root / "urbanisme" / "plan.pdf").exists()
    assert list(elsewhere.iterdir()) == [], "a folder was made outside the inbox"

    target = tmp_path / "precieux.txt"
    target.write_text("ne pas écraser", encoding="utf-8")
    (folder.root / "failed").unlink()
    (folder.root / "failed").mkdir()
    (folder.root / "failed" / "note.pdf.reason.txt").symlink_to(target)
    _two_scans(folder)
    assert (folder.root / "failed" / "note.pdf").exists()
    assert target.read_text(encoding="utf-8") == "ne pas écraser"
