"""Citizens' dossiers: open, put files in slots, remove them, read the checks, submit,
follow; agents list them, overrule findings, ask for a complement, accept or refuse."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from paperasse.api.deps import CtxDep, IdentityDep
from paperasse.api.schemas import ErrorOut
from paperasse.archive.reads import trace_dossier_view
from paperasse.checks import PieceStatus
from paperasse.dossiers import (
    DossierDocument,
    DossierFinding,
    DossierStatus,
    DossierView,
    Slot,
    SlotFile,
    TimelineEntry,
    UploadResult,
    add_document,
    ask_complement,
    create_dossier,
    decide,
    dossier_checks,
    list_dossiers,
    override_finding,
    remove_document,
    submit_dossier,
    take_up,
    timeline,
    write_message,
)
from paperasse.dossiers.acknowledgements import dossier_acknowledgement
from paperasse.ingest.deposit import read_upload

router = APIRouter(prefix="/api/v1/dossiers", tags=["dossiers"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 401, 403, 404, 409, 413, 415, 422)
}

PersonName = str | dict[str, object]


class PersonsIn(BaseModel):
    applicant: PersonName | None = Field(
        default=None, description="« NOM Prénom » ; par défaut le nom du compte"
    )
    partners: list[PersonName] = Field(default_factory=list, description="PACS, mariage")
    household_adults: list[PersonName] = Field(default_factory=list, description="autres majeurs")
    children: list[PersonName] = Field(default_factory=list, description="enfants concernés")


class DossierIn(BaseModel):
    procedure: str
    persons: PersonsIn = Field(default_factory=PersonsIn)


class ChecksOut(BaseModel):
    """The verdict alone, for polling."""

    id: str
    status: DossierStatus
    documents: list[DossierDocument]
    pending: list[str]
    final: bool
    complete: bool
    findings: list[DossierFinding]
    pieces: list[PieceStatus]
    slots: list[Slot]
    other_files: list[SlotFile]


class OverrideIn(BaseModel):
    code: str = Field(description="code du constat, ex. document_trop_ancien")
    piece: str | None = None
    document: str | None = None
    person: str | None = None
    reason: str = Field(min_length=3, description="pourquoi le constat ne s'applique pas")


class TextIn(BaseModel):
    text: str = Field(min_length=3, max_length=5000)


class DecisionIn(BaseModel):
    decision: Literal["accepte", "refuse"]
    reason: str = Field(default="", max_length=5000, description="obligatoire pour un refus")


@router.post("", status_code=201, response_model=DossierView, responses=ERRORS)
def open_dossier(body: DossierIn, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """A citizen opens a dossier for a procedure; the answer lists the pieces to bring."""
    return create_dossier(ctx, identity, body.procedure, body.persons.model_dump())


@router.get("", response_model=list[DossierView], responses=ERRORS)
def dossiers(
    ctx: CtxDep,
    identity: IdentityDep,
    procedure: str | None = None,
    status: DossierStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    sort: Literal["recent", "due"] = "recent",
) -> list[DossierView]:
    """The dossiers the caller may see (a citizen: theirs; an agent: their services').

    ``sort=due``: those the town hall must act on first, by the day silence becomes a decision.
    """
    return list_dossiers(ctx, identity, procedure, status, limit=limit, by_due_date=sort == "due")


@router.get("/{dossier_id}", response_model=DossierView, responses=ERRORS)
def show_dossier(dossier_id: str, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """A dossier, its documents and its current verdict (the read is audit-logged)."""
    view = dossier_checks(ctx, identity, dossier_id)
    trace_dossier_view(ctx, identity, view.id, "api")
    return view


@router.get("/{dossier_id}/checks", response_model=ChecksOut, responses=ERRORS)
def checks(dossier_id: str, ctx: CtxDep, identity: IdentityDep) -> ChecksOut:
    """What is missing or wrong, recomputed now; ``final`` is False while documents are pending."""
    view = dossier_checks(ctx, identity, dossier_id)
    trace_dossier_view(ctx, identity, view.id, "api")
    return ChecksOut.model_validate(view.model_dump())


@router.post(
    "/{dossier_id}/documents", status_code=201, response_model=UploadResult, responses=ERRORS
)
async def upload(
    dossier_id: str,
    file: UploadFile,
    ctx: CtxDep,
    identity: IdentityDep,
    piece: Annotated[str, Form(description="the slot (piece id) it is for")] = "",
    replaces: Annotated[str, Form(description="id of a file it replaces")] = "",
) -> UploadResult:
    """Add a file, into a slot or in place of another: a PDF with text is checked at once;
    a scan answers ``processing``. The replaced file leaves the dossier once this one is in."""
    data, filename = await read_upload(file, ctx.settings.max_upload_bytes)
    # Processing a PDF takes up to a second: keep it off the event loop.
    return await run_in_threadpool(
        add_document,
        ctx,
        identity,
        dossier_id,
        data,
        filename,
        piece=piece or None,
        replaces=replaces or None,
    )


@router.delete(
    "/{dossier_id}/documents/{document_id}", response_model=DossierView, responses=ERRORS
)
def remove(dossier_id: str, document_id: str, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """Take a file back out of a dossier not yet with the town hall (the original is kept)."""
    return remove_document(ctx, identity, dossier_id, document_id)


@router.post("/{dossier_id}/submit", response_model=DossierView, responses=ERRORS)
def submit(dossier_id: str, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """Hand the dossier to the town hall, even incomplete: it gets a number and an
    acknowledgement of receipt. Also submits it again after a complement."""
    return submit_dossier(ctx, identity, dossier_id)


@router.get(
    "/{dossier_id}/acknowledgement",
    response_class=Response,
    responses={**ERRORS, 200: {"content": {"application/pdf": {}}}},
)
def acknowledgement(dossier_id: str, ctx: CtxDep, identity: IdentityDep) -> Response:
    """The latest acknowledgement of receipt (PDF, CRPA L112-3 and R112-5)."""
    name, data = dossier_acknowledgement(ctx, identity, dossier_id)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/pdf", headers=headers)


@router.get("/{dossier_id}/timeline", response_model=list[TimelineEntry], responses=ERRORS)
def steps(dossier_id: str, ctx: CtxDep, identity: IdentityDep) -> list[TimelineEntry]:
    """Each status change and message, dated, oldest first."""
    return timeline(ctx, identity, dossier_id)


@router.post("/{dossier_id}/messages", status_code=204, responses=ERRORS)
def message(dossier_id: str, body: TextIn, ctx: CtxDep, identity: IdentityDep) -> None:
    """A message between the citizen and the instructing service (the citizen is e-mailed)."""
    write_message(ctx, identity, dossier_id, body.text)


@router.post("/{dossier_id}/instruction", response_model=DossierView, responses=ERRORS)
def instruction(dossier_id: str, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """An agent of the instructing service starts examining a submitted dossier."""
    return take_up(ctx, identity, dossier_id)


@router.post("/{dossier_id}/complement", response_model=DossierView, responses=ERRORS)
def complement(dossier_id: str, body: TextIn, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """Ask the citizen for a complement: status « à compléter », they may add files again."""
    return ask_complement(ctx, identity, dossier_id, body.text)


@router.post("/{dossier_id}/decision", response_model=DossierView, responses=ERRORS)
def decision(dossier_id: str, body: DecisionIn, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """Accept or refuse (with a reason) the request (audit-logged, the citizen is e-mailed)."""
    return decide(ctx, identity, dossier_id, body.decision, body.reason)


@router.post("/{dossier_id}/overrides", response_model=DossierView, responses=ERRORS)
def overrule(dossier_id: str, body: OverrideIn, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """An agent of the instructing service lifts a finding, with a reason (audit-logged)."""
    return override_finding(
        ctx,
        identity,
        dossier_id,
        body.code,
        body.piece,
        body.document,
        body.reason,
        person=body.person,
    )
