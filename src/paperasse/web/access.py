"""Who is looking at a page, what they may open, and the errors pages answer in HTML.

Pages sign people in with the session cookie only (never a bearer token). Every
page route uses :class:`PageRoute`, which turns the error tree into pages: an
anonymous visitor is sent to ``/connexion?suivant=…``, a forbidden role gets a
403 page, an id that is not theirs a 404 page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from paperasse.auth import PAGE, Identity, check_csrf, csrf_token_for, identity_for
from paperasse.auth.clients import connection_client
from paperasse.auth.csrf import CSRF_FIELD
from paperasse.auth.sessions import COOKIE_NAME, cleared_session_cookie
from paperasse.context import Context
from paperasse.errors import AuthenticationError, PaperasseError, PermissionDeniedError
from paperasse.web.rendering import render

log = logging.getLogger(__name__)

HOME_BY_ROLE = {
    "citoyen": "/demarches",
    "courrier": "/courrier",
    "agent": "/courrier",
    "archiviste": "/recherche",
    "admin": "/courrier",
}


@dataclass(frozen=True)
class Viewer:
    """A signed-in person on a page, with the CSRF token their forms must carry."""

    identity: Identity
    csrf: str


def is_secure(request: Request) -> bool:
    return request.url.scheme == "https"


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: no open redirect."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(c in target for c in "\r\n\\"):
        return None
    return target


def get_viewer(request: Request) -> Viewer:
    """The signed-in person from the session cookie; AuthenticationError otherwise."""
    cookie = request.cookies.get(COOKIE_NAME)
    if not cookie:
        raise AuthenticationError("Connectez-vous pour accéder à cette page.")
    ctx: Context = request.app.state.ctx
    identity = identity_for(ctx, PAGE, cookie)
    return Viewer(identity, csrf_token_for(request.app.state.secret, cookie))


def client_of(request: Request) -> str:
    """The visitor's address (``X-Forwarded-For`` only from the configured proxies)."""
    ctx: Context = request.app.state.ctx
    return connection_client(request, ctx.settings.auth.proxy_networks)


ViewerDep = Annotated[Viewer, Depends(get_viewer)]


def viewer_in(*roles: str) -> Callable[[Viewer], Viewer]:
    """A dependency admitting only these roles, with a French 403 page for the others."""

    def check(viewer: ViewerDep) -> Viewer:
        if viewer.identity.role not in roles:
            raise PermissionDeniedError("Votre rôle ne donne pas accès à cette page.")
        return viewer

    return check


async def form_viewer(request: Request, viewer: ViewerDep) -> Viewer:
    """The signed-in person of a POSTed form, whose CSRF token must match their session."""
    form = await request.form()
    submitted = form.get(CSRF_FIELD)
    check_csrf(
        request.app.state.secret,
        request.cookies.get(COOKIE_NAME, ""),
        submitted if isinstance(submitted, str) else None,
    )
    return viewer


FormViewerDep = Annotated[Viewer, Depends(form_viewer)]


def form_viewer_in(*roles: str) -> Callable[[Viewer], Viewer]:
    """Like :func:`viewer_in`, for POSTed forms (CSRF-checked)."""

    def check(viewer: FormViewerDep) -> Viewer:
        if viewer.identity.role not in roles:
            raise PermissionDeniedError("Votre rôle ne permet pas cette action.")
        return viewer

    return check


def error_page(request: Request, exc: PaperasseError) -> Response:
    """The HTML answer to an error raised while building a page."""
    if isinstance(exc, AuthenticationError):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":
            target = request.headers.get("referer", "") or "/"
            target = safe_next(urlsplit(target).path) or "/"
        response = RedirectResponse(f"/connexion?suivant={quote(target, safe='/')}", 303)
        if request.cookies.get(COOKIE_NAME):
            response.set_cookie(**cleared_session_cookie(secure=is_secure(request)))
        return response
    titles = {403: "Accès refusé", 404: "Page introuvable", 429: "Trop de tentatives"}
    if exc.status >= 500:
        log.error("page %s failed: %s: %s", request.url.path, exc.code, exc.message)
    viewer = optional_viewer(request)
    return render(
        request,
        "erreur.html",
        identity=viewer.identity if viewer else None,
        csrf=viewer.csrf if viewer else "",
        status=exc.status,
        title=titles.get(exc.status, "Erreur"),
        message=exc.message,
    )


def optional_viewer(request: Request) -> Viewer | None:
    """The signed-in person, or None for a visitor (or an expired session)."""
    try:
        return get_viewer(request)
    except PaperasseError:
        return None


class PageRoute(APIRoute):
    """A route whose errors are pages (and redirects to sign in), not JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except PaperasseError as exc:
                return error_page(request, exc)
            except RequestValidationError:
                message = "La demande est incomplète ou mal formée : revenez à la page précédente."
                return render(request, "erreur.html", status=422, title="Erreur", message=message)

        return page_handler
