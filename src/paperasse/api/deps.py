"""Dependency aliases shared by the routes: context, session, and who is calling."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from paperasse.auth import PAGE, Identity, check_csrf, identity_for, identity_from_token
from paperasse.auth.clients import connection_client
from paperasse.auth.roles import ADMIN, CORRECTOR_ROLES, INTAKE_ROLES, STAFF_ROLES
from paperasse.auth.sessions import COOKIE_NAME
from paperasse.context import Context
from paperasse.errors import AuthenticationError, PermissionDeniedError


def get_ctx(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def get_session(ctx: Annotated[Context, Depends(get_ctx)]) -> Iterator[Session]:
    with ctx.sessions() as session:
        yield session


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "X-CSRF-Token"


def client_of(request: Request) -> str:
    """The caller's address (``X-Forwarded-For`` only from the configured proxies)."""
    ctx: Context = request.app.state.ctx
    return connection_client(request, ctx.settings.auth.proxy_networks)


def bearer_token(request: Request) -> str | None:
    """The bearer token of the request, if it carries one."""
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def get_identity(request: Request, ctx: Annotated[Context, Depends(get_ctx)]) -> Identity:
    """The caller, from a bearer token (API) or a session cookie (pages).

    A browser sends the cookie by itself, so a cookie-authenticated change
    (POST, PUT, PATCH, DELETE) must also carry the session's CSRF token in the
    ``X-CSRF-Token`` header, which the pages' scripts read from their
    ``<meta name="csrf-token">``. Bearer-token calls are exempt: a browser never
    adds that header on its own.
    """
    secret: bytes = request.app.state.secret
    token = bearer_token(request)
    if token is not None:
        return identity_from_token(ctx, token)
    cookie = request.cookies.get(COOKIE_NAME)
    if cookie:
        identity = identity_for(ctx, PAGE, cookie)
        if request.method in UNSAFE_METHODS:
            check_csrf(secret, cookie, request.headers.get(CSRF_HEADER))
        return identity
    raise AuthenticationError(
        "Connexion requise : identifiez-vous (jeton « Authorization: Bearer … » pour l'API)."
    )


def require(*roles: str) -> Callable[[Identity], Identity]:
    """A dependency that admits only these roles."""

    def check(identity: Annotated[Identity, Depends(get_identity)]) -> Identity:
        if identity.role not in roles:
            raise PermissionDeniedError("Votre rôle ne permet pas cette action.")
        return identity

    return check


CtxDep = Annotated[Context, Depends(get_ctx)]
SessionDep = Annotated[Session, Depends(get_session)]
IdentityDep = Annotated[Identity, Depends(get_identity)]
StaffDep = Annotated[Identity, Depends(require(*STAFF_ROLES))]
IntakeDep = Annotated[Identity, Depends(require(*INTAKE_ROLES))]
CorrectorDep = Annotated[Identity, Depends(require(*CORRECTOR_ROLES))]
AdminDep = Annotated[Identity, Depends(require(ADMIN))]
