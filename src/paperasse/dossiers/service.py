"""Citizens' dossiers: open one, put files in its slots, remove or replace them, see
what is missing; agents list them and overrule a finding. Every change is traced
in the audit trail. Submission and the agent's decisions are in ``lifecycle``.

A born-digital upload is processed in the caller's thread, so the answer to the
upload already says what the file was taken for and what the dossier still
lacks; a scan is left to the workers and reported as pending until they are done.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.auth import Identity
from paperasse.auth.roles import CITIZEN
from paperasse.checks import get_procedure, type_label
from paperasse.checks.evidence import state_of
from paperasse.checks.verdict import current_view, refresh
from paperasse.checks.views import DOSSIER_STATUSES, EDITABLE, DossierView, Override
from paperasse.context import Context
from paperasse.dossiers.access import (
    check_instructor,
    owned_dossier,
    service_of,
    visible_dossier,
    visible_dossiers_clause,
)
from paperasse.dossiers.inline import process_or_wait
from paperasse.dossiers.lifecycle import add_event, take_up_before
from paperasse.dossiers.persons import persons_from
from paperasse.dossiers.schemas import UploadResult
from paperasse.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from paperasse.ingest.deposit import Depositor, deposit
from paperasse.models.tables import Document, Dossier, Receipt, utcnow

log = logging.getLogger(__name__)

LIST_LIMIT = 200


def _strictness(ctx: Context) -> float:
    return ctx.settings.checks.min_ocr_confidence


def create_dossier(
    ctx: Context, identity: Identity, procedure_id: str, persons: Mapping[str, object]
) -> DossierView:
    """A citizen opens a dossier for themself; it starts as a draft listing every missing piece."""
    if identity.role != CITIZEN:
        raise PermissionDeniedError("Seul un citoyen peut ouvrir un dossier, pour lui-même.")
    procedure = get_procedure(procedure_id)
    people = persons_from(identity, persons)
    with ctx.transaction() as session:
        dossier = Dossier(
            procedure=procedure.id,
            status="brouillon",
            owner_id=identity.user_id,
            persons=people.model_dump(mode="json"),
            findings=[],
            overrides=[],
        )
        session.add(dossier)
        session.flush()
        add_event(session, dossier, identity, "statut", status="brouillon")
        details = {"procedure": procedure.id, "service": service_of(procedure.id)}
        record(session, identity.actor, "dossier.created", f"dossier:{dossier.id}", details)
        log.info("dossier %s opened for %s", dossier.id, procedure.id)
        return refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))


def _editable(session: Session, identity: Identity, dossier_id: str) -> Dossier:
    dossier = owned_dossier(session, identity, dossier_id)
    if dossier.status not in EDITABLE:
        raise ConflictError(
            "Ce dossier est entre les mains de la mairie : vous ne pouvez plus y ajouter, "
            "retirer ni remplacer de fichier, sauf si elle vous demande de le compléter."
        )
    return dossier


def _check_piece(dossier: Dossier, piece: str | None) -> str | None:
    if not piece:
        return None
    return get_procedure(dossier.procedure).piece(piece).id


def _receipts_in(session: Session, dossier: Dossier, document_id: str) -> list[Receipt]:
    stmt = (
        select(Receipt)
        .where(Receipt.dossier_id == dossier.id, Receipt.document_id == document_id)
        .order_by(Receipt.id)
    )
    return list(session.execute(stmt).scalars())


def _removable(session: Session, dossier: Dossier, document_id: str) -> list[Receipt]:
    """The receipts of a file the citizen may still take back: all of them in a draft;
    after a submission only those filed since, as the town hall keeps what it received."""
    receipts = _receipts_in(session, dossier, document_id)
    if not receipts:
        raise NotFoundError(
            f"Le fichier {document_id} n'est pas dans ce dossier.",
            details={"document": document_id},
        )
    since = dossier.last_submitted_at
    kept = [r for r in receipts if since is None or r.received_at > since]
    if not kept:
        raise ConflictError(
            "Ce fichier a déjà été remis à la mairie avec votre dossier : il ne peut plus être "
            "retiré. Ajoutez plutôt le bon document."
        )
    return kept


def _detach(
    session: Session, identity: Identity, dossier: Dossier, receipts: list[Receipt], action: str
) -> None:
    """Take the file's receipts out of the dossier; the original stays as records rules say."""
    receipt = receipts[-1]
    receipt.dossier_id = None
    # No file name in the trail: it may hold a name, and the chain is never edited.
    details = {"document": receipt.document_id, "receipt": receipt.id}
    record(session, identity.actor, action, f"dossier:{dossier.id}", details)
    record(
        session,
        identity.actor,
        "document.left_dossier",
        f"document:{receipt.document_id}",
        {"dossier": dossier.id, "receipt": receipt.id, "reason": action},
    )


