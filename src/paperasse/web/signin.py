"""Sign-in and sign-out pages, and the home page that sends each role to its work.

The sign-in form has no session yet to bind a CSRF token to, so it gets a
short-lived random cookie of its own and the form carries an HMAC of it (a
signed double-submit): a cross-site page cannot read the cookie to forge the
token, so it cannot sign a victim into the attacker's account.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from paperasse.auth import PAGE, PasswordAuthenticator, end_session, open_session, session_cookie
from paperasse.auth.csrf import CSRF_FIELD
from paperasse.auth.sessions import COOKIE_NAME, cleared_session_cookie, lifetime
from paperasse.auth.signing import mac
from paperasse.context import Context
from paperasse.errors import AuthenticationError, RateLimitedError
from paperasse.web.access import (
    HOME_BY_ROLE,
    FormViewerDep,
    PageRoute,
    ViewerDep,
    client_of,
    is_secure,
    optional_viewer,
    safe_next,
)
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)

LOGIN_COOKIE = "paperasse_connexion"
LOGIN_PURPOSE = "login-csrf"
LOGIN_COOKIE_TTL = 3600


def _login_token(secret: bytes, nonce: str) -> str:
    return mac(secret, LOGIN_PURPOSE, nonce.encode())


def _login_form(
    request: Request,
    *,
    suivant: str | None,
    error: str = "",
    username: str = "",
    notice: str = "",
    status: int = 200,
) -> Response:
    secret: bytes = request.app.state.secret
    nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(18)
    response = render(
        request,
        "connexion.html",
        title="Connexion",
        status=status,
        login_csrf=_login_token(secret, nonce),
        suivant=safe_next(suivant) or "",
        error=error,
        notice=notice,
        username=username,
    )
    response.set_cookie(
        LOGIN_COOKIE,
        nonce,
        max_age=LOGIN_COOKIE_TTL,
        path="/connexion",
        httponly=True,
        samesite="lax",
        secure=is_secure(request),
    )
    return response


@router.get("/")
def home(request: Request) -> Response:
    """Signed-in people go to their role's page, visitors to the sign-in form."""
    viewer = optional_viewer(request)
    target = HOME_BY_ROLE.get(viewer.identity.role, "/recherche") if viewer else "/connexion"
    return RedirectResponse(target, 303)


@router.get("/connexion")
def login_page(
    request: Request, suivant: str | None = None, au_revoir: str | None = None
) -> Response:
    """The sign-in form; someone already signed in goes straight on."""
    viewer = optional_viewer(request)
    if viewer is not None:
        target = safe_next(suivant) or HOME_BY_ROLE.get(viewer.identity.role, "/recherche")
        return RedirectResponse(target, 303)
    notice = "Vous êtes déconnecté(e)." if au_revoir else ""
    return _login_form(request, suivant=suivant, notice=notice)


@router.post("/connexion")
def login(
    request: Request,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
    suivant: Annotated[str, Form()] = "",
) -> Response:
    """Check the credentials; on success open a session and go where the person was heading."""
    secret: bytes = request.app.state.secret
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    expected = _login_token(secret, nonce) if nonce else ""
    if not nonce or not hmac.compare_digest(expected.encode(), csrf_token.encode()):
        error = "Formulaire expiré : il a été rechargé, saisissez à nouveau vos identifiants."
        return _login_form(request, suivant=suivant, error=error, username=username, status=403)
    authenticator: PasswordAuthenticator = request.app.state.authenticator
    client = client_of(request)
    try:
        identity = authenticator.authenticate(username, password, client=client)
    except RateLimitedError as e:
        return _login_form(request, suivant=suivant, error=e.message, username=username, status=429)
    except AuthenticationError as e:
        return _login_form(request, suivant=suivant, error=e.message, username=username, status=401)
    target = safe_next(suivant) or HOME_BY_ROLE.get(identity.role, "/recherche")
    response = RedirectResponse(target, 303)
    ctx: Context = request.app.state.ctx
    cookie = open_session(ctx, identity, PAGE, client=client)
    max_age = int(lifetime(ctx, PAGE).total_seconds())
    response.set_cookie(**session_cookie(cookie, max_age=max_age, secure=is_secure(request)))
    response.delete_cookie(LOGIN_COOKIE, path="/connexion")
    return response


@router.get("/deconnexion")
def logout_page(request: Request, viewer: ViewerDep) -> Response:
    """A confirmation button: signing out takes a POST, so a link elsewhere cannot do it."""
    return render(
        request, "deconnexion.html", identity=viewer.identity, csrf=viewer.csrf, title="Déconnexion"
    )


@router.post("/deconnexion")
def logout(request: Request, viewer: FormViewerDep) -> Response:
    """End the session (the old cookie stops working), delete it, back to the sign-in form."""
    ctx: Context = request.app.state.ctx
    end_session(ctx, viewer.identity, PAGE, request.cookies.get(COOKIE_NAME, ""))
    response = RedirectResponse("/connexion?au_revoir=1", 303)
    response.set_cookie(**cleared_session_cookie(secure=is_secure(request)))
    return response
