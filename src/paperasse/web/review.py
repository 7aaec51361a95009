"""The review queue: documents whose automatic classification a person must confirm or
correct, one card each with a preview, kept in place after each action."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from paperasse.archive.documents import correct_document
from paperasse.auth.roles import CORRECTOR_ROLES
from paperasse.context import Context
from paperasse.models.domain import DOC_LABELS, PRIORITIES, SERVICES
from paperasse.models.tables import Document
from paperasse.web import queries
from paperasse.web.access import PageRoute, Viewer, form_viewer_in, safe_next, viewer_in
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

CorrectorViewer = Annotated[Viewer, Depends(viewer_in(*CORRECTOR_ROLES))]
CorrectorForm = Annotated[Viewer, Depends(form_viewer_in(*CORRECTOR_ROLES))]
CHOICES: dict[str, Any] = {
    "doc_types": DOC_LABELS,
    "services": SERVICES,
    "priorities": PRIORITIES,
}


SORTS = {"arrivee": "ordre d'arrivée", "echeance": "date d'échéance"}


@router.get("/revue")
def review_queue(
    request: Request, viewer: CorrectorViewer, fait: str = "", tri: str = "echeance"
) -> Response:
    """Documents whose automatic classification needs a person's confirmation."""
    ctx: Context = request.app.state.ctx
    sort = tri if tri in SORTS else "echeance"
    with ctx.sessions() as session:
        docs, total = queries.review_queue(session, viewer.identity, by_due_date=sort == "echeance")
        done = session.get(Document, fait) if fait else None
        done_name = done.original_filename if done is not None else ""
        session.expunge_all()
    return render(
        request,
        "revue.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title="Documents à vérifier",
        docs=docs,
        total=total,
        done=done_name,
        sort=sort,
        sorts=SORTS,
        following={d.id: docs[i + 1].id for i, d in enumerate(docs[:-1])},
        **CHOICES,
    )


@router.post("/documents/{document_id}/classement")
def classify(
    request: Request,
    document_id: str,
    viewer: CorrectorForm,
    doc_type: Annotated[str, Form()] = "",
    service: Annotated[str, Form()] = "",
    priority: Annotated[str, Form()] = "",
    retour: Annotated[str, Form()] = "",
    suivant: Annotated[str, Form()] = "",
) -> Response:
    """Confirm or correct the type, service and priority in one go (audit-logged); back in
    the queue, the page opens on the next card."""
    ctx: Context = request.app.state.ctx
    correct_document(
        ctx,
        viewer.identity,
        document_id,
        doc_type=doc_type or None,
        service=service or None,
        priority=priority or None,
    )
    target = safe_next(retour) or f"/documents/{document_id}"
    if target.startswith("/revue"):
        sort = parse_qs(urlsplit(target).query).get("tri", ["echeance"])[0]
        anchor = f"#carte-{suivant}" if suivant.isalnum() else "#compte"
        target = f"/revue?{urlencode({'tri': sort, 'fait': document_id})}{anchor}"
    return RedirectResponse(target, 303)
