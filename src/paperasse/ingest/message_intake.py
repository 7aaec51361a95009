"""Intake of one e-mail: the message and its attachments are recorded together, or not at all.

Each attachment goes through the same checks as a file at any other door; one that
is refused is set aside with its French reason and the rest of the message is still
taken. The message's document, its attachments' documents (each pointing to the
message through ``parent_id``) and the caller's own record of the message (the
mailbox's UIDVALIDITY and UID) are written in one transaction, so that a crash
leaves the message either wholly taken or not taken at all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy.exc import IntegrityError as DbIntegrityError
from sqlalchemy.orm import Session

from paperasse import originals
from paperasse.audit.chain import record as audit
from paperasse.context import Context
from paperasse.errors import InputError
from paperasse.ingest.intake import IntakeResult, Kept, Origin, keep_checked, record_kept

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    """An attachment that was not taken, and why (in French, for the mailroom)."""

    filename: str
    reason: str
    code: str


@dataclass(frozen=True)
class MessageIntake:
    message: IntakeResult
    attachments: tuple[IntakeResult, ...]
    refused: tuple[Refusal, ...]


def check_attachments(
    ctx: Context, files: Sequence[tuple[bytes, str]]
) -> tuple[list[Kept], list[Refusal]]:
    """Judge each attachment as any door would; keep the originals of those accepted."""
    kept: list[Kept] = []
    refused: list[Refusal] = []
    for data, filename in files:
        try:
            kept.append(keep_checked(ctx, data, filename))
        except InputError as e:
            refused.append(Refusal(filename, e.message, e.code))
    return kept, refused


def receive_message(
    ctx: Context,
    letter: Kept,
    attachments: Sequence[Kept],
    refused: Sequence[Refusal],
    origin: Origin,
    *,
    taken: Callable[[Session], bool],
    record: Callable[[Session, MessageIntake], None],
) -> MessageIntake | None:
    """Record a message and its attachments with ``record``, in one transaction.

    ``taken`` is asked first, inside the transaction: when it answers True (another
    reader took the message meanwhile) nothing is written and None is returned.
    """
    for attempt in (1, 2, 3):
        try:
            return _record(ctx, letter, attachments, refused, origin, taken, record)
        except DbIntegrityError:
            if attempt == 3:
                raise
            log.info("message %s was recorded concurrently; trying again", letter.sha256)
        except originals.OriginalShreddedError:
            if attempt == 3:
                raise
            log.info("an original of message %s was erased meanwhile; sealing again", letter.sha256)
            for kept in (letter, *attachments):
                originals.keep(ctx, kept.data)
    raise AssertionError("unreachable")


def _record(
    ctx: Context,
    letter: Kept,
    attachments: Sequence[Kept],
    refused: Sequence[Refusal],
    origin: Origin,
    taken: Callable[[Session], bool],
    record: Callable[[Session, MessageIntake], None],
) -> MessageIntake | None:
    with ctx.transaction() as session:
        if taken(session):
            return None
        message = record_kept(session, letter, origin)
        part_origin = replace(origin, parent_id=message.document_id)
        parts = tuple(record_kept(session, kept, part_origin) for kept in attachments)
        intake = MessageIntake(message, parts, tuple(refused))
        # No file names in the chain, which can never be edited: the codes say enough.
        details = {
            "attachments": [part.document_id for part in parts],
            "refused": [refusal.code for refusal in refused],
        }
        audit(session, origin.actor, "mail.received", f"document:{message.document_id}", details)
        record(session, intake)
        return intake
