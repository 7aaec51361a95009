"""The archivists' page: what is due, the holds, the disposal lists, certificates, transfers."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from paperasse.archive.search import catch_up
from paperasse.context import Context
from paperasse.errors import NotFoundError
from paperasse.models.records_tables import Transfer
from paperasse.records import certificate, disposal, seda
from paperasse.records.holds import active_holds, hold_search, lift_hold, place_hold
from paperasse.records.retention import due
from paperasse.records.rights import RECORDS_ROLES
from paperasse.search.types import SearchQuery
from paperasse.web.access import PageRoute, Viewer, form_viewer_in, viewer_in
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

ArchivistViewer = Annotated[Viewer, Depends(viewer_in(*RECORDS_ROLES))]
ArchivistForm = Annotated[Viewer, Depends(form_viewer_in(*RECORDS_ROLES))]
FILE_TYPES = {".pdf": "application/pdf", ".json": "application/json", ".zip": "application/zip"}


def _back(message: str) -> Response:
    return RedirectResponse(f"/archives?fait={quote(message)}", 303)


@router.get("/archives")
def archives(request: Request, viewer: ArchivistViewer, fait: str = "") -> Response:
    """Everything an archivist acts on, on one page."""
    ctx: Context = request.app.state.ctx
    with ctx.sessions() as session:
        due_now = due(session)
        holds = active_holds(session)
        proposed = disposal.lists(session, "proposed")
        done = disposal.lists(session, "done")
        for item in (*proposed, *done):
            list(item.items)
        transfers = list(
            session.execute(select(Transfer).order_by(Transfer.created_at.desc())).scalars()
        )
        session.expunge_all()
    return render(
        request,
        "archives.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title="Archives",
        due=due_now,
        holds=holds,
        proposed=proposed,
        done_lists=done,
        transfers=transfers,
        names=certificate.names,
        message=fait,
    )


@router.post("/archives/bordereaux")
def propose(request: Request, viewer: ArchivistForm, tri: Annotated[str, Form()] = "") -> Response:
    ctx: Context = request.app.state.ctx
    disposal_id = disposal.propose(ctx, viewer.identity.actor, with_sorting=bool(tri))
    return _back("Bordereau proposé." if disposal_id else "Rien à éliminer.")


@router.post("/archives/bordereaux/approbation")
def approve(
    request: Request,
    viewer: ArchivistForm,
    bordereau: Annotated[str, Form()] = "",
    visa: Annotated[str, Form()] = "",
) -> Response:
    ctx: Context = request.app.state.ctx
    content = disposal.approve(ctx, viewer.identity.actor, bordereau, visa)
    catch_up(ctx)
    return _back(f"Élimination faite : {content['nombre']} document(s) détruit(s).")


@router.post("/archives/gels")
def hold(
    request: Request,
    viewer: ArchivistForm,
    motif: Annotated[str, Form()] = "",
    cible: Annotated[str, Form()] = "",
    recherche: Annotated[str, Form()] = "",
) -> Response:
    ctx: Context = request.app.state.ctx
    if recherche.strip():
        query = SearchQuery(text=recherche, principals=[])
        count = len(hold_search(ctx, viewer.identity, query, motif))
        return _back(f"{count} document(s) gelé(s).")
    place_hold(ctx, viewer.identity, cible.strip(), motif)
    return _back("Gel placé.")


@router.post("/archives/gels/levee")
def unhold(
    request: Request,
    viewer: ArchivistForm,
    gel: Annotated[str, Form()] = "",
    motif: Annotated[str, Form()] = "",
) -> Response:
    ctx: Context = request.app.state.ctx
    lift_hold(ctx, viewer.identity, gel, motif)
    return _back("Gel levé.")


@router.post("/archives/versements")
def transfer(request: Request, viewer: ArchivistForm, tri: Annotated[str, Form()] = "") -> Response:
    ctx: Context = request.app.state.ctx
    package = seda.transfer(ctx, viewer.identity.actor, with_sorting=bool(tri))
    if package is None:
        return _back("Rien à verser.")
    return _back(f"Versement préparé : {package.documents} document(s).")


@router.get("/archives/fichier")
def stored_file(request: Request, viewer: ArchivistViewer, nom: str = "") -> Response:
    """A certificate or a transfer package, as sealed in the store."""
    ctx: Context = request.app.state.ctx
    suffix = "." + nom.rsplit(".", 1)[-1] if "." in nom else ""
    if not nom.startswith((certificate.PREFIX, seda.PREFIX)) or suffix not in FILE_TYPES:
        raise NotFoundError("Ce fichier n'existe pas.")
    data = ctx.store.get_named(nom)
    filename = nom.rsplit("/", 1)[-1]
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(data, media_type=FILE_TYPES[suffix], headers=headers)
