"""Acknowledgements of receipt: issued for every submitted dossier, and for every
mailroom letter whose sender is known (an agent enters it, or the mailbox door
brought it with the e-mail). Each one is kept as issued, its PDF in the blob store.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse import originals
from paperasse.audit.chain import record
from paperasse.auth import Identity
from paperasse.auth.roles import ADMIN, AGENT, ARCHIVIST, MAILROOM
from paperasse.auth.visibility import can_see_document
from paperasse.checks import get_procedure
from paperasse.checks.verdict import local_date
from paperasse.checks.views import DossierView
from paperasse.context import Context
from paperasse.dossiers.access import service_of, visible_dossier
from paperasse.dossiers.acknowledgement_pdf import AckFacts, Contact, acknowledgement_pdf
from paperasse.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from paperasse.models.dossier_tables import Acknowledgement
from paperasse.models.lookup import document_not_found, get_document
from paperasse.models.tables import Document, Dossier, utcnow
from paperasse.settings import Settings

log = logging.getLogger(__name__)

MAIL_ROLES = (MAILROOM, AGENT, ARCHIVIST, ADMIN)
SERVICE_NAMES = {
    "etat_civil": "Service de l'état civil",
    "urbanisme": "Service de l'urbanisme",
    "education": "Service de l'éducation",
    "social": "Centre communal d'action sociale",
    "elections": "Service des élections",
    "finances": "Service des finances",
    "technique": "Services techniques",
    "cabinet": "Cabinet du maire",
}
MAIL_NOTE = (
    "Si votre courrier demande une décision, le silence gardé par la mairie pendant deux mois "
    "à compter de sa réception vaut en principe acceptation (article L231-1), sauf dans les "
    "cas où il vaut rejet (article L231-4). Un rejet implicite peut être contesté devant le "
    "tribunal administratif dans les deux mois qui suivent la date à laquelle il est né (code "
    "de justice administrative, article R421-2)."
)


def contact_for(settings: Settings, service: str | None) -> Contact:
    """The service in charge, with the town hall's address, phone and e-mail as fallback."""
    town = settings.town
    given = town.service_contacts.get(service or "")
    name = (given.name if given else "") or SERVICE_NAMES.get(service or "", town.name)
    return Contact(
        name=name,
        address=(given.address if given else "") or town.address,
        phone=(given.phone if given else "") or town.phone,
        email=(given.email if given else "") or town.email,
    )


def missing_of(view: DossierView) -> list[str]:
    """The required slots still empty or to redo, in plain French."""
    out = []
    for slot in view.slots:
        if slot.required and slot.state in ("manquante", "a_refaire"):
            who = f" ({slot.person})" if slot.person else ""
            redo = " : à refaire" if slot.state == "a_refaire" else ""
            out.append(f"{slot.label}{who}{redo}")
    return out


def issue_for_dossier(
    session: Session, ctx: Context, dossier: Dossier, view: DossierView
) -> Acknowledgement:
    """Write the acknowledgement of a (re)submission, in the submission's transaction."""
    procedure = get_procedure(dossier.procedure)
    issued_at = dossier.last_submitted_at or utcnow()
    facts = AckFacts(
        town=ctx.settings.town.name,
        contact=contact_for(ctx.settings, service_of(dossier.procedure)),
        issued_at=issued_at,
        received_on=local_date(issued_at),
        first_received_on=local_date(dossier.submitted_at) if dossier.submitted_at else None,
        reference=f"Dossier n° {dossier.number}",
        subject=procedure.title,
        addressee=view.persons.applicant.full_name,
        due_on=dossier.due_on,
        decision=procedure.silence.decision,
        source=procedure.silence.source,
        appeal=procedure.silence.appeal or "",
        missing=missing_of(view),
    )
    return _store(session, ctx, facts, dossier_id=dossier.id)


def _store(
    session: Session,
    ctx: Context,
    facts: AckFacts,
    *,
    dossier_id: str | None = None,
    document_id: str | None = None,
) -> Acknowledgement:
    sha256 = originals.keep_in(ctx, session, acknowledgement_pdf(facts))
    row = Acknowledgement(
        dossier_id=dossier_id,
        document_id=document_id,
        issued_at=facts.issued_at,
        received_on=facts.received_on,
        due_on=facts.due_on,
        sha256=sha256,
    )
    session.add(row)
    session.flush()
    log.info("acknowledgement %d issued (dossier %s, document %s)", row.id, dossier_id, document_id)
    return row


