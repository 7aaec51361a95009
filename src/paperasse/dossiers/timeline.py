"""What happened to a dossier, dated: for its citizen, and for the town hall's agents."""

from __future__ import annotations

from sqlalchemy import select

from paperasse.audit.chain import history
from paperasse.auth import Identity
from paperasse.auth.roles import ARCHIVIST
from paperasse.context import Context
from paperasse.dossiers.access import check_instructor, visible_dossier
from paperasse.dossiers.schemas import TimelineEntry
from paperasse.models.dossier_tables import DossierEvent
from paperasse.models.tables import AuditEvent

STEP_LABELS = {
    "brouillon": "Dossier ouvert",
    "depose": "Dossier déposé à la mairie",
    "en_instruction": "Examen commencé par la mairie",
    "a_completer": "Complément demandé par la mairie",
    "accepte": "Demande acceptée",
    "refuse": "Demande refusée",
}


def _label(event: DossierEvent, seen_deposit: bool, for_citizen: bool) -> str:
    if event.kind == "statut":
        if event.status == "depose" and seen_deposit:
            return "Dossier complété et déposé de nouveau"
        return STEP_LABELS.get(event.status or "", event.status or "")
    if event.kind == "constat_leve":
        return "Remarque levée par la mairie"
    if event.by_town_hall:
        return "Message de la mairie"
    return "Votre message" if for_citizen else "Message du demandeur"


def timeline(ctx: Context, identity: Identity, dossier_id: str) -> list[TimelineEntry]:
    """The dossier's steps and messages, oldest first (agents also see who acted)."""
    with ctx.sessions() as session:
        dossier = visible_dossier(session, identity, dossier_id)
        for_citizen = dossier.owner_id == identity.user_id
        rows = session.execute(
            select(DossierEvent)
            .where(DossierEvent.dossier_id == dossier.id)
            .order_by(DossierEvent.at, DossierEvent.id)
        ).scalars()
        entries, deposited = [], False
        for event in rows:
            entries.append(
                TimelineEntry(
                    at=event.at,
                    kind=event.kind,
                    status=event.status,
                    label=_label(event, deposited, for_citizen),
                    text=event.text,
                    by_town_hall=event.by_town_hall,
                    actor=None if for_citizen else event.actor,
                )
            )
            deposited = deposited or (event.kind == "statut" and event.status == "depose")
        return entries


def audit_history(ctx: Context, identity: Identity, dossier_id: str) -> list[AuditEvent]:
    """The dossier's audit trail, newest first, for its agents and the archivists."""
    with ctx.sessions() as session:
        dossier = visible_dossier(session, identity, dossier_id)
        if identity.role != ARCHIVIST:
            check_instructor(identity, dossier)
        events = list(reversed(history(session, f"dossier:{dossier.id}")))
        session.expunge_all()
        return events