def add_document(
    ctx: Context,
    identity: Identity,
    dossier_id: str,
    data: bytes,
    filename: str,
    *,
    piece: str | None = None,
    replaces: str | None = None,
) -> UploadResult:
    """File a document in a dossier the citizen may still change, into a slot if given,
    in place of another file if ``replaces`` names one; process it now if it needs no OCR.

    The replaced file leaves the dossier only once the new one was accepted.
    """
    with ctx.transaction() as session:
        dossier = _editable(session, identity, dossier_id)
        piece = _check_piece(dossier, piece)
        if replaces:
            _removable(session, dossier, replaces)
        service = service_of(dossier.procedure)
    depositor = Depositor("dossier", identity.actor, identity)
    intake = deposit(ctx, data, filename, depositor, service=service, dossier_id=dossier_id)
    processed = process_or_wait(ctx, intake.document_id)
    log.info(
        "dossier %s: document %s filed (%s)",
        dossier_id,
        intake.document_id,
        "processed at once" if processed else "left to the workers",
    )
    with ctx.transaction() as session:
        dossier = visible_dossier(session, identity, dossier_id, lock=True)
        doc = session.get(Document, intake.document_id)
        if doc is None:  # pragma: no cover - intake committed it above
            raise NotFoundError(f"Le document {intake.document_id} est introuvable.")
        if piece:
            _receipts_in(session, dossier, doc.id)[-1].piece = piece
        if replaces and replaces != doc.id and dossier.status in EDITABLE:
            _detach(
                session,
                identity,
                dossier,
                _removable(session, dossier, replaces),
                "dossier.document_replaced",
            )
        # No file name in the trail: it may hold a name, and the chain is never edited.
        details = {
            "document": doc.id,
            "created": intake.created,
            "piece": piece,
            "replaces": replaces,
        }
        record(session, identity.actor, "dossier.document_added", f"dossier:{dossier_id}", details)
        view = refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))
        state = state_of(doc.status)
        judged = state in ("processed", "needs_review")
        return UploadResult(
            document_id=doc.id,
            created=intake.created,
            status=state,
            doc_type=doc.doc_type if judged else None,
            doc_type_label=type_label(doc.doc_type) if judged and doc.doc_type else None,
            doc_type_confidence=doc.doc_type_confidence if judged else None,
            dossier=view,
        )


def remove_document(
    ctx: Context, identity: Identity, dossier_id: str, document_id: str
) -> DossierView:
    """The citizen takes one copy of a file back out of their dossier (audit-logged)."""
    with ctx.transaction() as session:
        dossier = _editable(session, identity, dossier_id)
        receipts = _removable(session, dossier, document_id)
        _detach(session, identity, dossier, receipts, "dossier.document_removed")
        session.flush()
        log.info("dossier %s: document %s removed", dossier.id, document_id)
        return refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))


def dossier_checks(ctx: Context, identity: Identity, dossier_id: str) -> DossierView:
    """The dossier's verdict as last checked (pending documents listed)."""
    with ctx.transaction() as session:
        dossier = visible_dossier(session, identity, dossier_id, lock=True)
        return current_view(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))


def list_dossiers(
    ctx: Context,
    identity: Identity,
    procedure: str | None = None,
    status: str | None = None,
    *,
    limit: int = LIST_LIMIT,
    by_due_date: bool = False,
) -> list[DossierView]:
    """The dossiers the caller may see, each with its stored verdict.

    Newest first; ``by_due_date`` puts those the town hall must act on first
    (déposé, en instruction), each group by the day silence becomes a decision.
    """
    if procedure is not None:
        get_procedure(procedure)
    if status is not None and status not in DOSSIER_STATUSES:
        raise InputError(
            f"Statut inconnu : « {status} ». Valeurs possibles : {', '.join(DOSSIER_STATUSES)}."
        )
    stmt = select(Dossier).where(visible_dossiers_clause(identity))
    if procedure is not None:
        stmt = stmt.where(Dossier.procedure == procedure)
    if status is not None:
        stmt = stmt.where(Dossier.status == status)
    if by_due_date:
        rank = case(
            (Dossier.status.in_(("depose", "en_instruction")), 0),
            (Dossier.status == "a_completer", 1),
            (Dossier.status.in_(("accepte", "refuse")), 2),
            else_=3,
        )
        stmt = stmt.order_by(rank, Dossier.due_on.is_(None), Dossier.due_on, Dossier.id)
    else:
        stmt = stmt.order_by(Dossier.created_at.desc(), Dossier.id)
    stmt = stmt.limit(max(1, min(limit, 1000)))
    with ctx.transaction() as session:
        return [
            current_view(session, d, identity.actor, min_ocr_confidence=_strictness(ctx))
            for d in session.execute(stmt).scalars()
        ]


def override_finding(
    ctx: Context,
    identity: Identity,
    dossier_id: str,
    code: str,
    piece: str | None,
    document: str | None,
    reason: str,
    *,
    person: str | None = None,
) -> DossierView:
    """An agent overrules a finding: it stays visible with the reason but no longer blocks."""
    if not reason.strip():
        raise InputError("Donnez la raison pour laquelle ce constat ne s'applique pas.")
    with ctx.transaction() as session:
        dossier = visible_dossier(session, identity, dossier_id, lock=True)
        check_instructor(identity, dossier)
        view = refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))
        target = Override(
            code=code,
            piece=piece,
            document=document,
            person=person,
            reason=reason.strip(),
            by=identity.actor,
            at=utcnow(),
        )
        found = next((f for f in view.findings if target.matches(f)), None)
        if found is None:
            raise NotFoundError(
                f"Aucun constat « {code} » sur ce dossier pour la pièce « {piece or '-'} » "
                f"et le document « {document or '-'} » : rechargez le dossier.",
                details={"code": code, "piece": piece, "document": document},
            )
        take_up_before(session, ctx, identity, dossier)
        kept = [o for o in dossier.overrides or [] if not _same_target(o, target)]
        dossier.overrides = [*kept, target.model_dump(mode="json")]
        add_event(
            session, dossier, identity, "constat_leve", text=f"{found.hint} — {target.reason}"
        )
        details = target.model_dump(mode="json", exclude={"at", "by"})
        record(
            session, identity.actor, "dossier.finding_overridden", f"dossier:{dossier_id}", details
        )
        log.info("dossier %s: finding %s overridden", dossier_id, code)
        return refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))


def _same_target(stored: object, target: Override) -> bool:
    if not isinstance(stored, dict):
        return False
    keys = ("code", "piece", "document", "person")
    return all(stored.get(k) == getattr(target, k) for k in keys)