def dossier_acknowledgement(ctx: Context, identity: Identity, dossier_id: str) -> tuple[str, bytes]:
    """The latest acknowledgement of a dossier the caller may see: file name and PDF."""
    with ctx.sessions() as session:
        dossier = visible_dossier(session, identity, dossier_id)
        row = session.execute(
            select(Acknowledgement)
            .where(Acknowledgement.dossier_id == dossier.id)
            .order_by(Acknowledgement.id.desc())
            .limit(1)
        ).scalar()
        if row is None:
            raise NotFoundError("Ce dossier n'a pas encore été déposé : pas d'accusé de réception.")
        name = f"accuse-reception-{dossier.number or dossier.id}.pdf"
        return name, originals.read(ctx, row.sha256, session)


def mail_facts(settings: Settings, doc: Document) -> AckFacts:
    """What the acknowledgement of a letter says: its sender, subject, dates and service."""
    return AckFacts(
        town=settings.town.name,
        contact=contact_for(settings, doc.service),
        issued_at=utcnow(),
        received_on=local_date(doc.received_at),
        reference=f"Courrier reçu le {local_date(doc.received_at).strftime('%d/%m/%Y')}",
        subject=doc.subject or "",
        addressee=", ".join(p for p in (doc.sender_name, doc.sender_address) if p),
        due_on=doc.due_date,
        general_note=MAIL_NOTE,
        source="Code des relations entre le public et l'administration, articles L112-3, "
        "L231-1 et L231-4",
    )


def _staff_document(session: Session, identity: Identity, document_id: str) -> Document:
    if identity.role not in MAIL_ROLES or not can_see_document(session, identity, document_id):
        raise document_not_found(document_id)
    return get_document(session, document_id)


def mail_acknowledgement(ctx: Context, identity: Identity, document_id: str) -> tuple[str, bytes]:
    """The acknowledgement of a letter whose sender is known, issued on first request."""
    with ctx.transaction() as session:
        doc = _staff_document(session, identity, document_id)
        if not doc.sender_name:
            raise ConflictError(
                "L'expéditeur de ce courrier n'est pas connu : indiquez-le d'abord, "
                "l'accusé de réception lui est adressé."
            )
        row = session.execute(
            select(Acknowledgement)
            .where(Acknowledgement.document_id == doc.id)
            .order_by(Acknowledgement.id.desc())
            .limit(1)
        ).scalar()
        if row is None:
            row = _store(session, ctx, mail_facts(ctx.settings, doc), document_id=doc.id)
        return f"accuse-reception-courrier-{doc.id[:8]}.pdf", originals.read(
            ctx, row.sha256, session
        )


def record_sender(
    ctx: Context,
    identity: Identity,
    document_id: str,
    *,
    name: str,
    address: str,
    subject: str,
) -> None:
    """An agent enters a letter's sender and subject; its acknowledgement is issued anew."""
    if identity.role not in (MAILROOM, AGENT, ADMIN):
        raise PermissionDeniedError("Votre rôle ne permet pas de modifier ce courrier.")
    name, address, subject = name.strip(), address.strip(), subject.strip()
    if len(name) > 255 or len(subject) > 255 or len(address) > 1000:
        raise InputError("Expéditeur, adresse ou objet trop long.")
    with ctx.transaction() as session:
        doc = _staff_document(session, identity, document_id)
        before = {"sender": bool(doc.sender_name), "subject": bool(doc.subject)}
        doc.sender_name, doc.sender_address = name or None, address or None
        doc.subject = subject or None
        # Whether they are known, not what they are: the chain is never edited (RGPD).
        details = {"before": before, "after": {"sender": bool(name), "subject": bool(subject)}}
        record(session, identity.actor, "document.sender_recorded", f"document:{doc.id}", details)
        if doc.sender_name:
            _store(session, ctx, mail_facts(ctx.settings, doc), document_id=doc.id)
