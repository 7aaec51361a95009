"""Server-rendered web pages in French: sign-in, mailroom, review, document, search,
the citizens' procedures, dossiers and account, the agents' dossiers, and the archivists'
page.

Pages are plain HTML forms that work without JavaScript; small scripts of our
own add upload progress and live refresh. ``router`` holds every page route
(left out of the OpenAPI schema); ``STATIC_DIR`` is mounted at ``/static``.
"""

from __future__ import annotations

from fastapi import APIRouter

from paperasse.web import (
    account,
    agent_dossiers,
    citizen,
    document_page,
    dossier_page,
    mailroom,
    records_page,
    review,
    search_page,
    signin,
    thumbnails,
)
from paperasse.web.rendering import STATIC_DIR

router = APIRouter()
_PAGES = (
    signin,
    mailroom,
    review,
    document_page,
    search_page,
    citizen,
    agent_dossiers,
    dossier_page,
    account,
    thumbnails,
    records_page,
)
for _module in _PAGES:
    router.include_router(_module.router)

__all__ = ["STATIC_DIR", "router"]
