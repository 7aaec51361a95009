"""Citizens' pages: choose a procedure, read its checklist, open a dossier.

The dossier itself (its slots, submission and timeline) is ``dossier_page``.
Everything goes through :mod:`paperasse.dossiers`, so the pages, the API and the
CLI give the same verdicts; ids of other people's dossiers answer a 404 page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from paperasse.checks import get_procedure, load_catalogue
from paperasse.checks.slots import accepted_text
from paperasse.context import Context
from paperasse.dossiers import create_dossier, list_dossiers
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
        accepted={piece.id: accepted_text(piece) for piece in procedure.pieces},
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
