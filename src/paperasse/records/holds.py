"""Legal holds: a document or a dossier under a hold is never disposed of nor erased.

A hold is placed and lifted with a reason, by an archivist or an administrator.
Holding a search result places one hold per document found, so that lifting
one of them later is an ordinary act. The reasons stay in the holds table; the
audit trail records that a hold was placed or lifted, never its free text, which
may name a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse.archive.search import search_as
from paperasse.audit.chain import record
from paperasse.auth import Identity
from paperasse.context import Context
from paperasse.errors import ConflictError, InputError, NotFoundError
from paperasse.models.records_tables import Hold
from paperasse.models.tables import Document, Dossier, utcnow
from paperasse.records.rights import check_archivist
from paperasse.search.types import SearchQuery

KINDS = ("document", "dossier")
MAX_SEARCH_HOLDS = 10_000


@dataclass(frozen=True)
class HoldView:
    id: str
    target: str
    reason: str
    placed_by: str
    placed_at: dt.datetime


def place_hold(ctx: Context, identity: Identity, target: str, reason: str) -> str:
    """Hold ``document:<id>`` or ``dossier:<id>``; returns the hold's id."""
    check_archivist(identity)
    with ctx.transaction() as session:
        return _place(session, identity.actor, target, reason)


def hold_search(ctx: Context, identity: Identity, query: SearchQuery, reason: str) -> list[str]:
    """Hold every document a search finds (within the caller's rights); their hold ids."""
    check_archivist(identity)
    walk = query.model_copy(
        update={"sort": "date", "limit": 200, "search_after": None, "highlight": False}
    )
    ids: list[str] = []
    while len(ids) < MAX_SEARCH_HOLDS:
        result = search_as(ctx, identity, walk)
        ids += [hit.id for hit in result.hits]
        if not result.next_cursor or not result.hits:
            break
        walk = walk.model_copy(update={"search_after": result.next_cursor})
    with ctx.transaction() as session:
        return [
            _place(session, identity.actor, f"document:{i}", reason) for i in dict.fromkeys(ids)
        ]


def lift_hold(ctx: Context, identity: Identity, hold_id: str, reason: str) -> None:
    """Lift a hold, with the reason it no longer applies."""
    check_archivist(identity)
    _check_reason(reason)
    with ctx.transaction() as session:
        hold = session.get(Hold, hold_id)
        if hold is None:
            raise NotFoundError(f"Le gel {hold_id} est introuvable.")
        if hold.lifted_at is not None:
            raise ConflictError(f"Le gel {hold_id} a déjà été levé le {hold.lifted_at:%d/%m/%Y}.")
        hold.lifted_by, hold.lifted_at, hold.lift_reason = identity.actor, utcnow(), reason
        record(session, identity.actor, "records.hold_lifted", hold.target, {"hold": hold.id})


def active_holds(session: Session) -> list[HoldView]:
    rows = session.execute(
        select(Hold).where(Hold.lifted_at.is_(None)).order_by(Hold.placed_at)
    ).scalars()
    return [HoldView(h.id, h.target, h.reason, h.placed_by, h.placed_at) for h in rows]


def holds_on(session: Session, targets: list[str]) -> list[HoldView]:
    rows = session.execute(
        select(Hold).where(Hold.lifted_at.is_(None), Hold.target.in_(targets))
    ).scalars()
    return [HoldView(h.id, h.target, h.reason, h.placed_by, h.placed_at) for h in rows]


def _place(session: Session, actor: str, target: str, reason: str) -> str:
    _check_reason(reason)
    kind, _, ident = target.partition(":")
    if kind not in KINDS or not ident:
        raise InputError(
            f"Cible de gel invalide : « {target} ». Écrivez document:<id> ou dossier:<id>."
        )
    table = Document if kind == "document" else Dossier
    if session.get(table, ident) is None:
        raise NotFoundError(f"Le {kind} {ident} est introuvable.")
    hold = Hold(target=target, reason=reason, placed_by=actor)
    session.add(hold)
    session.flush()
    record(session, actor, "records.hold_placed", target, {"hold": hold.id})
    return hold.id


def _check_reason(reason: str) -> None:
    if len(reason.strip()) < 3:
        raise InputError("Donnez le motif du gel ou de sa levée (au moins 3 caractères).")
