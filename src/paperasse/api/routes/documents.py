"""Documents: upload, metadata, original."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, UploadFile
from fastapi.responses import Response

from paperasse.api.deps import ActorDep, CtxDep, SessionDep
from paperasse.api.schemas import DocumentOut, ErrorOut, IntakeOut, JobOut
from paperasse.documents import get_document, latest_job, read_original
from paperasse.errors import FileTooLargeError
from paperasse.ingest.intake import Origin, check_size, receive

router = APIRouter(prefix="/api/v1/documents", tags=["documents"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut} for code in (400, 404, 413, 415, 422, 503)
}


@router.post("", status_code=201, response_model=IntakeOut, responses=ERRORS)
async def upload_document(file: UploadFile, ctx: CtxDep, actor: ActorDep) -> IntakeOut:
    """Store an original (PDF, TIFF, JPEG, PNG) and queue it for processing."""
    limit = ctx.settings.max_upload_bytes
    data = await file.read(limit + 1)
    filename = file.filename or ""
    if len(data) > limit:
        raise FileTooLargeError(
            f"Le fichier « {filename} » dépasse la limite de {limit // 1_048_576} Mo.",
            details={"filename": filename, "limit": limit},
        )
    check_size(data, filename, limit)
    result = receive(ctx, data, filename, Origin(source="api", actor=actor))
    return IntakeOut(
        id=result.document_id, sha256=result.sha256, mime=result.mime, created=result.created
    )


@router.get("/{document_id}", response_model=DocumentOut, responses=ERRORS)
def show_document(document_id: str, session: SessionDep) -> DocumentOut:
    """A document's metadata with its processing progress."""
    doc = get_document(session, document_id)
    out = DocumentOut.model_validate(doc)
    job = latest_job(session, document_id)
    out.job = JobOut.model_validate(job) if job else None
    return out


@router.get("/{document_id}/original", responses=ERRORS)
def download_original(document_id: str, ctx: CtxDep, actor: ActorDep) -> Response:
    """The original bytes, verified against their SHA-256; the read is audit-logged."""
    doc, data = read_original(ctx, document_id, actor)
    disposition = f"inline; filename*=UTF-8''{quote(doc.original_filename)}"
    return Response(
        data,
        media_type=doc.mime,
        headers={"Content-Disposition": disposition, "X-Content-SHA256": doc.sha256},
    )
