"""A dossier's life after the citizen submits it: statuses, the agent's decisions,
messages between agent and citizen, and the dated timeline both of them read.

brouillon -> depose (citizen) -> en_instruction (agent) -> a_completer (agent,
with a message) -> depose (citizen, after adding files) ... -> accepte (agent)
or refuse (agent, with a reason). The town hall takes a dossier in hand
(en_instruction) at its first decision on it, if no agent did so before.

Each change is one transaction holding the dossier's row: the status, its
timeline entry, its audit event, its stored verdict (refreshed, so that it
carries the new status) and the e-mail to the citizen commit together or not
at all.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.auth import Identity
from paperasse.checks import add_months, get_procedure
from paperasse.checks.catalogue import Procedure
from paperasse.checks.verdict import local_date, refresh, summary
from paperasse.checks.views import (
    DECIDED,
    EDITABLE,
    WITH_TOWN_HALL,
    DossierStatus,
    DossierView,
)
from paperasse.context import Context
from paperasse.dossiers.access import check_instructor, owned_dossier, visible_dossier
from paperasse.dossiers.acknowledgements import issue_for_dossier
from paperasse.errors import ConflictError, InputError, PermissionDeniedError
from paperasse.models.dossier_tables import Counter, DossierEvent
from paperasse.models.tables import Dossier, utcnow
from paperasse.notify import notify_owner
from paperasse.notify.messages import NotificationKind

log = logging.getLogger(__name__)

MAX_TEXT = 5000


def silence_due(procedure: Procedure, received: dt.date) -> dt.date:
    """The day the administration's silence on a request received on ``received`` is a decision."""
    silence = procedure.silence
    if silence.months is not None:
        return add_months(received, silence.months)
    return received + dt.timedelta(days=silence.days or 0)


def next_number(session: Session, year: int) -> str:
    """The next dossier number of the year, ``2027-00042``, under the counter's row lock."""
    name = f"dossier:{year}"
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(Counter).values(name=name, value=0).on_conflict_do_nothing())
    counter = session.execute(
        select(Counter).where(Counter.name == name).with_for_update()
    ).scalar_one()
    counter.value += 1
    return f"{year}-{counter.value:05d}"


def _text(text: str, what: str, *, required: bool) -> str | None:
    text = text.strip()
    if required and len(text) < 3:
        raise InputError(f"Écrivez {what}.")
    if len(text) > MAX_TEXT:
        raise InputError(f"Le texte dépasse {MAX_TEXT} caractères : raccourcissez-le.")
    return text or None


def _strictness(ctx: Context) -> float:
    return ctx.settings.checks.min_ocr_confidence


def add_event(
    session: Session,
    dossier: Dossier,
    identity: Identity,
    kind: str,
    *,
    status: str | None = None,
    text: str | None = None,
) -> DossierEvent:
    """Write one dated step of the dossier's timeline."""
    event = DossierEvent(
        dossier_id=dossier.id,
        kind=kind,
        status=status,
        actor=identity.actor,
        by_town_hall=dossier.owner_id != identity.user_id,
        text=text,
    )
    session.add(event)
    return event


def _change(
    session: Session,
    ctx: Context,
    identity: Identity,
    dossier: Dossier,
    status: DossierStatus,
    action: str,
    text: str | None = None,
    *,
    notify: bool = True,
    more: dict[str, object] | None = None,
) -> DossierView:
    """Set the status with its timeline entry, audit event, stored verdict and e-mail."""
    before = dossier.status
    dossier.status = status
    add_event(session, dossier, identity, "statut", status=status, text=text)
    view = refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))
    details = {
        "from": before,
        "to": status,
        "text": text,
        "complete": view.complete,
        **(more or {}),
    }
    record(session, identity.actor, action, f"dossier:{dossier.id}", details)
    if notify and status != "brouillon":
        kind: NotificationKind = status
        notify_owner(session, ctx.settings, dossier, kind)
    log.info("dossier %s: %s -> %s", dossier.id, before, status)
    return view


def take_up_before(session: Session, ctx: Context, identity: Identity, dossier: Dossier) -> None:
    """The town hall takes a just-submitted dossier in hand before deciding on it.

    The citizen hears of the decision that follows, not of this step as well.
    """
    if dossier.status == "depose":
        _change(
            session,
            ctx,
            identity,
            dossier,
            "en_instruction",
            "dossier.instruction_started",
            notify=False,
        )


def _instructed(session: Session, identity: Identity, dossier_id: str) -> Dossier:
    dossier = visible_dossier(session, identity, dossier_id, lock=True)
    check_instructor(identity, dossier)
    return dossier


