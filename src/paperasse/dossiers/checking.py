"""A dossier's verdict, recomputed from its documents, with agents' overrides applied.

The verdict is stored in ``Dossier.findings`` and traced (``dossier.checked``)
only when it changes, so that polling a dossier does not flood the audit trail.
Ages count from today for a draft and from the submission day once submitted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.checks import Finding, Persons, evaluate_dossier, get_procedure
from paperasse.dossiers.evidence import gather
from paperasse.dossiers.schemas import DossierFinding, DossierView, Override
from paperasse.models.tables import Dossier

TOWN_ZONE = "Europe/Paris"


def local_date(moment: dt.datetime | None = None) -> dt.date:
    """The calendar day in France at ``moment`` (default: now): age limits count in days there."""
    return (moment or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(TOWN_ZONE)).date()


def reference_date(dossier: Dossier) -> dt.date:
    """The day the age limits count from: submission, or today for a draft."""
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
    view = DossierView(
        id=dossier.id,
        procedure=procedure.id,
        procedure_title=procedure.title,
        status="submitted" if dossier.status == "submitted" else "draft",
        persons=persons,
        created_at=dossier.created_at,
        submitted_at=dossier.submitted_at,
        documents=evidence.documents,
        pending=evidence.pending,
        final=not evidence.pending,
        complete=not any(f.counts for f in findings),
        findings=findings,
        pieces=check.pieces,
    )
    return view, raw


def refresh(
    session: Session, dossier: Dossier, actor: str, *, min_ocr_confidence: float
) -> DossierView:
    """Recompute the verdict; store and trace it when it differs from the stored one."""
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
    return view
