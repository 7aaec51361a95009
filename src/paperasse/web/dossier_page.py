"""A dossier's page: for its citizen, slots to fill, the submission and what follows;
for the town hall's agents, see ``agent_dossiers``.

Without JavaScript every action is a plain form; with it, files go one by one to
the API with a progress bar each and the slots refresh until every file is read.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from paperasse.archive.reads import trace_dossier_view
from paperasse.auth.roles import ADMIN, AGENT, CITIZEN
from paperasse.dossiers import (
    add_document,
    dossier_checks,
    remove_document,
    submit_dossier,
    write_message,
)
from paperasse.dossiers.acknowledgements import dossier_acknowledgement
from paperasse.errors import InputError
from paperasse.ingest.deposit import read_upload
from paperasse.web.access import PageRoute, Viewer, ViewerDep, form_viewer_in, viewer_in
from paperasse.web.agent_dossiers import agent_page
from paperasse.web.dossier_common import Results, ctx_of, dossier_page_response

router = APIRouter(route_class=PageRoute, include_in_schema=False)

CitizenViewer = Annotated[Viewer, Depends(viewer_in(CITIZEN))]
CitizenForm = Annotated[Viewer, Depends(form_viewer_in(CITIZEN))]
AnyForm = Annotated[Viewer, Depends(form_viewer_in(CITIZEN, AGENT, ADMIN))]


@router.get("/dossiers/{dossier_id}")
def dossier_page(
    request: Request, dossier_id: str, viewer: ViewerDep, depose: str = "", fait: str = ""
) -> Response:
    """The dossier: its citizen fills its slots and follows it; agents instruct it."""
    ctx = ctx_of(request)
    if viewer.identity.role != CITIZEN:
        return agent_page(request, viewer, dossier_id, done=fait)
    view = dossier_checks(ctx, viewer.identity, dossier_id)
    trace_dossier_view(ctx, viewer.identity, view.id, "page")
    notice = ""
    if depose and view.number:
        notice = f"Votre dossier n° {view.number} a été déposé à la mairie."
    return dossier_page_response(request, viewer, view, notice=notice)


@router.get("/dossiers/{dossier_id}/etat")
def dossier_state(request: Request, dossier_id: str, viewer: ViewerDep) -> Response:
    """The summary and slots alone, for the page to refresh while files are read."""
    view = dossier_checks(ctx_of(request), viewer.identity, dossier_id)
    return dossier_page_response(request, viewer, view, template="_dossier_etat.html")


@router.post("/dossiers/{dossier_id}/pieces")
async def add_files(
    request: Request,
    dossier_id: str,
    viewer: CitizenForm,
    fichiers: Annotated[list[UploadFile], File()],
    piece: Annotated[str, Form()] = "",
    remplace: Annotated[str, Form()] = "",
) -> Response:
    """Add the files of a slot's plain form (no JavaScript), each accepted or refused alone;
    with ``remplace``, the first file accepted takes that file's place."""
    ctx = ctx_of(request)
    results: Results = []
    replaces = remplace or None
    for upload in fichiers:
        if not upload.filename:
            continue
        try:
            data, filename = await read_upload(upload, ctx.settings.max_upload_bytes)
            result = await run_in_threadpool(
                add_document,
                ctx,
                viewer.identity,
                dossier_id,
                data,
                filename,
                piece=piece or None,
                replaces=replaces,
            )
        except InputError as e:
            results.append((upload.filename, e.message, False))
            continue
        replaces = None
        taken = result.doc_type_label or "en cours de lecture"
        results.append((filename, f"reçu ({taken})", True))
    if not results:
        results.append(("", "Choisissez au moins un fichier à envoyer.", False))
    view = await run_in_threadpool(dossier_checks, ctx, viewer.identity, dossier_id)
    ok = all(r[2] for r in results)
    return dossier_page_response(request, viewer, view, results=results, status=200 if ok else 400)


@router.post("/dossiers/{dossier_id}/documents/{document_id}/retrait")
def remove_file(
    request: Request, dossier_id: str, document_id: str, viewer: CitizenForm
) -> Response:
    """Take a file back out of the dossier (the town hall keeps the original as its rules say)."""
    remove_document(ctx_of(request), viewer.identity, dossier_id, document_id)
    return RedirectResponse(f"/dossiers/{dossier_id}#emplacements", 303)


@router.get("/dossiers/{dossier_id}/depot")
def confirm_submission(request: Request, dossier_id: str, viewer: CitizenViewer) -> Response:
    """Before submitting: what is still missing or to redo, and what happens next."""
    view = dossier_checks(ctx_of(request), viewer.identity, dossier_id)
    return dossier_page_response(request, viewer, view, template="dossier_depot.html")


@router.post("/dossiers/{dossier_id}/depot")
def submit(request: Request, dossier_id: str, viewer: CitizenForm) -> Response:
    """Hand the dossier to the town hall, complete or not (the citizen confirmed)."""
    submit_dossier(ctx_of(request), viewer.identity, dossier_id)
    return RedirectResponse(f"/dossiers/{dossier_id}?depose=1", 303)


@router.get("/dossiers/{dossier_id}/accuse-reception.pdf")
def acknowledgement(request: Request, dossier_id: str, viewer: ViewerDep) -> Response:
    """The latest acknowledgement of receipt of the dossier, as a PDF."""
    name, data = dossier_acknowledgement(ctx_of(request), viewer.identity, dossier_id)
    headers = {
        "Content-Disposition": f'inline; filename="{name}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(data, media_type="application/pdf", headers=headers)


@router.post("/dossiers/{dossier_id}/messages")
def message(
    request: Request, dossier_id: str, viewer: AnyForm, texte: Annotated[str, Form()] = ""
) -> Response:
    """A message from the citizen to the instructing service, or the other way round."""
    write_message(ctx_of(request), viewer.identity, dossier_id, texte)
    return RedirectResponse(f"/dossiers/{dossier_id}?fait=message#suivi", 303)