def submit_dossier(ctx: Context, identity: Identity, dossier_id: str) -> DossierView:
    """Hand the dossier to the town hall, complete or not; it gets its number and its
    acknowledgement of receipt. After a complement the silence delay starts again."""
    with ctx.transaction() as session:
        dossier = owned_dossier(session, identity, dossier_id)
        if dossier.status not in EDITABLE:
            raise ConflictError(
                "Ce dossier est déjà entre les mains de la mairie : vous pourrez le compléter "
                "si elle vous le demande."
            )
        now = utcnow()
        procedure = get_procedure(dossier.procedure)
        again = dossier.submitted_at is not None
        dossier.number = dossier.number or next_number(session, local_date(now).year)
        dossier.submitted_at = dossier.submitted_at or now
        dossier.last_submitted_at = now
        dossier.due_on = silence_due(procedure, local_date(now))
        action = "dossier.resubmitted" if again else "dossier.submitted"
        before = refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))
        more = {
            "procedure": dossier.procedure,
            "number": dossier.number,
            "final": before.final,
            "pending": before.pending,
            "findings": summary(before.findings),
        }
        view = _change(session, ctx, identity, dossier, "depose", action, more=more)
        ack = issue_for_dossier(session, ctx, dossier, view)
        details = {
            "number": dossier.number,
            "due_on": dossier.due_on.isoformat(),
            "acknowledgement": ack.id,
            "sha256": ack.sha256,
        }
        record(session, identity.actor, "dossier.acknowledged", f"dossier:{dossier.id}", details)
        return view


def take_up(ctx: Context, identity: Identity, dossier_id: str) -> DossierView:
    """An agent starts examining a submitted dossier."""
    with ctx.transaction() as session:
        dossier = _instructed(session, identity, dossier_id)
        if dossier.status != "depose":
            raise ConflictError("Seul un dossier déposé peut être pris en charge.")
        return _change(
            session, ctx, identity, dossier, "en_instruction", "dossier.instruction_started"
        )


def ask_complement(ctx: Context, identity: Identity, dossier_id: str, message: str) -> DossierView:
    """An agent asks the citizen for a missing or better piece, with a message."""
    text = _text(message, "ce que le demandeur doit ajouter ou refaire", required=True)
    with ctx.transaction() as session:
        dossier = _instructed(session, identity, dossier_id)
        if dossier.status not in WITH_TOWN_HALL:
            raise ConflictError("Un complément ne se demande que sur un dossier déposé.")
        take_up_before(session, ctx, identity, dossier)
        return _change(
            session, ctx, identity, dossier, "a_completer", "dossier.complement_requested", text
        )


def decide(
    ctx: Context, identity: Identity, dossier_id: str, decision: str, reason: str = ""
) -> DossierView:
    """An agent accepts (message optional) or refuses (reason required) the request."""
    if decision not in DECIDED:
        raise InputError(f"Décision inconnue : « {decision} » (accepte ou refuse).")
    refused = decision == "refuse"
    text = _text(reason, "le motif du refus", required=refused)
    with ctx.transaction() as session:
        dossier = _instructed(session, identity, dossier_id)
        if dossier.status not in (*WITH_TOWN_HALL, "a_completer"):
            raise ConflictError("Ce dossier n'est pas en attente d'une décision.")
        take_up_before(session, ctx, identity, dossier)
        status: DossierStatus = "refuse" if refused else "accepte"
        action = "dossier.refused" if refused else "dossier.accepted"
        # The decision closes the dossier: its retention period runs from now.
        dossier.closed_at = dossier.closed_at or utcnow()
        return _change(session, ctx, identity, dossier, status, action, text)


def write_message(ctx: Context, identity: Identity, dossier_id: str, message: str) -> None:
    """A message on a submitted dossier, from its citizen or from the instructing service."""
    text = _text(message, "votre message", required=True)
    with ctx.transaction() as session:
        dossier = visible_dossier(session, identity, dossier_id, lock=True)
        if dossier.owner_id != identity.user_id:
            check_instructor(identity, dossier)
        elif dossier.status == "brouillon":
            raise PermissionDeniedError(
                "Déposez d'abord votre dossier : vous pourrez ensuite écrire à la mairie."
            )
        if dossier.status == "brouillon":
            raise ConflictError("Ce dossier n'a pas encore été déposé par le demandeur.")
        event = add_event(session, dossier, identity, "message", text=text)
        details = {"by_town_hall": event.by_town_hall, "length": len(text or "")}
        record(session, identity.actor, "dossier.message", f"dossier:{dossier.id}", details)
        if event.by_town_hall:
            notify_owner(session, ctx.settings, dossier, "message")
