"""Accounts ready to sign in, shared by the auth tests."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from paperasse.context import Context
from paperasse.models.tables import AuditEvent

STAFF_PASSWORD = "lune cerise tambour 42"
CITIZEN_PASSWORD = "balcon fleuri 7"


def events(ctx: Context, action: str) -> list[tuple[AuditEvent, dict[str, Any]]]:
    """The audit events of one kind, oldest first, with their details decoded."""
    with ctx.sessions() as session:
        rows = session.execute(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)
        ).scalars()
        return [(row, json.loads(row.details)) for row in rows]
