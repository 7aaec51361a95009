"""The review queue, and the document page: the original beside what was read from it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from paperasse.archive.documents import correct_document, latest_job, visible_document
from paperasse.archive.reads import trace_document_view
from paperasse.auth.roles import CORRECTOR_ROLES, STAFF_ROLES
from paperasse.context import Context
from paperasse.models.domain import DOC_LABELS, PRIORITIES, SERVICES
from paperasse.web import queries
from paperasse.web.access import (
    PageRoute,
    Viewer,
    ViewerDep,
    form_viewer_in,
    safe_next,
    viewer_in,
)
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

CorrectorViewer = Annotated[Viewer, Depends(viewer_in(*CORRECTOR_ROLES))]
CorrectorForm = Annotated[Viewer, Depends(form_viewer_in(*CORRECTOR_ROLES))]
CHOICES: dict[str, Any] = {
    "doc_types": DOC_LABELS,
    "services": SERVICES,
    "priorities": PRIORITIES,
}


@router.get("/revue")
def review_queue(request: Request, viewer: CorrectorViewer, fait: str = "") -> Response:
    """Documents whose automatic classification needs a person's confirmation."""
    ctx: Context = request.app.state.ctx
    with ctx.sessions() as session:
        docs = queries.review_queue(session, viewer.identity)
        session.expunge_all()
    return render(
        request,
        "revue.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title="Documents à vérifier",
        docs=docs,
        done=fait,
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
) -> Response:
    """Confirm or correct the type, service and priority in one go (audit-logged)."""
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
    if target == "/revue":
        target = f"/revue?fait={document_id}"
    return RedirectResponse(target, 303)


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: str, viewer: ViewerDep) -> Response:
    """The original, its text page by page, entities, dossier findings and history."""
    ctx: Context = request.app.state.ctx
    with ctx.sessions() as session:
        doc = visible_document(session, viewer.identity, document_id)
        receipts = queries.document_receipts(session, doc.id)
        dossiers = queries.document_dossiers(session, receipts)
        page: dict[str, Any] = {
            "doc": doc,
            "job": latest_job(session, doc.id),
            "pages": queries.document_pages(session, doc.id),
            "entities": queries.document_entities(session, doc.id),
            "receipts": receipts,
            "findings": queries.findings_about(dossiers, doc.id),
            "dossiers": dossiers,
            "events": queries.document_history(
                session, doc.id, with_reads=viewer.identity.role in STAFF_ROLES
            ),
        }
        session.expunge_all()
    details = {"via": "page", "pages": len(page["pages"]), "original": True}
    trace_document_view(ctx, viewer.identity, doc.id, details)
    return render(
        request,
        "document.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title=doc.original_filename,
        can_correct=viewer.identity.role in CORRECTOR_ROLES,
        **page,
        **CHOICES,
    )
