"""Append-only, hash-chained audit trail.

Each event's hash is SHA-256 over the canonical JSON of the event followed by
the previous event's hash, so changing, removing, inserting or reordering any
event breaks the chain from that point on (NF Z42-013 integrity). Appends lock
a single head row, so concurrent writers chain one after another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse.models.tables import AuditEvent, AuditHead

GENESIS = "0" * 64


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_fields(
    seq: int, at: str, actor: str, action: str, obj: str, details: str
) -> dict[str, Any]:
    return {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "object": obj,
        "details": details,
    }


def chain_hash(fields: dict[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical(fields) + prev_hash.encode()).hexdigest()


def record(
    session: Session,
    actor: str,
    action: str,
    obj: str,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction; it commits with the change it traces."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar()
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        session.add(head)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    body = json.dumps(details or {}, sort_keys=True, ensure_ascii=False, default=str)
    fields = event_fields(head.seq + 1, at, actor, action, obj, body)
    event = AuditEvent(
        seq=head.seq + 1,
        at=at,
        actor=actor,
        action=action,
        object=obj,
        details=body,
        prev_hash=head.hash,
        hash=chain_hash(fields, head.hash),
    )
    session.add(event)
    head.seq, head.hash = event.seq, event.hash
    session.flush()
    return event


def history(session: Session, obj: str) -> list[AuditEvent]:
    """The events about one object, oldest first."""
    rows = session.execute(
        select(AuditEvent).where(AuditEvent.object == obj).order_by(AuditEvent.seq)
    )
    return list(rows.scalars())
