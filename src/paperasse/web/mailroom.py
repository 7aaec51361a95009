"""The mailroom page: drop many scans at once, follow today's mail, retry failures.

With JavaScript the files go one by one to ``POST /api/v1/documents`` with a
progress bar each, and the table refreshes itself; without it the same form
posts here and the page answers with what was received.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from paperasse.api.routes.documents import read_upload
from paperasse.auth import Identity
from paperasse.context import Context
from paperasse.documents import visible_document
from paperasse.errors import ConflictError, InputError, PermissionDeniedError
from paperasse.ingest.intake import Origin, receive
from paperasse.ingest.jobs import retry_document
from paperasse.models.domain import SERVICES
from paperasse.web.access import INTAKE, PageRoute, Viewer, form_viewer_in, safe_next, viewer_in
from paperasse.web.queries import failed_documents, todays_documents
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

IntakeViewer = Annotated[Viewer, Depends(viewer_in(*INTAKE))]
IntakeForm = Annotated[Viewer, Depends(form_viewer_in(*INTAKE))]


def services_for(identity: Identity) -> list[str]:
    """The services someone may file mail for: an agent only their own."""
    return list(identity.services) if identity.role == "agent" else list(SERVICES)


def _tracking(request: Request, viewer: Viewer) -> dict[str, Any]:
    ctx: Context = request.app.state.ctx
    with ctx.sessions() as session:
        rows = todays_documents(session, viewer.identity)
        failed = failed_documents(session, viewer.identity)
        session.expunge_all()
    return {"rows": rows, "failed": failed}


def _page(
    request: Request, viewer: Viewer, *, results: list[tuple[str, str, bool]] | None = None
) -> Response:
    return render(
        request,
        "courrier.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title="Courrier du jour",
        services=services_for(viewer.identity),
        results=results or [],
        **_tracking(request, viewer),
    )


@router.get("/courrier")
def mailroom(request: Request, viewer: IntakeViewer) -> Response:
    """The drop zone and today's documents."""
    return _page(request, viewer)


@router.get("/courrier/suivi")
def tracking(request: Request, viewer: IntakeViewer) -> Response:
    """The tables of today's and failed documents alone, for the page to refresh itself."""
    return render(
        request,
        "_suivi.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        **_tracking(request, viewer),
    )


@router.post("/courrier/depot")
async def drop_files(
    request: Request,
    viewer: IntakeForm,
    fichiers: Annotated[list[UploadFile], File()],
    service: Annotated[str, Form()] = "",
) -> Response:
    """Receive the files of the plain form (no JavaScript); each one succeeds or fails alone."""
    ctx: Context = request.app.state.ctx
    identity = viewer.identity
    if service and service not in services_for(identity):
        raise PermissionDeniedError(f"Vous ne pouvez pas déposer pour le service « {service} ».")
    source = "mailroom" if identity.role == "courrier" else "api"
    origin = Origin(
        source=source, actor=identity.actor, user_id=identity.user_id, service=service or None
    )
    results: list[tuple[str, str, bool]] = []
    for upload in fichiers:
        if not upload.filename:
            continue
        try:
            data, filename = await read_upload(upload, ctx.settings.max_upload_bytes)
            result = receive(ctx, data, filename, origin)
        except InputError as e:
            results.append((upload.filename, e.message, False))
            continue
        message = "reçu" if result.created else "déjà reçu : nouvelle réception enregistrée"
        results.append((filename, message, True))
    if not results:
        results.append(("", "Choisissez au moins un fichier à déposer.", False))
    return _page(request, viewer, results=results)


@router.post("/documents/{document_id}/relancer")
def retry(
    request: Request,
    document_id: str,
    viewer: IntakeForm,
    retour: Annotated[str, Form()] = "",
) -> Response:
    """Queue a failed document again, then go back to the page the button was on."""
    ctx: Context = request.app.state.ctx
    with ctx.sessions() as session:
        doc = visible_document(session, viewer.identity, document_id)
        if doc.status != "failed":
            raise ConflictError("Seul un document en échec peut être relancé.")
    retry_document(ctx, document_id, viewer.identity.actor)
    return RedirectResponse(safe_next(retour) or "/courrier", 303)
