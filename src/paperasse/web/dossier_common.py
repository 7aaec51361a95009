"""What every rendering of a dossier needs, for its citizen or for its agents."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from paperasse.auth.roles import ADMIN, AGENT, CITIZEN
from paperasse.checks import get_procedure
from paperasse.context import Context
from paperasse.dossiers import DossierView, service_of, timeline
from paperasse.dossiers.acknowledgements import missing_of
from paperasse.web.access import Viewer
from paperasse.web.rendering import render

READABLE = frozenset({"processed", "needs_review"})
Results = list[tuple[str, str, bool]]


def ctx_of(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def display_names(view: DossierView) -> dict[str, str]:
    """File names people can tell apart: two « scan.jpg » become « scan.jpg (1) » and
    « scan.jpg (2) », numbered in the order they were sent (their previews differ too)."""
    counts = Counter(d.filename for d in view.documents)
    seen: Counter[str] = Counter()
    names = {}
    for doc in sorted(view.documents, key=lambda d: (d.received_at is None, d.received_at)):
        if counts[doc.filename] > 1:
            seen[doc.filename] += 1
            names[doc.id] = f"{doc.filename} ({seen[doc.filename]})"
        else:
            names[doc.id] = doc.filename
    return names


def removable(view: DossierView) -> set[str]:
    """Files the citizen may still take back: all in a draft, after a complement the new ones."""
    if not view.editable:
        return set()
    since = view.last_submitted_at
    return {
        d.id
        for d in view.documents
        if since is None or (d.received_at is not None and d.received_at > since)
    }


def dossier_context(ctx: Context, viewer: Viewer, view: DossierView) -> dict[str, Any]:
    """What every rendering of a dossier needs, for its citizen or its agents."""
    procedure = get_procedure(view.procedure)
    identity = viewer.identity
    instructor = identity.role == ADMIN or (
        identity.role == AGENT and service_of(view.procedure) in identity.services
    )
    steps = timeline(ctx, identity, view.id)
    last = next((s for s in reversed(steps) if s.kind == "statut"), None)
    return {
        "view": view,
        "procedure": procedure,
        "owner": identity.role == CITIZEN,
        "instructor": instructor,
        "names": display_names(view),
        "readable": {d.id for d in view.documents if d.status in READABLE},
        "removable": removable(view),
        "missing": missing_of(view),
        "required_total": sum(1 for s in view.slots if s.required),
        "required_done": sum(1 for s in view.slots if s.required and s.state == "fournie"),
        "steps": steps,
        "status_text": last.text if last is not None and last.status == view.status else None,
    }


def dossier_page_response(
    request: Request,
    viewer: Viewer,
    view: DossierView,
    *,
    template: str | None = None,
    results: Results | None = None,
    status: int = 200,
    notice: str = "",
    extra: dict[str, Any] | None = None,
) -> Response:
    """The dossier's page (or one of its fragments), for whoever is looking."""
    ctx = ctx_of(request)
    chosen = template or (
        "dossier.html" if viewer.identity.role == CITIZEN else "dossier_agent.html"
    )
    context = dossier_context(ctx, viewer, view)
    if extra:
        context.update(extra)
    return render(
        request,
        chosen,
        identity=viewer.identity,
        csrf=viewer.csrf,
        title=view.procedure_title,
        status=status,
        results=results or [],
        notice=notice,
        **context,
    )
