"""Verify the audit chain, and the chain against the digests kept in the blob store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse.audit.chain import GENESIS, chain_hash, event_fields
from paperasse.audit.digest import DIGEST_PREFIX
from paperasse.models.tables import AuditEvent
from paperasse.storage.base import BlobStore


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    events: int
    digests: int
    bad_seq: int | None = None
    reason: str = ""


def _events(session: Session) -> Iterator[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=2000)
    yield from session.execute(stmt).scalars()


def verify_chain(session: Session, store: BlobStore | None = None) -> VerifyReport:
    """Walk every event; the first that breaks the chain is named."""
    hashes: dict[int, str] = {}
    prev, expected, count = GENESIS, 1, 0
    for event in _events(session):
        problem = _check(event, expected, prev)
        if problem:
            return VerifyReport(False, count, 0, expected, problem)
        hashes[event.seq] = event.hash
        prev, expected, count = event.hash, expected + 1, count + 1
    if store is None:
        return VerifyReport(True, count, 0)
    return _against_digests(store, hashes, count)


def _check(event: AuditEvent, expected: int, prev: str) -> str:
    if event.seq != expected:
        return f"l'événement n°{expected} manque (suivant trouvé : n°{event.seq})"
    if event.prev_hash != prev:
        return f"l'événement n°{expected} ne suit pas le précédent (chaînage rompu)"
    fields = event_fields(
        event.seq, event.at, event.actor, event.action, event.object, event.details
    )
    if chain_hash(fields, prev) != event.hash:
        return f"l'événement n°{expected} a été modifié (empreinte invalide)"
    return ""


def _against_digests(store: BlobStore, hashes: dict[int, str], count: int) -> VerifyReport:
    names = store.list_named(DIGEST_PREFIX)
    for name in names:
        digest = json.loads(store.get_named(name))
        seq, expected = int(digest["seq"]), str(digest["hash"])
        if hashes.get(seq) != expected:
            reason = (
                f"l'empreinte scellée n°{seq} ({name}) ne correspond plus au journal : "
                "le journal a été réécrit ou tronqué"
            )
            return VerifyReport(False, count, len(names), seq, reason)
    return VerifyReport(True, count, len(names))
