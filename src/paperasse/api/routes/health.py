"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from paperasse import __version__
from paperasse.api.deps import SessionDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(session: SessionDep) -> dict[str, str]:
    """The service answers and its database is reachable."""
    session.execute(text("SELECT 1"))
    return {"status": "ok", "version": __version__}
