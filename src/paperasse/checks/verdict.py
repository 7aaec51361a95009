"""A dossier's verdict, computed from its documents, with agents' overrides applied.

The verdict is computed when something changes (a document filed, processed or
failed; a submission; an override) and stored with the dossier; reading a
dossier reads it. Its findings are traced (``dossier.checked``) only when they
change. Ages count from today for a draft (so a draft's verdict is computed
again on a new day) and from the first submission day once submitted, also
after a complement: the application was made that day, and the documents the
citizen already gave must not turn stale while the town hall examines them or
waits for the missing piece (the silence delay, not the documents' ages,
restarts when the complement arrives: CRPA L114-5).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.checks import Finding, Persons, evaluate_dossier, get_procedure
from paperasse.checks.evidence import gather
from paperasse.checks.slots import fill_slots
from paperasse.checks.views import (
    DOSSIER_STATUSES,
    DossierFinding,
    DossierStatus,
    DossierView,
    Override,
)
from paperasse.models.tables import Dossier, Receipt

log = logging.getLogger(__name__)

TOWN_ZONE = "Europe/Paris"


def local_date(moment: dt.datetime | None = None) -> dt.date:
    """The calendar day in France at ``moment`` (default: now): age limits count in days there."""
    return (moment or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(TOWN_ZONE)).date()


def reference_date(dossier: Dossier) -> dt.date:
    """The day the age limits count from: the first submission, or today for a draft."""
    return local_date(dossier.submitted_at) if dossier.submitted_at else local_date()


def overrides_of(dossier: Dossier) -> list[Override]:
    return [Override.model_validate(o) for o in dossier.overrides or []]


def with_overrides(findings: list[Finding], overrides: list[Override]) -> list[DossierFinding]:
    """Each finding with the override that answers it, if any."""
    return [
        DossierFinding(
            **f.model_dump(), override=next((o for o in overrides if o.matches(f)), None)
        )
        for f in findings
    ]


def summary(findings: list[Finding] | list[DossierFinding]) -> list[dict[str, Any]]:
    """Findings as traced in the audit trail: what and where, without the hint's prose."""
    return [
        {
            "code": f.code,
            "severity": f.severity,
            "piece": f.piece,
            "document": f.document,
            "person": f.person,
            "overridden": isinstance(f, DossierFinding) and f.override is not None,
        }
        for f in findings
    ]


def verdict(
    session: Session, dossier: Dossier, *, min_ocr_confidence: float
) -> tuple[DossierView, list[Finding]]:
    """The dossier's view and the engine's raw findings, from its documents as they are now."""
    procedure = get_procedure(dossier.procedure)
    persons = Persons.model_validate(dossier.persons)
    evidence = gather(session, dossier.id)
    check = evaluate_dossier(
        procedure,
        evidence.checked,
        persons,
        reference_date(dossier),
        min_ocr_confidence=min_ocr_confidence,
    )
    raw = check.findings + evidence.failures
    findings = with_overrides(raw, overrides_of(dossier))
    slots, others = fill_slots(procedure, check.pieces, evidence.documents, findings)
    view = DossierView(
        id=dossier.id,
        procedure=procedure.id,
        procedure_title=procedure.title,
        status=_status(dossier.status),
        persons=persons,
        number=dossier.number,
        created_at=dossier.created_at,
        submitted_at=dossier.submitted_at,
        last_submitted_at=dossier.last_submitted_at,
        due_on=dossier.due_on,
        documents=evidence.documents,
        pending=evidence.pending,
        final=not evidence.pending,
        complete=not any(f.counts for f in findings),
        findings=findings,
        pieces=check.pieces,
        slots=slots,
        other_files=others,
    )
    return view, raw


def _status(stored: str) -> DossierStatus:
    for status in DOSSIER_STATUSES:
        if stored == status:
            return status
    raise ValueError(f"unknown dossier status {stored!r}")


def refresh(
    session: Session, dossier: Dossier, actor: str, *, min_ocr_confidence: float
) -> DossierView:
    """Recompute the verdict and store it; trace it when its findings changed."""
    view, raw = verdict(session, dossier, min_ocr_confidence=min_ocr_confidence)
    stored = [f.model_dump(mode="json") for f in raw]
    if stored != (dossier.findings or []):
        dossier.findings = stored
        details = {
            "complete": view.complete,
            "final": view.final,
            "pending": view.pending,
            "findings": summary(view.findings),
        }
        record(session, actor, "dossier.checked", f"dossier:{dossier.id}", details)
    dossier.verdict = view.model_dump(mode="json")
    dossier.checked_on = local_date()
    return view


def stored_view(dossier: Dossier) -> DossierView | None:
    """The verdict stored at the last check, or None when it must be computed again.

    A draft's ages count from today, so its verdict holds only for the day it was
    computed; a submitted dossier's count from its submission and do not drift.
    """
    if dossier.verdict is None or (
        dossier.submitted_at is None and dossier.checked_on != local_date()
    ):
        return None
    try:
        return DossierView.model_validate(dossier.verdict)
    except ValidationError:
        log.info("dossier %s: stored verdict of an older shape, computed again", dossier.id)
        return None


def current_view(
    session: Session, dossier: Dossier, actor: str, *, min_ocr_confidence: float
) -> DossierView:
    """The stored verdict, computed again only when there is none for today."""
    view = stored_view(dossier)
    if view is not None:
        return view
    return refresh(session, dossier, actor, min_ocr_confidence=min_ocr_confidence)


def recheck_dossiers_of(
    session: Session, document_id: str, actor: str, *, min_ocr_confidence: float
) -> list[str]:
    """Recompute the verdict of every dossier the document was filed in; their ids.

    Called by the pipeline in the transaction that saves a document's results (or
    its failure), so that a dossier's verdict is current as soon as a worker is done.
    """
    filed = select(Receipt.dossier_id).where(
        Receipt.document_id == document_id, Receipt.dossier_id.is_not(None)
    )
    stmt = select(Dossier).where(Dossier.id.in_(filed)).order_by(Dossier.id).with_for_update()
    dossiers = list(session.execute(stmt).scalars())
    for dossier in dossiers:
        refresh(session, dossier, actor, min_ocr_confidence=min_ocr_confidence)
    return [d.id for d in dossiers]
