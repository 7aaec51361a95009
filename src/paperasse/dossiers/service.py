"""Citizens' dossiers: open one, add documents, see what is missing, submit; agents
list them and overrule a finding. Every change is traced in the audit trail.

A born-digital upload is processed in the caller's thread, so the answer to the
upload already says what the file was taken for and what the dossier still
lacks; a scan is left to the workers and reported as pending until they are done.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from pydantic import ValidationError
from sqlalchemy import select

from paperasse.audit.chain import record
from paperasse.auth import Identity
from paperasse.auth.roles import CITIZEN
from paperasse.checks import Persons, get_procedure, type_label
from paperasse.checks.evidence import state_of
from paperasse.checks.verdict import current_view, refresh, summary
from paperasse.checks.views import DossierView, Override
from paperasse.context import Context
from paperasse.dossiers.access import (
    check_instructor,
    owned_dossier,
    service_of,
    visible_dossier,
    visible_dossiers_clause,
)
from paperasse.dossiers.inline import process_or_wait
from paperasse.dossiers.schemas import UploadResult
from paperasse.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from paperasse.ingest.deposit import Depositor, deposit
from paperasse.models.tables import Document, Dossier, utcnow

log = logging.getLogger(__name__)

LIST_LIMIT = 200
_PERSON_GROUPS = ("partners", "household_adults", "children")


def persons_from(identity: Identity, given: Mapping[str, object]) -> Persons:
    """The dossier's people; the applicant defaults to the citizen's own name.

    Names may be given as plain strings or as ``{"full_name", "born_abroad"}``.
    """
    data: dict[str, object] = {k: v for k, v in given.items() if v is not None}
    unknown = sorted(set(data) - {"applicant", *_PERSON_GROUPS})
    if unknown:
        raise InputError(
            f"Personnes : champ inconnu {', '.join(unknown)}. Champs possibles : "
            "applicant, partners, household_adults, children."
        )
    data.setdefault("applicant", identity.display_name or identity.username)
    data["applicant"] = _person(data["applicant"])
    for group in _PERSON_GROUPS:
        names = data.get(group, [])
        data[group] = [_person(n) for n in names] if isinstance(names, list) else names
    try:
        persons = Persons.model_validate(data)
    except ValidationError as e:
        raise InputError(
            "Personnes du dossier invalides : donnez des noms complets (« NOM Prénom »).",
            details={"errors": [str(err["loc"]) + " " + err["msg"] for err in e.errors()]},
        ) from e
    everyone = [persons.applicant, *persons.partners, *persons.household_adults, *persons.children]
    if any(not p.full_name.strip() for p in everyone):
        raise InputError("Chaque personne du dossier doit avoir un nom complet (« NOM Prénom »).")
    return persons


def _person(value: object) -> object:
    return {"full_name": value.strip()} if isinstance(value, str) else value


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
            status="draft",
            owner_id=identity.user_id,
            persons=people.model_dump(mode="json"),
            findings=[],
            overrides=[],
        )
        session.add(dossier)
        session.flush()
        details = {"procedure": procedure.id, "service": service_of(procedure.id)}
        record(session, identity.actor, "dossier.created", f"dossier:{dossier.id}", details)
        log.info("dossier %s opened for %s", dossier.id, procedure.id)
        return refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))


def add_document(
    ctx: Context, identity: Identity, dossier_id: str, data: bytes, filename: str
) -> UploadResult:
    """File a document in a draft dossier, process it now if it needs no OCR, recheck."""
    with ctx.transaction() as session:
        dossier = owned_dossier(session, identity, dossier_id)
        _check_draft(dossier)
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
        # No file name in the trail: it may hold a name, and the chain is never edited.
        details = {"document": doc.id, "created": intake.created}
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


def dossier_checks(ctx: Context, identity: Identity, dossier_id: str) -> DossierView:
    """The dossier's verdict as last checked (pending documents listed)."""
    with ctx.transaction() as session:
        dossier = visible_dossier(session, identity, dossier_id, lock=True)
        return current_view(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))


def submit_dossier(ctx: Context, identity: Identity, dossier_id: str) -> DossierView:
    """Hand the dossier to the town hall, complete or not; its verdict is traced with it."""
    with ctx.transaction() as session:
        dossier = owned_dossier(session, identity, dossier_id)
        _check_draft(dossier)
        dossier.status, dossier.submitted_at = "submitted", utcnow()
        view = refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))
        details = {
            "procedure": dossier.procedure,
            "complete": view.complete,
            "final": view.final,
            "pending": view.pending,
            "findings": summary(view.findings),
        }
        record(session, identity.actor, "dossier.submitted", f"dossier:{dossier.id}", details)
        log.info("dossier %s submitted (complete: %s)", dossier.id, view.complete)
        return view


def list_dossiers(
    ctx: Context,
    identity: Identity,
    procedure: str | None = None,
    status: str | None = None,
    *,
    limit: int = LIST_LIMIT,
) -> list[DossierView]:
    """The dossiers the caller may see, newest first, each with its stored verdict."""
    if procedure is not None:
        get_procedure(procedure)
    if status is not None and status not in ("draft", "submitted"):
        raise InputError(f"Statut inconnu : « {status} ». Valeurs possibles : draft, submitted.")
    stmt = select(Dossier).where(visible_dossiers_clause(identity))
    if procedure is not None:
        stmt = stmt.where(Dossier.procedure == procedure)
    if status is not None:
        stmt = stmt.where(Dossier.status == status)
    stmt = stmt.order_by(Dossier.created_at.desc(), Dossier.id).limit(max(1, min(limit, 1000)))
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
        if not any(target.matches(f) for f in view.findings):
            raise NotFoundError(
                f"Aucun constat « {code} » sur ce dossier pour la pièce « {piece or '-'} » "
                f"et le document « {document or '-'} » : rechargez le dossier.",
                details={"code": code, "piece": piece, "document": document},
            )
        kept = [o for o in dossier.overrides or [] if not _same_target(o, target)]
        dossier.overrides = [*kept, target.model_dump(mode="json")]
        details = target.model_dump(mode="json", exclude={"at", "by"})
        record(
            session, identity.actor, "dossier.finding_overridden", f"dossier:{dossier_id}", details
        )
        log.info("dossier %s: finding %s overridden", dossier_id, code)
        return refresh(session, dossier, identity.actor, min_ocr_confidence=_strictness(ctx))


def _strictness(ctx: Context) -> float:
    return ctx.settings.checks.min_ocr_confidence


def _same_target(stored: object, target: Override) -> bool:
    if not isinstance(stored, dict):
        return False
    keys = ("code", "piece", "document", "person")
    return all(stored.get(k) == getattr(target, k) for k in keys)


def _check_draft(dossier: Dossier) -> None:
    if dossier.status != "draft":
        raise ConflictError(
            "Ce dossier a déjà été déposé : on ne peut plus y ajouter de pièce ni le déposer "
            "de nouveau. Ouvrez un nouveau dossier ou contactez la mairie."
        )
