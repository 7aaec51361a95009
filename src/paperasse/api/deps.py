"""Dependency aliases shared by the routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from paperasse.context import Context


def get_ctx(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def get_session(ctx: Annotated[Context, Depends(get_ctx)]) -> Iterator[Session]:
    with ctx.sessions() as session:
        yield session


def get_actor(request: Request) -> str:
    """Who acts, for the audit trail (until accounts exist: the API client's address)."""
    host = request.client.host if request.client else "inconnu"
    return f"api:{host}"


CtxDep = Annotated[Context, Depends(get_ctx)]
SessionDep = Annotated[Session, Depends(get_session)]
ActorDep = Annotated[str, Depends(get_actor)]
