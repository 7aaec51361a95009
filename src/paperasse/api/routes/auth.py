"""Sign-in for API clients: a bearer token in exchange for a username and password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from pydantic import BaseModel

from paperasse.api.deps import IdentityDep
from paperasse.auth import PasswordAuthenticator, issue_token
from paperasse.auth.identity import principals

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
TOKEN_TTL = 8 * 3600


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


@router.post("/token", response_model=TokenOut)
def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> TokenOut:
    """Exchange a username and password for a bearer token (rate-limited, audit-logged)."""
    authenticator: PasswordAuthenticator = request.app.state.authenticator
    client = request.client.host if request.client else ""
    identity = authenticator.authenticate(username, password, client=client)
    token = issue_token(request.app.state.secret, identity, TOKEN_TTL)
    return TokenOut(access_token=token, expires_in=TOKEN_TTL)


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
