"""Documents: upload, metadata, original."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from paperasse.api.deps import CorrectorDep, CtxDep, IdentityDep, IntakeDep, SessionDep
from paperasse.api.schemas import DocumentOut, ErrorOut, IntakeOut, JobOut
from paperasse.archive.documents import (
    correct_document,
    latest_job,
    read_original,
    visible_document,
)
from paperasse.archive.reads import trace_document_view
from paperasse.ingest.deposit import Depositor, deposit, read_upload
from paperasse.ingest.jobs import retry_document

router = APIRouter(prefix="/api/v1/documents", tags=["documents"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 401, 403, 404, 413, 415, 422, 503)
}


@router.post("", status_code=201, response_model=IntakeOut, responses=ERRORS)
async def upload_document(
    file: UploadFile,
    ctx: CtxDep,
    identity: IntakeDep,
    service: Annotated[str | None, Form()] = None,
) -> IntakeOut:
    """Store an original (PDF, TIFF, JPEG, PNG) and queue it for processing."""
    depositor = Depositor("api", identity.actor, identity)
    data, filename = await read_upload(file, ctx.settings.max_upload_bytes)
    result = deposit(ctx, data, filename, depositor, service=service)
    return IntakeOut(
        id=result.document_id, sha256=result.sha256, mime=result.mime, created=result.created
    )


@router.get("/{document_id}", response_model=DocumentOut, responses=ERRORS)
def show_document(
    document_id: str, ctx: CtxDep, session: SessionDep, identity: IdentityDep
) -> DocumentOut:
    """A document's metadata with its processing progress (the read is audit-logged)."""
    doc = visible_document(session, identity, document_id)
    out = DocumentOut.model_validate(doc)
    job = latest_job(session, document_id)
    out.job = JobOut.model_validate(job) if job else None
    trace_document_view(ctx, identity, doc.id, {"via": "api"})
    return out


class CorrectionIn(BaseModel):
    doc_type: str | None = None
    service: str | None = None
    priority: str | None = None


@router.patch("/{document_id}", response_model=DocumentOut, responses=ERRORS)
def correct(
    document_id: str, body: CorrectionIn, ctx: CtxDep, identity: CorrectorDep
) -> DocumentOut:
    """Overrule the type, service or priority; audit-logged, used at the next training."""
    doc = correct_document(
        ctx,
        identity,
        document_id,
        doc_type=body.doc_type,
        service=body.service,
        priority=body.priority,
    )
    return DocumentOut.model_validate(doc)


@router.post("/{document_id}/retry", response_model=DocumentOut, responses=ERRORS)
def retry(document_id: str, ctx: CtxDep, identity: IntakeDep) -> DocumentOut:
    """Process a failed document again; a document already queued again is left as it is."""
    retry_document(ctx, identity, document_id)
    with ctx.sessions() as session:
        return DocumentOut.model_validate(visible_document(session, identity, document_id))


@router.get("/{document_id}/original", responses=ERRORS)
def download_original(document_id: str, ctx: CtxDep, identity: IdentityDep) -> Response:
    """The original bytes, verified against their SHA-256; the read is audit-logged."""
    doc, data = read_original(ctx, identity, document_id)
    headers = {
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(doc.original_filename)}",
        "X-Content-SHA256": doc.sha256,
    }
    return Response(data, media_type=doc.mime, headers=headers)
