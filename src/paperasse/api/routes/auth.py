"""Sign-in for API clients: a bearer token in exchange for a username and password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from pydantic import BaseModel

from paperasse.api.deps import CtxDep, IdentityDep, bearer_token, client_of
from paperasse.api.schemas import ErrorOut
from paperasse.auth import PAGE, PasswordAuthenticator, end_session, issue_token, revoke_token
from paperasse.auth.identity import principals
from paperasse.auth.sessions import COOKIE_NAME

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
ERROR: dict[str, object] = {"model": ErrorOut}


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class MeOut(BaseModel):
    username: str
    role: str
    services: list[str]
    display_name: str
    principals: list[str]


@router.post(
    "/token",
    response_model=TokenOut,
    responses={401: {"model": ErrorOut}, 429: {"model": ErrorOut}},
)
def login(
    request: Request,
    ctx: CtxDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> TokenOut:
    """Exchange a username and password for a bearer token (slowed down, audit-logged)."""
    authenticator: PasswordAuthenticator = request.app.state.authenticator
    client = client_of(request)
    identity = authenticator.authenticate(username, password, client=client)
    token, seconds = issue_token(ctx, identity, client=client)
    return TokenOut(access_token=token, expires_in=seconds)


@router.post("/logout", status_code=204, responses={401: ERROR})
def logout(request: Request, ctx: CtxDep, identity: IdentityDep) -> Response:
    """End the token (or the page session) this request is signed with; audit-logged."""
    token = bearer_token(request)
    if token is not None:
        revoke_token(ctx, identity, token)
    else:
        end_session(ctx, identity, PAGE, request.cookies.get(COOKIE_NAME, ""))
    return Response(status_code=204)


@router.get("/me", response_model=MeOut)
def me(identity: IdentityDep) -> MeOut:
    """Who the token belongs to, and what they may see."""
    return MeOut(
        username=identity.username,
        role=identity.role,
        services=list(identity.services),
        display_name=identity.display_name,
        principals=principals(identity),
    )
