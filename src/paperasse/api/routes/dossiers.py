"""Citizens' dossiers: open, add documents, read the checks, submit; agents list and overrule."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from paperasse.api.deps import CtxDep, IdentityDep
from paperasse.api.schemas import ErrorOut
from paperasse.archive.reads import trace_dossier_view
from paperasse.checks import PieceStatus
from paperasse.dossiers import (
    DossierDocument,
    DossierFinding,
    DossierView,
    UploadResult,
    add_document,
    create_dossier,
    dossier_checks,
    list_dossiers,
    override_finding,
    submit_dossier,
)
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
    status: Literal["draft", "submitted"]
    documents: list[DossierDocument]
    pending: list[str]
    final: bool
    complete: bool
    findings: list[DossierFinding]
    pieces: list[PieceStatus]


class OverrideIn(BaseModel):
    code: str = Field(description="code du constat, ex. document_trop_ancien")
    piece: str | None = None
    document: str | None = None
    person: str | None = None
    reason: str = Field(min_length=3, description="pourquoi le constat ne s'applique pas")


@router.post("", status_code=201, response_model=DossierView, responses=ERRORS)
def open_dossier(body: DossierIn, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """A citizen opens a dossier for a procedure; the answer lists the pieces to bring."""
    return create_dossier(ctx, identity, body.procedure, body.persons.model_dump())


@router.get("", response_model=list[DossierView], responses=ERRORS)
def dossiers(
    ctx: CtxDep,
    identity: IdentityDep,
    procedure: str | None = None,
    status: Literal["draft", "submitted"] | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[DossierView]:
    """The dossiers the caller may see (a citizen: theirs; an agent: their services')."""
    return list_dossiers(ctx, identity, procedure, status, limit=limit)


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
    dossier_id: str, file: UploadFile, ctx: CtxDep, identity: IdentityDep
) -> UploadResult:
    """Add a document: a PDF with text is checked at once; a scan answers ``processing``."""
    data, filename = await read_upload(file, ctx.settings.max_upload_bytes)
    # Processing a PDF takes up to a second: keep it off the event loop.
    return await run_in_threadpool(add_document, ctx, identity, dossier_id, data, filename)


@router.post("/{dossier_id}/submit", response_model=DossierView, responses=ERRORS)
def submit(dossier_id: str, ctx: CtxDep, identity: IdentityDep) -> DossierView:
    """Hand the dossier to the town hall, even incomplete (its findings are recorded)."""
    return submit_dossier(ctx, identity, dossier_id)


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
