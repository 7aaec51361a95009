"""The mailroom page: drop many scans at once, follow the mail with filters and sorts,
re-route several documents at once, retry the failures a retry can mend.

With JavaScript the files go one by one to ``POST /api/v1/documents`` with a
progress bar each, and the table refreshes itself; without it the same form
posts here and the page answers with what was received.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from paperasse.archive.documents import correct_document
from paperasse.auth.roles import INTAKE_ROLES
from paperasse.context import Context
from paperasse.errors import InputError
from paperasse.ingest.deposit import Depositor, deposit, origin_for, read_upload, services_for
from paperasse.ingest.jobs import retry_document
from paperasse.models.domain import SERVICES
from paperasse.web.access import PageRoute, Viewer, form_viewer_in, safe_next, viewer_in
from paperasse.web.queries import (
    PERIOD_DAYS,
    STATE_FILTERS,
    MailFilters,
    failed_documents,
    mail_documents,
)
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

IntakeViewer = Annotated[Viewer, Depends(viewer_in(*INTAKE_ROLES))]
IntakeForm = Annotated[Viewer, Depends(form_viewer_in(*INTAKE_ROLES))]
SORTS = {"recu": "Reçu le plus récemment", "echeance": "Échéance", "priorite": "Priorité"}


def filters_of(request: Request) -> MailFilters:
    """The filters in the page's query string, unknown values dropped."""
    q = request.query_params
    return MailFilters(
        period=q.get("periode", "jour") if q.get("periode") in PERIOD_DAYS else "jour",
        state=q.get("etat", "") if q.get("etat") in STATE_FILTERS else "",
        service=q.get("service", "") if q.get("service") in (*SERVICES, "aucun") else "",
        origin=q.get("origine", "") if q.get("origine") in ("courrier", "citoyen") else "",
        sort=q.get("tri", "recu") if q.get("tri") in SORTS else "recu",
    )


def query_of(filters: MailFilters) -> str:
    values = {
        "periode": filters.period,
        "etat": filters.state,
        "service": filters.service,
        "origine": filters.origin,
        "tri": filters.sort,
    }
    return urlencode({k: v for k, v in values.items() if v})


def _tracking(request: Request, viewer: Viewer, filters: MailFilters) -> dict[str, Any]:
    ctx: Context = request.app.state.ctx
    with ctx.sessions() as session:
        rows = mail_documents(session, viewer.identity, filters)
        failed = failed_documents(session, viewer.identity)
        session.expunge_all()
    return {
        "rows": rows,
        "failed": failed,
        "filters": filters,
        "query": query_of(filters),
        "max_attempts": ctx.settings.jobs.max_attempts,
        "all_services": SERVICES,
    }


def _page(
    request: Request, viewer: Viewer, *, results: list[tuple[str, str, bool]] | None = None
) -> Response:
    q = request.query_params
    notice = ""
    if q.get("relance"):
        notice = (
            "Le traitement a été relancé : le document est de nouveau en file d'attente."
            if q.get("resultat") == "ok"
            else "Ce document était déjà en file d'attente : rien à relancer."
        )
    elif q.get("reoriente"):
        notice = f"{q.get('reoriente')} document(s) réorienté(s)."
    return render(
        request,
        "courrier.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title="Courrier du jour",
        services=list(services_for(viewer.identity)),
        results=results or [],
        notice=notice,
        sorts=SORTS,
        **_tracking(request, viewer, filters_of(request)),
    )


@router.get("/courrier")
def mailroom(request: Request, viewer: IntakeViewer) -> Response:
    """The drop zone and the mail, filtered and sorted as asked."""
    return _page(request, viewer)


@router.get("/courrier/suivi")
def tracking(request: Request, viewer: IntakeViewer) -> Response:
    """The tables alone, for the page to refresh itself."""
    return render(
        request,
        "_suivi.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        **_tracking(request, viewer, filters_of(request)),
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


@router.post("/courrier/reorienter")
def reroute(
    request: Request,
    viewer: IntakeForm,
    ids: Annotated[list[str], Form()] = [],  # noqa: B006
    service: Annotated[str, Form()] = "",
    retour: Annotated[str, Form()] = "",
) -> Response:
    """Send the checked documents to one service (each change audit-logged)."""
    ctx: Context = request.app.state.ctx
    if service not in SERVICES:
        raise InputError("Choisissez le service vers lequel réorienter les documents.")
    if not ids:
        raise InputError("Cochez au moins un document à réorienter.")
    for document_id in ids[:200]:
        correct_document(ctx, viewer.identity, document_id, service=service)
    return RedirectResponse(_with(retour, reoriente=str(len(ids[:200]))), 303)


def _with(target: str, **params: str) -> str:
    """``target`` (a path on this site, else /courrier) with ``params`` added to its query."""
    path = safe_next(target) or "/courrier"
    parts = urlsplit(path)
    kept = [p for p in parts.query.split("&") if p and p.split("=")[0] not in params]
    query = "&".join([*kept, urlencode(params)])
    return f"{parts.path}?{query}"


@router.post("/documents/{document_id}/relancer")
def retry(
    request: Request,
    document_id: str,
    viewer: IntakeForm,
    retour: Annotated[str, Form()] = "",
) -> Response:
    """Queue a failed document again, then go back to say so on the page the button was on."""
    ctx: Context = request.app.state.ctx
    queued = retry_document(ctx, viewer.identity, document_id)
    target = _with(retour, relance=document_id, resultat="ok" if queued else "deja")
    return RedirectResponse(target, 303)
