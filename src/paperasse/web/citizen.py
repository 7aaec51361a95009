"""Citizens' pages: choose a procedure, read its checklist, open a dossier, bring the
documents from a phone and see at once what is still missing, then submit.

Everything goes through :mod:`paperasse.dossiers`, so the pages, the API and the
CLI give the same verdicts; ids of other people's dossiers answer a 404 page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from paperasse.archive.reads import trace_dossier_view
from paperasse.checks import get_procedure, load_catalogue
from paperasse.context import Context
from paperasse.dossiers import (
    DossierView,
    add_document,
    create_dossier,
    dossier_checks,
    list_dossiers,
    submit_dossier,
)
from paperasse.errors import InputError
from paperasse.ingest.deposit import read_upload
from paperasse.web.access import PageRoute, Viewer, ViewerDep, form_viewer_in
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

CitizenForm = Annotated[Viewer, Depends(form_viewer_in("citoyen"))]
LISTED_DOSSIERS = 50
FOR_WHOM_LABELS = {
    "demandeur": "vous",
    "chaque_partenaire": "chaque partenaire",
    "chaque_majeur_du_foyer": "chaque adulte du foyer",
    "enfant": "chaque enfant concerné",
}


def _ctx(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def _names(text: str) -> list[str]:
    """One full name per line; blank lines dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@router.get("/demarches")
def procedures_page(request: Request, viewer: ViewerDep) -> Response:
    """The procedures a citizen can start, and the dossiers already open."""
    dossiers = list_dossiers(_ctx(request), viewer.identity, limit=LISTED_DOSSIERS)
    return render(
        request,
        "demarches.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title="Démarches",
        procedures=list(load_catalogue().values()),
        dossiers=dossiers,
    )


@router.get("/demarches/{procedure_id}")
def procedure_page(request: Request, procedure_id: str, viewer: ViewerDep) -> Response:
    """The checklist of one procedure, with the form that opens a dossier."""
    procedure = get_procedure(procedure_id)
    wanted = {piece.for_whom for piece in procedure.pieces}
    return render(
        request,
        "demarche.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title=procedure.title,
        procedure=procedure,
        service=procedure.service,
        for_whom=FOR_WHOM_LABELS,
        asks_partners="chaque_partenaire" in wanted,
        asks_adults="chaque_majeur_du_foyer" in wanted,
        asks_children="enfant" in wanted,
    )


@router.post("/demarches/{procedure_id}/dossier")
def open_dossier(
    request: Request,
    procedure_id: str,
    viewer: CitizenForm,
    demandeur: Annotated[str, Form()] = "",
    partenaires: Annotated[str, Form()] = "",
    adultes: Annotated[str, Form()] = "",
    enfants: Annotated[str, Form()] = "",
) -> Response:
    """Open a draft dossier for the signed-in citizen and go to it."""
    persons: dict[str, Any] = {
        "applicant": demandeur.strip() or None,
        "partners": _names(partenaires),
        "household_adults": _names(adultes),
        "children": _names(enfants),
    }
    view = create_dossier(_ctx(request), viewer.identity, procedure_id, persons)
    return RedirectResponse(f"/dossiers/{view.id}", 303)


def _dossier_page(
    request: Request,
    viewer: Viewer,
    view: DossierView,
    *,
    template: str = "dossier.html",
    results: list[tuple[str, str, bool]] | None = None,
    status: int = 200,
    notice: str = "",
) -> Response:
    return render(
        request,
        template,
        identity=viewer.identity,
        csrf=viewer.csrf,
        title=view.procedure_title,
        status=status,
        view=view,
        owner=viewer.identity.role == "citoyen",
        results=results or [],
        notice=notice,
    )


@router.get("/dossiers/{dossier_id}")
def dossier_page(
    request: Request, dossier_id: str, viewer: ViewerDep, depose: str = ""
) -> Response:
    """The dossier's checklist, hints, documents, upload form and submit button."""
    view = dossier_checks(_ctx(request), viewer.identity, dossier_id)
    trace_dossier_view(_ctx(request), viewer.identity, view.id, "page")
    notice = "Votre dossier a été déposé à la mairie." if depose else ""
    return _dossier_page(request, viewer, view, notice=notice)


@router.get("/dossiers/{dossier_id}/etat")
def dossier_state(request: Request, dossier_id: str, viewer: ViewerDep) -> Response:
    """The hints and documents alone, for the page to refresh while documents are read."""
    view = dossier_checks(_ctx(request), viewer.identity, dossier_id)
    return _dossier_page(request, viewer, view, template="_dossier_etat.html")


@router.post("/dossiers/{dossier_id}/pieces")
async def add_pieces(
    request: Request,
    dossier_id: str,
    viewer: CitizenForm,
    fichiers: Annotated[list[UploadFile], File()],
) -> Response:
    """Add the files of the plain form (no JavaScript), each accepted or refused alone."""
    ctx = _ctx(request)
    results: list[tuple[str, str, bool]] = []
    for upload in fichiers:
        if not upload.filename:
            continue
        try:
            data, filename = await read_upload(upload, ctx.settings.max_upload_bytes)
            result = await run_in_threadpool(
                add_document, ctx, viewer.identity, dossier_id, data, filename
            )
        except InputError as e:
            results.append((upload.filename, e.message, False))
            continue
        taken = result.doc_type_label or "en cours de lecture"
        results.append((filename, f"reçu ({taken})", True))
    if not results:
        results.append(("", "Choisissez au moins un fichier à ajouter.", False))
    view = await run_in_threadpool(dossier_checks, ctx, viewer.identity, dossier_id)
    ok = all(r[2] for r in results)
    return _dossier_page(request, viewer, view, results=results, status=200 if ok else 400)


@router.post("/dossiers/{dossier_id}/depot")
def submit(request: Request, dossier_id: str, viewer: CitizenForm) -> Response:
    """Hand the dossier to the town hall, complete or not."""
    submit_dossier(_ctx(request), viewer.identity, dossier_id)
    return RedirectResponse(f"/dossiers/{dossier_id}?depose=1", 303)
