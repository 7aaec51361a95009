"""A citizen's own space: « Mes documents » (their uploads, by dossier) and « Mon compte »
(the e-mail address notifications go to, and whether they want them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy import select

from paperasse.auth.roles import CITIZEN
from paperasse.checks import get_procedure
from paperasse.checks.evidence import state_of
from paperasse.context import Context
from paperasse.errors import InputError
from paperasse.models.tables import Document, Dossier, Receipt
from paperasse.notify import contact_preferences, set_contact_preferences
from paperasse.web.access import PageRoute, Viewer, form_viewer_in, viewer_in
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

CitizenViewer = Annotated[Viewer, Depends(viewer_in(CITIZEN))]
CitizenForm = Annotated[Viewer, Depends(form_viewer_in(CITIZEN))]
LISTED = 500


@dataclass
class MyFile:
    id: str
    filename: str
    doc_type: str | None
    state: str
    readable: bool


@dataclass
class MyGroup:
    """A dossier's files, or the files no longer in any dossier."""

    title: str
    dossier_id: str | None = None
    number: str | None = None
    status: str | None = None
    files: list[MyFile] = field(default_factory=list)


def my_documents(ctx: Context, user_id: str) -> list[MyGroup]:
    """The citizen's uploads grouped by dossier, newest dossier first."""
    stmt = (
        select(Receipt.dossier_id, Document, Dossier)
        .join(Document, Document.id == Receipt.document_id)
        .outerjoin(Dossier, Dossier.id == Receipt.dossier_id)
        .where(Receipt.user_id == user_id, Receipt.source == "upload")
        .order_by(Receipt.id.desc())
        .limit(LISTED)
    )
    groups: dict[str | None, MyGroup] = {}
    seen: set[tuple[str | None, str]] = set()
    with ctx.sessions() as session:
        for dossier_id, doc, dossier in session.execute(stmt).all():
            if (dossier_id, doc.id) in seen:
                continue
            seen.add((dossier_id, doc.id))
            group = groups.get(dossier_id)
            if group is None:
                group = _group(dossier)
                groups[dossier_id] = group
            state = state_of(doc.status)
            group.files.append(
                MyFile(
                    id=doc.id,
                    filename=doc.original_filename,
                    doc_type=doc.doc_type if state in ("processed", "needs_review") else None,
                    state=state,
                    readable=state in ("processed", "needs_review"),
                )
            )
    loose = groups.pop(None, None)
    return [*groups.values(), *([loose] if loose else [])]


def _group(dossier: Dossier | None) -> MyGroup:
    if dossier is None:
        return MyGroup(title="Fichiers retirés de vos dossiers")
    return MyGroup(
        title=get_procedure(dossier.procedure).title,
        dossier_id=dossier.id,
        number=dossier.number,
        status=dossier.status,
    )


@router.get("/mes-documents")
def my_documents_page(request: Request, viewer: CitizenViewer) -> Response:
    """The files the citizen sent, by dossier, with what became of each."""
    ctx: Context = request.app.state.ctx
    return render(
        request,
        "mes_documents.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title="Mes documents",
        groups=my_documents(ctx, viewer.identity.user_id),
    )


def _account(
    request: Request, viewer: Viewer, *, notice: str = "", error: str = "", status: int = 200
) -> Response:
    ctx: Context = request.app.state.ctx
    return render(
        request,
        "compte.html",
        identity=viewer.identity,
        csrf=viewer.csrf,
        title="Mon compte",
        status=status,
        contact=contact_preferences(ctx, viewer.identity),
        notice=notice,
        error=error,
    )


@router.get("/compte")
def account_page(request: Request, viewer: CitizenViewer) -> Response:
    """The e-mail address and the choice to be told of each step by e-mail."""
    return _account(request, viewer)


@router.post("/compte")
def save_account(
    request: Request,
    viewer: CitizenForm,
    courriel: Annotated[str, Form()] = "",
    avis: Annotated[str, Form()] = "",
) -> Response:
    """Store the citizen's choice (audit-logged, the address itself is not)."""
    ctx: Context = request.app.state.ctx
    try:
        set_contact_preferences(ctx, viewer.identity, courriel, avis == "oui")
    except InputError as e:
        return _account(request, viewer, error=e.message, status=400)
    return _account(request, viewer, notice="Vos préférences sont enregistrées.")
