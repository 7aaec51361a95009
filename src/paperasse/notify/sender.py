"""Deliver waiting notifications to the SMTP server, at least once and never silently lost.

A batch of due rows is claimed with a lease (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so several ``serve`` processes share the work), handed to the SMTP
server one by one, and each is marked sent in its own transaction once the
server accepted it. A failure is retried with doubling delays, then the row is
given up (``failed``) and logged; a permanent refusal (5xx) is given up at once.

If the process dies after the server accepted a message and before it was marked
sent, the lease runs out and the message is sent again: with the same
Message-ID, derived from the row, so that mail systems that deduplicate drop
the copy. Marking it sent first would risk losing it instead; a lost notice is
worse than a repeated one.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import or_, select, update

from paperasse.context import Context
from paperasse.models.dossier_tables import Notification
from paperasse.models.tables import utcnow
from paperasse.settings import Settings, SmtpSettings

log = logging.getLogger(__name__)

BATCH = 20
LEASE_SECONDS = 300
FIRST_RETRY_SECONDS = 30


@dataclass(frozen=True)
class Claimed:
    id: int
    attempt: int
    to_address: str
    subject: str
    body: str
    created_at: dt.datetime


def claim(ctx: Context, limit: int = BATCH) -> list[Claimed]:
    """Take up to ``limit`` due notifications under a lease."""
    now = utcnow()
    stmt = (
        select(Notification)
        .where(
            Notification.status == "pending",
            Notification.next_attempt_at <= now,
            or_(Notification.lease_until.is_(None), Notification.lease_until < now),
        )
        .order_by(Notification.id)
        .limit(limit)
    )
    with ctx.transaction() as session:
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        claimed = []
        for row in session.execute(stmt).scalars():
            row.attempts += 1
            row.lease_until = now + dt.timedelta(seconds=LEASE_SECONDS)
            claimed.append(
                Claimed(row.id, row.attempts, row.to_address, row.subject, row.body, row.created_at)
            )
        return claimed


def message_of(item: Claimed, settings: Settings) -> EmailMessage:
    """The e-mail of a notification; its Message-ID is the same at every attempt."""
    message = EmailMessage()
    message["From"] = settings.smtp.sender
    message["To"] = item.to_address
    message["Subject"] = item.subject
    message["Date"] = format_datetime(item.created_at)
    domain = settings.smtp.sender.rpartition("@")[2] or "localhost"
    stamp = int(item.created_at.timestamp())
    message["Message-ID"] = f"<paperasse.notification.{item.id}.{stamp}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(item.body)
    return message


@contextmanager
def smtp_connection(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    """A connection to the configured server, secured and signed in as the settings say."""
    assert settings.host is not None
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if settings.security == "tls":
        smtp = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout_seconds, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_seconds)
    try:
        if settings.security == "starttls":
            smtp.starttls(context=context)
        if settings.user:
            smtp.login(settings.user, settings.password.get_secret_value())
        yield smtp
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _mark_sent(ctx: Context, item: Claimed) -> None:
    held = (Notification.id == item.id, Notification.attempts == item.attempt)
    with ctx.transaction() as session:
        session.execute(
            update(Notification)
            .where(*held)
            .values(status="sent", sent_at=utcnow(), lease_until=None, last_error=None)
        )


def _mark_failed(ctx: Context, item: Claimed, error: str, *, permanent: bool) -> None:
    final = permanent or item.attempt >= ctx.settings.smtp.max_attempts
    delay = dt.timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (item.attempt - 1))
    values: dict[str, object] = {"lease_until": None, "last_error": error[:1000]}
    if final:
        values["status"] = "failed"
        log.error("notification %d given up after %d attempt(s): %s", item.id, item.attempt, error)
    else:
        values["next_attempt_at"] = utcnow() + delay
        log.warning("notification %d: attempt %d failed (%s)", item.id, item.attempt, error)
    held = (Notification.id == item.id, Notification.attempts == item.attempt)
    with ctx.transaction() as session:
        session.execute(update(Notification).where(*held).values(**values))


def _permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def send_pending(ctx: Context, *, limit: int = BATCH) -> int:
    """Send the notifications that are due; the number the server accepted."""
    smtp = ctx.settings.smtp
    if not smtp.host:
        return 0
    claimed = claim(ctx, limit)
    if not claimed:
        return 0
    sent, handled = 0, set[int]()
    try:
        with smtp_connection(smtp) as server:
            for item in claimed:
                handled.add(item.id)
                try:
                    server.send_message(message_of(item, ctx.settings))
                except smtplib.SMTPServerDisconnected:
                    handled.discard(item.id)
                    raise
                except (smtplib.SMTPException, OSError) as e:
                    _mark_failed(ctx, item, f"{type(e).__name__}: {e}", permanent=_permanent(e))
                    continue
                _mark_sent(ctx, item)
                sent += 1
    except (smtplib.SMTPException, OSError) as e:
        log.warning("SMTP server %s:%d unreachable: %s", smtp.host, smtp.port, e)
        for item in claimed:
            if item.id not in handled:
                _mark_failed(ctx, item, f"{type(e).__name__}: {e}", permanent=False)
    log.info("notifications: %d of %d sent", sent, len(claimed))
    return sent
