"""A document's page. For the town hall: the original beside what was read from it, its
classification, its sender and acknowledgement of receipt, the dossier findings that
name it and its history (its dossiers' decisions included). For a citizen: what they
sent, what it was taken for and what the town hall says about it, nothing internal.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from paperasse.archive.documents import latest_job, visible_document
from paperasse.archive.reads import trace_document_view
from paperasse.auth.roles import CITIZEN, CORRECTOR_ROLES, STAFF_ROLES
from paperasse.checks import get_procedure
from paperasse.context import Context
from paperasse.dossiers.acknowledgements import mail_acknowledgement, record_sender
from paperasse.web import queries
from paperasse.web.access import PageRoute, Viewer, ViewerDep, form_viewer_in
from paperasse.web.rendering import render
from paperasse.web.review import CHOICES

router = APIRouter(route_class=PageRoute, include_in_schema=False)

CorrectorForm = Annotated[Viewer, Depends(form_viewer_in(*CORRECTOR_ROLES))]
NOTICES = {
    "expediteur": "Expéditeur et objet enregistrés ; l'accusé de réception est prêt.",
}


def _notice(request: Request) -> str:
    q = request.query_params
    if q.get("relance"):
        if q.get("resultat") == "ok":
            return "Le traitement a été relancé : le document est de nouveau en file d'attente."
        return "Ce document était déjà en file d'attente : rien à relancer."
    return NOTICES.get(q.get("fait", ""), "")


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: str, viewer: ViewerDep) -> Response:
    """The document as its viewer may see it."""
    ctx: Context = request.app.state.ctx
    with ctx.sessions() as session:
        doc = visible_document(session, viewer.identity, document_id)
        receipts = queries.document_receipts(session, doc.id)
        dossiers = queries.document_dossiers(session, receipts)
        job = latest_job(session, doc.id)
        page: dict[str, Any] = {
            "doc": doc,
            "job": job,
            "retry_helps": queries.Row(doc, job).retry_helps(ctx.settings.jobs.max_attempts),
            "pages": queries.document_pages(session, doc.id),
            "entities": queries.document_entities(session, doc.id),
            "receipts": receipts,
            "findings": queries.findings_about(dossiers, doc.id),
            "dossiers": dossiers,
            "titles": {d.id: get_procedure(d.procedure).title for d in dossiers},
            "events": queries.document_history(
                session,
                doc.id,
                [d.id for d in dossiers],
                with_reads=viewer.identity.role in STAFF_ROLES,
            ),
        }
        session.expunge_all()
    details = {"via": "page", "pages": len(page["pages"]), "original": True}
    trace_document_view(ctx, viewer.identity, doc.id, details)
    citizen = viewer.identity.role == CITIZEN
    return render(
        request,
        "document_citoyen.html" if citizen else "document.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title=doc.original_filename,
        can_correct=viewer.identity.role in CORRECTOR_ROLES,
        notice=_notice(request),
        readable=doc.status in ("processed", "needs_review"),
        **page,
        **CHOICES,
    )


@router.post("/documents/{document_id}/expediteur")
def sender(
    request: Request,
    document_id: str,
    viewer: CorrectorForm,
    nom: Annotated[str, Form()] = "",
    adresse: Annotated[str, Form()] = "",
    objet: Annotated[str, Form()] = "",
) -> Response:
    """Record a letter's sender and subject; its acknowledgement of receipt follows."""
    ctx: Context = request.app.state.ctx
    record_sender(ctx, viewer.identity, document_id, name=nom, address=adresse, subject=objet)
    return RedirectResponse(f"/documents/{document_id}?fait=expediteur#courrier", 303)


@router.get("/documents/{document_id}/accuse-reception.pdf")
def acknowledgement(request: Request, document_id: str, viewer: ViewerDep) -> Response:
    """The acknowledgement of receipt of a letter whose sender is known (PDF)."""
    ctx: Context = request.app.state.ctx
    name, data = mail_acknowledgement(ctx, viewer.identity, document_id)
    headers = {
        "Content-Disposition": f'inline; filename="{name}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(data, media_type="application/pdf", headers=headers)
