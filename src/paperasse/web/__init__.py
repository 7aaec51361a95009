"""Server-rendered web pages in French: sign-in, mailroom, review, document, search,
the citizens' procedures, and the archivists' page.

Pages are plain HTML forms that work without JavaScript; small scripts of our
own add upload progress and live refresh. ``router`` holds every page route
(left out of the OpenAPI schema); ``STATIC_DIR`` is mounted at ``/static``.
"""

from __future__ import annotations

from fastapi import APIRouter

from paperasse.web import citizen, mailroom, records_page, review, search_page, signin
from paperasse.web.rendering import STATIC_DIR

router = APIRouter()
for _module in (signin, mailroom, review, search_page, citizen, records_page):
    router.include_router(_module.router)

__all__ = ["STATIC_DIR", "router"]
