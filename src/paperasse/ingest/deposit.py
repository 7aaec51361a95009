"""The one intake service: every door deposits files through it.

The API, the mailroom page, the command line, the hot folder, the mailbox and
citizens' dossiers all call :func:`deposit` (or :func:`deposit_batch`), so that a
file is judged, attributed and recorded the same way whichever door it came in by:
the service it is filed for must be one of the town hall's and one the depositor
may file for, and the receipt says who brought it and from where.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from sqlalchemy.orm import Session

from paperasse.auth.identity import Identity
from paperasse.auth.roles import ADMIN, AGENT, CITIZEN, MAILROOM
from paperasse.context import Context
from paperasse.errors import FileTooLargeError, InvalidChoiceError, PermissionDeniedError
from paperasse.ingest.batch import receive_batch
from paperasse.ingest.intake import IntakeResult, Kept, Origin, check_size, receive
from paperasse.ingest.message_intake import MessageIntake, Refusal, receive_message
from paperasse.ingest.split import SplitMode
from paperasse.models.domain import SERVICES

Door = Literal["api", "page", "cli", "hotfolder", "mailbox", "dossier"]
UNATTENDED: frozenset[Door] = frozenset({"cli", "hotfolder", "mailbox"})
SHOWN_CHARS = 40


@dataclass(frozen=True)
class Depositor:
    """Who hands a file in, and through which door.

    ``identity`` is the signed-in person at the API, the pages and the dossiers;
    unattended doors (command line, hot folder, mailbox) have none and act as the
    mailroom under ``actor``.
    """

    door: Door
    actor: str
    identity: Identity | None = None


def check_service(service: str | None) -> str | None:
    """The service a file is filed for: None or one of the town hall's, else a 422."""
    if service is None or service == "":
        return None
    if service not in SERVICES:
        shown = service if len(service) <= SHOWN_CHARS else service[:SHOWN_CHARS] + "…"
        raise InvalidChoiceError(
            f"Service inconnu : « {shown} ». Services possibles : {', '.join(SERVICES)}.",
            details={"services": list(SERVICES)},
        )
    return service


def services_for(identity: Identity) -> tuple[str, ...]:
    """The services someone may file mail for: an agent only their own."""
    return tuple(identity.services) if identity.role == AGENT else SERVICES


def origin_for(
    depositor: Depositor, service: str | None = None, *, dossier_id: str | None = None
) -> Origin:
    """The receipt's facts for a deposit; refuses a service the depositor may not file for."""
    service = check_service(service)
    identity = depositor.identity
    if depositor.door == "dossier":
        user_id = identity.user_id if identity else None
        return Origin("upload", depositor.actor, service, user_id, dossier_id=dossier_id)
    if depositor.door in UNATTENDED or identity is None:
        return Origin("mailroom", depositor.actor, service)
    if identity.role not in (MAILROOM, AGENT, ADMIN):
        raise PermissionDeniedError("Votre rôle ne permet pas de déposer du courrier.")
    if service and service not in services_for(identity):
        raise PermissionDeniedError(f"Vous ne pouvez pas déposer pour le service « {service} ».")
    source = "mailroom" if identity.role == MAILROOM else "api"
    return Origin(source, depositor.actor, service, identity.user_id)


def deposit(
    ctx: Context,
    data: bytes,
    filename: str,
    depositor: Depositor,
    *,
    service: str | None = None,
    dossier_id: str | None = None,
) -> IntakeResult:
    """Judge, store and record one file; InputError (nothing changed) when it is refused."""
    if depositor.door == "dossier" and (
        depositor.identity is None or depositor.identity.role != CITIZEN
    ):
        raise PermissionDeniedError("Seul un citoyen dépose des pièces dans son dossier.")
    return receive(ctx, data, filename, origin_for(depositor, service, dossier_id=dossier_id))


def deposit_batch(
    ctx: Context,
    data: bytes,
    filename: str,
    depositor: Depositor,
    *,
    service: str | None = None,
    split: SplitMode,
) -> list[IntakeResult]:
    """Like :func:`deposit`, cutting a batch scan into documents at separator pages."""
    return receive_batch(ctx, data, filename, origin_for(depositor, service), mode=split)


@dataclass(frozen=True)
class Sender:
    """Who wrote an e-mail and what about, as its documents show it."""

    name: str | None
    address: str | None
    subject: str | None


def deposit_message(
    ctx: Context,
    letter: Kept,
    attachments: Sequence[Kept],
    refused: Sequence[Refusal],
    depositor: Depositor,
    sender: Sender,
    *,
    taken: Callable[[Session], bool],
    record: Callable[[Session, MessageIntake], None],
) -> MessageIntake | None:
    """Record an e-mail (its rendering and its accepted attachments) in one transaction.

    The attachments were judged by :func:`~paperasse.ingest.message_intake.check_attachments`;
    ``taken`` and ``record`` are the mailbox's own ledger, asked and written in the
    same transaction (see :func:`~paperasse.ingest.message_intake.receive_message`).
    """
    origin = replace(
        origin_for(depositor),
        sender_name=sender.name,
        sender_address=sender.address,
        subject=sender.subject,
    )
    return receive_message(ctx, letter, attachments, refused, origin, taken=taken, record=record)


class Upload(Protocol):
    """A file received over HTTP (FastAPI's ``UploadFile`` is one)."""

    filename: str | None

    def read(self, size: int = -1) -> Awaitable[bytes]: ...


async def read_upload(upload: Upload, limit: int) -> tuple[bytes, str]:
    """The uploaded bytes, refused past ``limit`` without reading further."""
    data = await upload.read(limit + 1)
    filename = upload.filename or ""
    if len(data) > limit:
        raise FileTooLargeError(
            f"Le fichier « {filename} » dépasse la limite de {limit // 1_048_576} Mo.",
            details={"filename": filename, "limit": limit},
        )
    check_size(data, filename, limit)
    return data, filename
