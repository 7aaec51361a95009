"""Verify the audit chain, its recorded head, and the seals kept in the blob store.

The chain alone catches any event modified, deleted, inserted or reordered in
the middle. The head row catches events cut from the end. The seals catch a
consistent rewrite or a truncation of everything up to the latest seal, and
seals deleted from the middle (each names the one before) or from the end (the
database records the latest). What the seals cannot vouch for is said in the
report: the events after the latest seal.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse.audit.chain import GENESIS, chain_hash, event_fields
from paperasse.audit.digest import DIGEST_PREFIX, digest_name, digest_seq, fingerprint
from paperasse.errors import PaperasseError
from paperasse.models.tables import AuditEvent, AuditHead
from paperasse.storage.base import BlobStore


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    events: int
    digests: int
    bad_seq: int | None = None
    reason: str = ""
    sealed_seq: int = 0

    @property
    def unsealed(self) -> int:
        """Events after the latest seal: the ones the seals cannot vouch for."""
        return max(0, self.events - self.sealed_seq)


def _events(session: Session) -> Iterator[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=2000)
    yield from session.execute(stmt).scalars()


def verify_chain(session: Session, store: BlobStore | None = None) -> VerifyReport:
    """Walk every event, then the head and the seals; the first problem is named."""
    hashes: dict[int, str] = {}
    prev, expected, count = GENESIS, 1, 0
    for event in _events(session):
        problem = _check(event, expected, prev)
        if problem:
            return VerifyReport(False, count, 0, expected, problem)
        hashes[event.seq] = event.hash
        prev, expected, count = event.hash, expected + 1, count + 1
    head = session.get(AuditHead, 1)
    problem = _check_head(head, count, prev)
    if problem:
        return VerifyReport(False, count, 0, count + 1, problem)
    if store is None:
        return VerifyReport(True, count, 0)
    return _against_seals(store, hashes, count, head.sealed_seq if head else 0)


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


def _check_head(head: AuditHead | None, count: int, last_hash: str) -> str:
    if head is None:
        return "" if count == 0 else "la tête du journal a disparu de la base"
    if head.seq > count:
        return (
            f"le journal s'arrête à l'événement n°{count} alors que sa tête enregistrée est "
            f"le n°{head.seq} : les derniers événements ont été supprimés"
        )
    if head.seq < count or head.hash != last_hash:
        return (
            "la tête enregistrée ne correspond pas au dernier événement : le journal a été altéré"
        )
    return ""


def _against_seals(
    store: BlobStore, hashes: dict[int, str], count: int, recorded: int
) -> VerifyReport:
    names = store.list_named(DIGEST_PREFIX)
    previous: tuple[int, str] | None = None
    for name in names:
        seq, problem, data = _read_seal(store, name, hashes, previous)
        if problem:
            return VerifyReport(False, count, len(names), seq, problem)
        previous = (seq, fingerprint(data))
    last = previous[0] if previous else 0
    if recorded and (last < recorded or digest_name(recorded) not in names):
        reason = (
            f"l'empreinte scellée n°{recorded}, enregistrée dans la base, manque dans le "
            "stockage : des empreintes ont été supprimées"
        )
        return VerifyReport(False, count, len(names), recorded, reason)
    return VerifyReport(True, count, len(names), sealed_seq=last)


def _read_seal(
    store: BlobStore, name: str, hashes: dict[int, str], previous: tuple[int, str] | None
) -> tuple[int, str, bytes]:
    """(seq, problem or "", bytes) of one seal, checked against the chain and its predecessor."""
    seq = digest_seq(name)
    try:
        data = store.get_named(name)
        digest = json.loads(data)
        sealed_seq, sealed_hash = int(digest["seq"]), str(digest["hash"])
    except (PaperasseError, ValueError, KeyError, TypeError):
        return seq, f"l'empreinte scellée {name} est illisible ou altérée", b""
    if sealed_seq != seq or hashes.get(seq) != sealed_hash:
        reason = (
            f"l'empreinte scellée n°{seq} ({name}) ne correspond plus au journal : "
            "le journal a été réécrit ou tronqué"
        )
        return seq, reason, data
    if "prev" in digest:
        named = digest["prev"]
        expected = {"seq": previous[0], "sha256": previous[1]} if previous else None
        if named != expected:
            missing = named.get("seq") if isinstance(named, dict) else "?"
            reason = (
                f"l'empreinte scellée n°{seq} suit l'empreinte n°{missing}, absente ou "
                "modifiée dans le stockage : des empreintes ont été supprimées"
            )
            return seq, reason, data
    return seq, "", data
