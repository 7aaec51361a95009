"""Jinja2 templates, with autoescaping on, and the words every page needs.

The environment is built on first use and cached: nothing happens at import time.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from paperasse.auth import Identity
from paperasse.web import labels, phrasing

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


@dataclass(frozen=True)
class NavLink:
    href: str
    label: str


_DOSSIERS = NavLink("/dossiers", "Dossiers")
_MAIL = NavLink("/courrier", "Courrier du jour")
_REVIEW = NavLink("/revue", "À vérifier")
_SEARCH = NavLink("/recherche", "Recherche")
_ARCHIVES = NavLink("/archives", "Archives")
NAV: dict[str, tuple[NavLink, ...]] = {
    "citoyen": (
        NavLink("/demarches", "Mes démarches"),
        NavLink("/mes-documents", "Mes documents"),
        NavLink("/compte", "Mon compte"),
    ),
    "courrier": (_MAIL, _REVIEW, _SEARCH),
    "agent": (_DOSSIERS, _MAIL, _REVIEW, _SEARCH),
    "archiviste": (_DOSSIERS, _SEARCH, _ARCHIVES),
    "admin": (_DOSSIERS, _MAIL, _REVIEW, _SEARCH, _ARCHIVES),
}


@functools.cache
def environment() -> Environment:
    """The template environment: HTML-escaped by default, undefined names are errors."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        status=labels.status_label,
        service=labels.service_label,
        priority=labels.priority_label,
        doc_type=labels.doc_type_label,
        action=labels.action_label,
        actor=labels.actor_label,
        when=phrasing.local_time,
        day=phrasing.local_date,
        percent=phrasing.percent,
        event_detail=phrasing.event_detail,
        reason=phrasing.plain_reason,
        field_name=phrasing.field_name,
        field_value=phrasing.field_value,
        field_source=phrasing.field_source,
    )
    env.globals.update(
        SERVICE_LABELS=labels.SERVICE_LABELS,
        PRIORITY_LABELS=labels.PRIORITY_LABELS,
        ROLE_LABELS=labels.ROLE_LABELS,
        DOSSIER_STATUS_LABELS=labels.DOSSIER_STATUS_LABELS,
        SEVERITY_LABELS=labels.SEVERITY_LABELS,
        SLOT_LABELS=labels.SLOT_LABELS,
        FILE_LABELS=labels.FILE_LABELS,
        TONES=labels.TONES,
    )
    return env


def render(
    request: Request,
    template: str,
    *,
    identity: Identity | None = None,
    csrf: str = "",
    status: int = 200,
    title: str = "",
    **context: Any,
) -> HTMLResponse:
    """A full page (or fragment) rendered with the caller's navigation and CSRF token."""
    nav = NAV.get(identity.role, ()) if identity else ()
    html = (
        environment()
        .get_template(template)
        .render(
            request_path=request.url.path,
            identity=identity,
            csrf=csrf,
            nav=nav,
            title=title,
            **context,
        )
    )
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    return HTMLResponse(html, status_code=status, headers=headers)
