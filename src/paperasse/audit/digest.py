"""Seal the chain head as write-once digest objects in the blob store.

Rewriting the whole chain consistently would pass a plain chain check; the seals,
write-once in the store (object-locked on MinIO), catch it. Each seal names the
one before it (its event number and the SHA-256 of its bytes), so a seal missing
from the middle is noticed; the database records the latest seal
(``audit_head.sealed_seq``), so seals missing from the end are noticed too.

Sealing locks the head row like an append, so two processes never seal at once
and the seals form one line. ``serve`` (and ``paperasse worker``) seal every
``PAPERASSE_AUDIT_DIGEST_SECONDS`` while the head moves and when they stop; a
command that wrote events seals when it ends. The events after the latest seal
are the ones an intruder with write access to the database alone could still
cut or rewrite unnoticed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse.errors import ConflictError, NotFoundError
from paperasse.models.tables import AuditHead
from paperasse.storage.base import BlobStore

log = logging.getLogger(__name__)

DIGEST_PREFIX = "audit/digests/"


def digest_name(seq: int) -> str:
    return f"{DIGEST_PREFIX}{seq:012d}.json"


def digest_seq(name: str) -> int:
    """The event number a seal's name carries."""
    return int(name.removeprefix(DIGEST_PREFIX).removesuffix(".json"))


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def head_seq(session: Session) -> int:
    """The number of the last event appended (0 for an empty chain)."""
    seq = session.execute(select(AuditHead.seq).where(AuditHead.id == 1)).scalar()
    return int(seq or 0)


def write_digest(session: Session, store: BlobStore) -> int | None:
    """Seal the current head, in the caller's transaction; its seq, None for an empty chain."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar()
    if head is None or head.seq == 0:
        return None
    if head.seq == head.sealed_seq:
        return head.seq
    name = digest_name(head.seq)
    body = {
        "seq": head.seq,
        "hash": head.hash,
        "at": dt.datetime.now(dt.UTC).isoformat(),
        "prev": _previous(store, head.sealed_seq),
    }
    try:
        store.put_named(name, json.dumps(body, sort_keys=True).encode())
        log.info("audit chain sealed at seq %d", head.seq)
    except ConflictError:
        log.info("audit seal %s already exists: kept as it is", name)
    head.sealed_seq = max(head.sealed_seq, head.seq)
    return head.seq


def _previous(store: BlobStore, sealed_seq: int) -> dict[str, Any] | None:
    """What the new seal says of the one before it: its event number and fingerprint."""
    if sealed_seq:
        name = digest_name(sealed_seq)
    else:
        names = store.list_named(DIGEST_PREFIX)
        if not names:
            return None
        name = max(names)
    try:
        data = store.get_named(name)
    except NotFoundError:
        log.error("audit seal %s is missing from the store: run paperasse audit verify", name)
        return {"seq": digest_seq(name), "sha256": ""}
    return {"seq": digest_seq(name), "sha256": fingerprint(data)}
