"""Intake, the first stage: check a file, keep its original, record its arrival.

The original is sealed and written to the write-once blob store (through
:mod:`paperasse.originals`) before the database
transaction that creates the document row, its receipt, its processing job, its
search outbox row and its audit event; so a crash never leaves a row pointing to
missing bytes, and a retried intake of the same bytes finds the same document.

The same bytes are one document only within one owner's scope: each citizen's
uploads are theirs, everything else is the town hall's. A citizen who uploads
bytes identical to someone else's document gets a document of their own (the
stored bytes are shared, never the metadata, history or rights). Doors call
:mod:`paperasse.ingest.deposit`, which builds the ``Origin``.
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as DbIntegrityError
from sqlalchemy.orm import Session

from paperasse import originals
from paperasse.audit.chain import record
from paperasse.context import Context
from paperasse.errors import (
    EmptyFileError,
    FileTooLargeError,
    UnsafeFilenameError,
    UnsupportedTypeError,
)
from paperasse.models.tables import Document, Job, Outbox, Receipt, utcnow

log = logging.getLogger(__name__)

SOURCES = ("mailroom", "upload", "api")
INLINE_FIRST_SECONDS = 60
STAFF = "staff"
ACCEPTED = "PDF, TIFF, JPEG ou PNG"
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
# Invisible characters: bidirectional controls (U+202E shows "facture<U+202E>fdp.exe"
# as "factureexe.pdf"), zero-width and other format characters, line separators.
INVISIBLE = frozenset({"Cf", "Zl", "Zp"})


@dataclass(frozen=True)
class Origin:
    """Where a file comes from: the receipt's facts, its batch or message when part of one,
    and the sender and subject of the e-mail it came in."""

    source: str
    actor: str
    service: str | None = None
    user_id: str | None = None
    dossier_id: str | None = None
    parent_id: str | None = None
    parent_pages: tuple[int, ...] = ()
    process: bool = True
    sender_name: str | None = None
    sender_address: str | None = None
    subject: str | None = None

    @property
    def scope(self) -> str:
        """Whose documents these bytes join: a citizen's own, or the town hall's."""
        return f"citizen:{self.user_id}" if self.source == "upload" and self.user_id else STAFF


@dataclass(frozen=True)
class IntakeResult:
    document_id: str
    sha256: str
    mime: str
    created: bool


def sniff_mime(data: bytes, filename: str = "") -> str:
    """The type judged by the bytes, never by the name: the magic number at offset 0.

    Readers tolerate a PDF header anywhere in the first kilobyte, so an HTML page
    whose comment mentions it was taken for a PDF; a file must begin as one. Whether
    it parses is judged by the sandboxed reader, which fails it with its reason.
    """
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    raise UnsupportedTypeError(
        f"Le fichier « {filename} » n'est pas un document {ACCEPTED} : "
        "enregistrez-le ou numérisez-le dans l'un de ces formats, puis déposez-le à nouveau.",
        details={"filename": filename},
    )


def check_filename(filename: str) -> str:
    """A plain file name: no folder, no control character, not empty.

    Invisible characters are dropped rather than refused: nobody can see them to
    remove them, phones and web pages put some in innocently (zero-width spaces,
    direction marks), and once dropped the name shows what it really is.
    """
    name = unicodedata.normalize("NFC", filename or "")
    if visible(name) != name:
        log.warning("file name %s: invisible characters dropped", ascii(name))
        name = visible(name)
    name = name.strip()
    unsafe = (
        not name
        or "/" in name
        or "\\" in name
        or name in {".", ".."}
        or any(unicodedata.category(c) == "Cc" for c in name)
        or len(name) > 255
    )
    if unsafe:
        raise UnsafeFilenameError(
            f"Le nom de fichier « {visible(filename or '')} » n'est pas accepté : donnez un "
            "nom simple, sans chemin de dossier (pas de / ni de \\) ni caractère de contrôle.",
            details={"filename": filename},
        )
    return name


def visible(text: str) -> str:
    """``text`` without its invisible format characters (see ``INVISIBLE``)."""
    return "".join(c for c in text if unicodedata.category(c) not in INVISIBLE)


def check_size(data: bytes, filename: str, max_bytes: int) -> None:
    if not data:
        raise EmptyFileError(
            f"Le fichier « {filename} » est vide (0 octet) : vérifiez la numérisation "
            "ou l'enregistrement, puis déposez-le à nouveau.",
            details={"filename": filename},
        )
    if len(data) > max_bytes:
        raise too_large(filename, len(data), max_bytes)


def too_large(filename: str, size: int, max_bytes: int) -> FileTooLargeError:
    """The refusal of a file over the size limit (also judged by ``stat`` before reading)."""
    return FileTooLargeError(
        f"Le fichier « {filename} » pèse {size / 1_048_576:.1f} Mo ; la limite est de "
        f"{max_bytes // 1_048_576} Mo. Numérisez-le en résolution plus faible ou "
        "découpez-le en plusieurs fichiers.",
        details={"filename": filename, "size": size, "limit": max_bytes},
    )


def validate(data: bytes, filename: str, max_bytes: int) -> tuple[str, str]:
    """Run every intake check; returns the clean name and the sniffed type."""
    name = check_filename(filename)
    check_size(data, name, max_bytes)
    return name, sniff_mime(data, name)


@dataclass(frozen=True)
class Kept:
    """A file that passed every intake check and whose original is stored: ready to record."""

    data: bytes
    name: str
    mime: str
    sha256: str


def keep_checked(ctx: Context, data: bytes, filename: str) -> Kept:
    """Check a file and store its original; InputError (nothing stored) when it is refused."""
    name, mime = validate(data, filename, ctx.settings.max_upload_bytes)
    return Kept(data, name, mime, originals.keep(ctx, data))


def receive(ctx: Context, data: bytes, filename: str, origin: Origin) -> IntakeResult:
    """Accept one file, or raise an InputError having changed nothing."""
    kept = keep_checked(ctx, data, filename)
    try:
        return _record(ctx, kept, origin)
    except DbIntegrityError:
        log.info("document %s was created concurrently; recording a second receipt", kept.sha256)
        return _record(ctx, kept, origin)
    except originals.OriginalShreddedError:
        log.info("original %s was erased meanwhile; sealing it again", kept.sha256)
        originals.keep(ctx, data)
        return _record(ctx, kept, origin)


def _record(ctx: Context, kept: Kept, origin: Origin) -> IntakeResult:
    with ctx.transaction() as session:
        return record_kept(session, kept, origin)


def record_kept(session: Session, kept: Kept, origin: Origin) -> IntakeResult:
    """Within the caller's transaction: the document row, receipt, job, outbox row and audit.

    OriginalShreddedError when the original was erased since it was kept (keep it
    again and retry); a database IntegrityError when the same bytes were recorded
    concurrently (retry: the second try finds them).
    """
    if origin.source not in SOURCES:
        raise ValueError(f"unknown source {origin.source!r}")
    sha256, name = kept.sha256, kept.name
    originals.attach(session, sha256)
    same = (Document.sha256 == sha256, Document.scope == origin.scope)
    existing = session.execute(select(Document).where(*same)).scalar()
    if existing is not None:
        _add_receipt(session, existing, name, origin, "document.received_again")
        return IntakeResult(existing.id, sha256, existing.mime, created=False)
    doc = Document(
        sha256=sha256,
        scope=origin.scope,
        size=len(kept.data),
        mime=kept.mime,
        original_filename=name,
        source=origin.source,
        service=origin.service,
        parent_id=origin.parent_id,
        parent_pages=list(origin.parent_pages) or None,
        status="received" if origin.process else "batch",
        sender_name=origin.sender_name,
        sender_address=origin.sender_address,
        subject=origin.subject,
    )
    session.add(doc)
    session.flush()
    if origin.process:
        session.add(Job(document_id=doc.id, run_after=_first_run(origin)))
    session.add(Outbox(document_id=doc.id, op="index"))
    _add_receipt(session, doc, name, origin, "document.received")
    log.info("document %s received from %s (%s)", doc.id, origin.source, name)
    return IntakeResult(doc.id, sha256, kept.mime, created=True)


def _first_run(origin: Origin) -> dt.datetime:
    """When workers may take the job: a citizen's upload is first the request's to read.

    The request reads a born-digital upload at once to answer with its findings; a
    worker polling meanwhile would take the job and make the citizen wait for it.
    The request hands back a scan at once (``make_due``); the delay only matters if
    the request dies before.
    """
    if origin.source == "upload":
        return utcnow() + dt.timedelta(seconds=INLINE_FIRST_SECONDS)
    return utcnow()


def _add_receipt(session: Session, doc: Document, name: str, origin: Origin, action: str) -> None:
    receipt = Receipt(
        document_id=doc.id,
        source=origin.source,
        filename=name,
        actor=origin.actor,
        service=origin.service,
        user_id=origin.user_id,
        dossier_id=origin.dossier_id,
    )
    session.add(receipt)
    # No file name: it may hold a person's name, and the chain can never be edited;
    # the receipt keeps it, and goes with the document when it is erased.
    details = {
        "sha256": doc.sha256,
        "source": origin.source,
        "service": origin.service,
        "dossier": origin.dossier_id,
        "batch": origin.parent_id,
    }
    record(session, origin.actor, action, f"document:{doc.id}", details)
