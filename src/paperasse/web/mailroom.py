"""The mailroom page: drop many scans at once, follow today's mail, retry failures.

With JavaScript the files go one by one to ``POST /api/v1/documents`` with a
progress bar each, and the table refreshes itself; without it the same form
posts here and the page answers with what was received.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from paperasse.auth.roles import INTAKE_ROLES
from paperasse.context import Context
from paperasse.errors import InputError
from paperasse.ingest.deposit import Depositor, deposit, origin_for, read_upload, services_for
from paperasse.ingest.jobs import retry_document
from paperasse.web.access import PageRoute, Viewer, form_viewer_in, safe_next, viewer_in
from paperasse.web.queries import failed_documents, todays_documents
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

IntakeViewer = Annotated[Viewer, Depends(viewer_in(*INTAKE_ROLES))]
IntakeForm = Annotated[Viewer, Depends(form_viewer_in(*INTAKE_ROLES))]


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
        services=list(services_for(viewer.identity)),
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
    depositor = Depositor("page", viewer.identity.actor, viewer.identity)
    origin_for(depositor, service)  # an unknown or forbidden service refuses the whole form
    results: list[tuple[str, str, bool]] = []
    for upload in fichiers:
        if not upload.filename:
            continue
        try:
            data, filename = await read_upload(upload, ctx.settings.max_upload_bytes)
            result = deposit(ctx, data, filename, depositor, service=service)
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
    retry_document(ctx, viewer.identity, document_id)
    return RedirectResponse(safe_next(retour) or "/courrier", 303)
