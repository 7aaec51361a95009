"""The town hall's side of dossiers: the « Dossiers » list per service, and a dossier's
page where an agent reads every document, overrules a finding, asks for a
complement, accepts or refuses. Every decision goes through
:mod:`paperasse.dossiers`, which audit-logs it and tells the citizen.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from paperasse.archive.reads import trace_dossier_view
from paperasse.auth.roles import ADMIN, AGENT, ARCHIVIST, CITIZEN
from paperasse.dossiers import (
    DossierView,
    ask_complement,
    audit_history,
    decide,
    dossier_checks,
    list_dossiers,
    override_finding,
    service_of,
    take_up,
)
from paperasse.errors import PermissionDeniedError
from paperasse.models.domain import SERVICES
from paperasse.models.tables import Document
from paperasse.web.access import PageRoute, Viewer, ViewerDep, form_viewer_in
from paperasse.web.dossier_common import ctx_of, dossier_page_response
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

InstructorForm = Annotated[Viewer, Depends(form_viewer_in(AGENT, ADMIN))]
LISTED = 500
GROUPS = (
    ("a_traiter", "À traiter", ("depose", "en_instruction")),
    ("en_attente", "En attente du demandeur", ("a_completer",)),
    ("decides", "Décidés", ("accepte", "refuse")),
)
DONE = {
    "instruction": "Vous avez pris ce dossier en charge.",
    "complement": "Le complément est demandé : le demandeur est prévenu.",
    "accepte": "La demande est acceptée : le demandeur est prévenu.",
    "refuse": "La demande est refusée : le demandeur est prévenu.",
    "constat": "La remarque est levée ; votre motif est enregistré.",
    "message": "Message envoyé.",
}


def _documents(request: Request, view: DossierView) -> dict[str, Document]:
    ids = [d.id for d in view.documents]
    if not ids:
        return {}
    ctx = ctx_of(request)
    with ctx.sessions() as session:
        rows = list(session.execute(select(Document).where(Document.id.in_(ids))).scalars())
        session.expunge_all()
    return {row.id: row for row in rows}


def agent_page(request: Request, viewer: Viewer, dossier_id: str, *, done: str = "") -> Response:
    """Everything an agent needs to decide on a dossier, and the forms to do it."""
    ctx = ctx_of(request)
    view = dossier_checks(ctx, viewer.identity, dossier_id)
    trace_dossier_view(ctx, viewer.identity, view.id, "page")
    identity = viewer.identity
    may_read_history = identity.role in (ADMIN, ARCHIVIST) or (
        identity.role == AGENT and service_of(view.procedure) in identity.services
    )
    extra: dict[str, Any] = {
        "rows": _documents(request, view),
        "history": audit_history(ctx, identity, dossier_id) if may_read_history else [],
    }
    return dossier_page_response(request, viewer, view, notice=DONE.get(done, ""), extra=extra)


def _services_of(viewer: Viewer) -> tuple[str, ...]:
    if viewer.identity.role == AGENT:
        return tuple(s for s in SERVICES if s in viewer.identity.services)
    return SERVICES


@router.get("/dossiers")
def dossiers_page(request: Request, viewer: ViewerDep) -> Response:
    """Submitted dossiers per service: those to act on first, by the day silence decides."""
    if viewer.identity.role == CITIZEN:
        return RedirectResponse("/demarches", 303)
    if viewer.identity.role not in (AGENT, ARCHIVIST, ADMIN):
        raise PermissionDeniedError("Les dossiers des citoyens sont instruits par les agents.")
    views = list_dossiers(ctx_of(request), viewer.identity, limit=LISTED, by_due_date=True)
    by_service: dict[str, dict[str, list[DossierView]]] = defaultdict(lambda: defaultdict(list))
    for view in views:
        for key, _title, statuses in GROUPS:
            if view.status in statuses:
                by_service[service_of(view.procedure)][key].append(view)
    services = [s for s in _services_of(viewer) if s in by_service]
    return render(
        request,
        "dossiers.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title="Dossiers",
        services=services,
        by_service=by_service,
        groups=GROUPS,
    )


def _back(dossier_id: str, done: str, anchor: str = "decision") -> Response:
    return RedirectResponse(f"/dossiers/{dossier_id}?fait={done}#{anchor}", 303)


@router.post("/dossiers/{dossier_id}/instruction")
def start(request: Request, dossier_id: str, viewer: InstructorForm) -> Response:
    """The agent takes a submitted dossier in hand."""
    take_up(ctx_of(request), viewer.identity, dossier_id)
    return _back(dossier_id, "instruction")


@router.post("/dossiers/{dossier_id}/complement")
def complement(
    request: Request, dossier_id: str, viewer: InstructorForm, message: Annotated[str, Form()] = ""
) -> Response:
    """Ask the citizen for a complement, saying what to add or redo."""
    ask_complement(ctx_of(request), viewer.identity, dossier_id, message)
    return _back(dossier_id, "complement")


@router.post("/dossiers/{dossier_id}/decision")
def decision(
    request: Request,
    dossier_id: str,
    viewer: InstructorForm,
    decision: Annotated[str, Form()] = "",
    motif: Annotated[str, Form()] = "",
) -> Response:
    """Accept (message optional) or refuse (reason required)."""
    decide(ctx_of(request), viewer.identity, dossier_id, decision, motif)
    return _back(dossier_id, "refuse" if decision == "refuse" else "accepte")


@router.post("/dossiers/{dossier_id}/constats")
def overrule(
    request: Request,
    dossier_id: str,
    viewer: InstructorForm,
    code: Annotated[str, Form()] = "",
    piece: Annotated[str, Form()] = "",
    document: Annotated[str, Form()] = "",
    personne: Annotated[str, Form()] = "",
    motif: Annotated[str, Form()] = "",
) -> Response:
    """Lift a finding, with the reason it does not hold (audit-logged, shown to the citizen)."""
    override_finding(
        ctx_of(request),
        viewer.identity,
        dossier_id,
        code,
        piece or None,
        document or None,
        motif,
        person=personne or None,
    )
    return _back(dossier_id, "constat", "constats")
