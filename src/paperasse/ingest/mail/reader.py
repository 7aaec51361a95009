"""The mailbox door: each new e-mail becomes mailroom documents, exactly once.

One pass signs in, opens the folder and, for each message in it, oldest first:

1. a message already recorded (same folder UIDVALIDITY and UID, or the same raw
   bytes) is only moved to the processed folder: it was recorded but not moved
   when the last pass stopped;
2. otherwise it is fetched (without marking it read), parsed within limits, its
   attachments judged by the intake service, the message rendered as a PDF that
   says what became of each attachment, and everything recorded through
   :func:`paperasse.ingest.deposit.deposit_message`: the documents, their
   receipts, jobs and audit events, and the ``mail_messages`` row, in one
   transaction;
3. then it is moved to the processed folder.

One process reads a mailbox at a time (:mod:`paperasse.ingest.mail.lock`). A
crash before the commit leaves the message unrecorded in the folder: the next
pass takes it. A crash after it leaves it recorded in the folder: the next pass
moves it. Nothing is moved before it is recorded, so a message is never moved
without having been taken. Where the server cannot MOVE, the copy is noted in the
row before the original is deleted, so that a second pass does not copy it again.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import asdict, dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from paperasse.context import Context
from paperasse.errors import ConfigurationError
from paperasse.ingest.deposit import Depositor, Sender, deposit_message
from paperasse.ingest.intake import keep_checked
from paperasse.ingest.mail.imap import ImapMailbox
from paperasse.ingest.mail.lock import reading_lock
from paperasse.ingest.mail.parse import Letter, ParsedMail, parse_headers, parse_mail
from paperasse.ingest.mail.render import letter_filename, render_letter
from paperasse.ingest.message_intake import MessageIntake, check_attachments
from paperasse.models.tables import MailMessage, utcnow

log = logging.getLogger(__name__)

DEPOSITOR = Depositor("mailbox", "courrier:boite-mail")


@dataclass
class PassReport:
    """What one pass did, for the command line and the log."""

    taken: int = 0
    attachments: int = 0
    refused: int = 0
    moved: int = 0
    failed: int = 0
    skipped: bool = False


@dataclass(frozen=True)
class _Fetched:
    """A message's bytes, or only its headers when it is larger than the limit (its size)."""

    raw: bytes
    oversized: int | None = None


@dataclass(frozen=True)
class _Key:
    mailbox: str
    uidvalidity: int
    uid: int


class MailboxReader:
    """Reads the configured mailbox; :meth:`read_once` is one pass."""

    def __init__(self, ctx: Context) -> None:
        settings = ctx.settings.mailbox
        missing = [n for n in ("host", "user") if not getattr(settings, n)]
        if missing:
            names = ", ".join(f"PAPERASSE_MAILBOX__{n.upper()}" for n in missing)
            raise ConfigurationError(f"Boîte aux lettres : réglez {names}.")
        if settings.tls == "none":
            log.warning("the mailbox password goes in clear to %s (tls=none)", settings.host)
        self.ctx = ctx
        self.settings = settings
        self.mailbox = f"{settings.user}@{settings.host}/{settings.folder}"[:255]

    def read_once(self, stop: threading.Event | None = None) -> PassReport:
        """Take every message of the folder; MailboxError when the server cannot be read."""
        report = PassReport()
        with reading_lock(self.ctx, self.mailbox) as alone:
            if not alone:
                log.info("mailbox %s is being read by another process", self.mailbox)
                report.skipped = True
                return report
            with ImapMailbox(self.settings) as imap:
                imap.ensure_folder(self.settings.processed_folder)
                uidvalidity = imap.select(self.settings.folder)
                uids = imap.uids()
                self._note_gone(uidvalidity, set(uids))
                for uid in uids:
                    if stop is not None and stop.is_set():
                        break
                    self._one(imap, _Key(self.mailbox, uidvalidity, uid), report)
        if report.taken or report.failed:
            log.info("mailbox pass: %s", report)
        return report

    def _one(self, imap: ImapMailbox, key: _Key, report: PassReport) -> None:
        row = self._recorded(key)
        if row is None:
            fetched = self._fetch(imap, key.uid)
            if fetched is None:
                return
            sha256 = hashlib.sha256(fetched.raw).hexdigest()
            row = self._recorded(key, sha256)
            if row is None:
                try:
                    intake = self._take(fetched, sha256, key)
                except Exception:
                    # Left in the folder: the next pass tries it again.
                    log.exception("message %s of %s could not be taken", key.uid, key.mailbox)
                    report.failed += 1
                    return
                if intake is not None:
                    report.taken += 1
                    report.attachments += len(intake.attachments)
                    report.refused += len(intake.refused)
                row = self._recorded(key, sha256)
        if row is not None:
            self._move(imap, key.uid, row)
            report.moved += 1

    def _fetch(self, imap: ImapMailbox, uid: int) -> _Fetched | None:
        """The message, or None when it left the folder meanwhile."""
        size = imap.size(uid)
        if size is None:
            return None
        oversized = size > self.settings.max_message_mb * 1_048_576
        raw = imap.fetch(uid, headers_only=oversized)
        if raw is None:
            return None
        return _Fetched(raw, size if oversized else None)

    def _take(self, fetched: _Fetched, sha256: str, key: _Key) -> MessageIntake | None:
        parsed = _read(fetched, self.settings.max_message_mb)
        letter = parsed.letter
        files = [(a.data, a.filename) for a in parsed.attachments]
        kept, refused = check_attachments(self.ctx, files)
        rendered = render_letter(
            letter, [k.name for k in kept], [(r.filename, r.reason) for r in refused]
        )
        letter_kept = keep_checked(self.ctx, rendered, letter_filename(letter))
        sender = Sender(letter.sender_name, letter.sender_address, letter.subject or None)

        def taken(session: Session) -> bool:
            return _find(session, key, sha256) is not None

        def record(session: Session, intake: MessageIntake) -> None:
            session.add(
                MailMessage(
                    mailbox=key.mailbox,
                    uidvalidity=key.uidvalidity,
                    uid=key.uid,
                    sha256=sha256,
                    document_id=intake.message.document_id,
                    attachments=len(intake.attachments),
                    refused=[asdict(r) for r in intake.refused] or None,
                )
            )

        intake = deposit_message(
            self.ctx, letter_kept, kept, refused, DEPOSITOR, sender, taken=taken, record=record
        )
        if intake is not None:
            log.info(
                "message %s of %s taken as document %s (%d attachments, %d refused)",
                key.uid,
                key.mailbox,
                intake.message.document_id,
                len(intake.attachments),
                len(intake.refused),
            )
        return intake

    def _recorded(self, key: _Key, sha256: str | None = None) -> MailMessage | None:
        with self.ctx.sessions() as session:
            return _find(session, key, sha256)

    def _move(self, imap: ImapMailbox, uid: int, row: MailMessage) -> None:
        folder = self.settings.processed_folder
        if "MOVE" in imap.capabilities:
            imap.move(uid, folder)
        else:
            if row.moved_at is None:
                imap.copy(uid, folder)
                self._moved(row)
            imap.delete(uid)
        if row.moved_at is None:
            self._moved(row)

    def _note_gone(self, uidvalidity: int, present: set[int]) -> None:
        """Rows whose message left the folder unnoticed (a pass died right after its move)."""
        unmoved = select(MailMessage.id, MailMessage.uid).where(
            MailMessage.mailbox == self.mailbox,
            MailMessage.uidvalidity == uidvalidity,
            MailMessage.moved_at.is_(None),
        )
        with self.ctx.sessions() as session:
            gone = [row_id for row_id, uid in session.execute(unmoved) if uid not in present]
        if gone:
            with self.ctx.transaction() as session:
                session.execute(
                    update(MailMessage).where(MailMessage.id.in_(gone)).values(moved_at=utcnow())
                )

    def _moved(self, row: MailMessage) -> None:
        with self.ctx.transaction() as session:
            session.execute(
                update(MailMessage).where(MailMessage.id == row.id).values(moved_at=utcnow())
            )
        row.moved_at = utcnow()


def _find(session: Session, key: _Key, sha256: str | None) -> MailMessage | None:
    same_uid = (MailMessage.uidvalidity == key.uidvalidity) & (MailMessage.uid == key.uid)
    same = or_(same_uid, MailMessage.sha256 == sha256) if sha256 else same_uid
    stmt = select(MailMessage).where(MailMessage.mailbox == key.mailbox, same).limit(1)
    return session.execute(stmt).scalar()


def _read(fetched: _Fetched, limit_mb: int) -> ParsedMail:
    if fetched.oversized is None:
        return parse_mail(fetched.raw)
    letter: Letter = parse_headers(fetched.raw)
    letter.notes.append(
        f"Ce courriel pèse {fetched.oversized / 1_048_576:.1f} Mo ; la limite est de "
        f"{limit_mb} Mo. Il n'a pas été lu : son texte et ses pièces jointes restent dans "
        "la boîte aux lettres, dossier des courriels traités."
    )
    return ParsedMail(letter, [])
