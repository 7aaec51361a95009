"""Where each document stands in the retention schedule: its rule, its due date, its holds.

A piece deposited in a dossier follows the dossier's rule; a document received
outside any dossier follows its type's rule. A document in several dossiers is
kept until the latest of their due dates, and an unknown date (a dossier not yet
closed, a DUA not established) means it is kept. Held and transferred documents
are never due.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse import originals
from paperasse.audit.chain import record
from paperasse.checks.verdict import local_date
from paperasse.context import Context
from paperasse.errors import ConflictError, NotFoundError
from paperasse.models.calendar import add_years
from paperasse.models.records_tables import DisposalItem, DisposalList, Hold, Transfer
from paperasse.models.tables import Document, Dossier, Receipt, utcnow
from paperasse.records.schedule import Rule, Schedule, load_schedule

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Standing:
    """One document against the schedule."""

    document_id: str
    sha256: str
    doc_type: str | None
    received_at: dt.datetime
    rule_id: str
    rule: Rule
    dossier_id: str | None
    procedure: str | None
    event_on: dt.date | None
    due_on: dt.date | None
    holds: tuple[str, ...] = ()
    transferred: bool = False
    proposed_in: str | None = None

    def is_due(self, today: dt.date) -> bool:
        """Its DUA has ended and nothing stops its final fate."""
        return (
            self.due_on is not None
            and self.due_on <= today
            and not self.holds
            and not self.transferred
        )


def standings(
    session: Session, ids: Iterable[str] | None = None, schedule: Schedule | None = None
) -> list[Standing]:
    """The standing of every document (or of ``ids``), read in a few queries."""
    schedule = schedule or load_schedule()
    stmt = select(Document)
    if ids is not None:
        stmt = stmt.where(Document.id.in_(list(ids)))
    docs = list(session.execute(stmt.order_by(Document.received_at, Document.id)).scalars())
    dossiers_of: dict[str, set[str]] = defaultdict(set)
    for doc_id, dossier_id in session.execute(
        select(Receipt.document_id, Receipt.dossier_id).where(Receipt.dossier_id.is_not(None))
    ):
        if dossier_id is not None:
            dossiers_of[doc_id].add(dossier_id)
    dossiers = {d.id: d for d in session.execute(select(Dossier)).scalars()}
    holds = _active_holds(session)
    transferred = transferred_ids(session)
    proposed = _proposed(session)
    result = []
    for doc in docs:
        standing = _standing(
            doc, schedule, [dossiers[i] for i in sorted(dossiers_of[doc.id])], holds
        )
        result.append(
            replace(
                standing,
                transferred=doc.id in transferred,
                proposed_in=proposed.get(doc.id),
            )
        )
    return result


def due(session: Session, today: dt.date | None = None) -> list[Standing]:
    """Documents whose DUA has ended, neither held nor transferred."""
    day = today or local_date()
    return [s for s in standings(session) if s.is_due(day)]


def held(session: Session) -> list[Standing]:
    return [s for s in standings(session) if s.holds]


def lock_until(due_on: dt.date) -> dt.datetime:
    """The store lock of an original lapses at the start of its due day (UTC)."""
    return dt.datetime.combine(due_on, dt.time(), tzinfo=dt.UTC)


def sync_locks(ctx: Context) -> int:
    """Extend each original's store lock to the latest due date of the documents using it.

    Dates become known after intake (the type once read, a dossier once closed), so
    this runs periodically; a lock is only ever extended. Returns how many grew.
    """
    now = dt.datetime.now(dt.UTC)
    extended = 0
    with ctx.transaction() as session:
        latest: dict[str, dt.date] = {}
        for s in standings(session):
            if s.due_on is not None and s.due_on > latest.get(s.sha256, dt.date.min):
                latest[s.sha256] = s.due_on
        for sha256, due_on in latest.items():
            until = lock_until(due_on)
            if until > now and originals.retain(ctx, session, sha256, until):
                extended += 1
    if extended:
        log.info("store locks extended on %d originals", extended)
    return extended


def close_dossier(
    ctx: Context, actor: str, dossier_id: str, on: dt.datetime | None = None
) -> Dossier:
    """Record that a dossier is closed: the event most dossiers' DUA runs from."""
    with ctx.transaction() as session:
        dossier = session.get(Dossier, dossier_id)
        if dossier is None:
            raise NotFoundError(f"Le dossier {dossier_id} est introuvable.")
        if dossier.closed_at is not None:
            raise ConflictError(
                f"Le dossier {dossier_id} est déjà clos depuis le {dossier.closed_at:%d/%m/%Y}."
            )
        dossier.closed_at = on or utcnow()
        details = {"closed_at": dossier.closed_at.isoformat()}
        record(session, actor, "dossier.closed", f"dossier:{dossier.id}", details)
        return dossier


def transferred_ids(session: Session) -> set[str]:
    ids: set[str] = set()
    for documents in session.execute(select(Transfer.documents)).scalars():
        ids.update(str(item["document"]) for item in documents or [])
    return ids


def _standing(
    doc: Document, schedule: Schedule, dossiers: list[Dossier], holds: dict[str, list[str]]
) -> Standing:
    hold_ids = list(holds.get(f"document:{doc.id}", []))
    for dossier in dossiers:
        hold_ids += holds.get(f"dossier:{dossier.id}", [])
    base = {
        "document_id": doc.id,
        "sha256": doc.sha256,
        "doc_type": doc.doc_type,
        "received_at": doc.received_at,
        "holds": tuple(hold_ids),
    }
    if not dossiers:
        rule_id, rule = schedule.document_rule(doc.doc_type)
        event_on = _document_event(doc, rule)
        return Standing(
            **base,  # type: ignore[arg-type]
            rule_id=rule_id,
            rule=rule,
            dossier_id=None,
            procedure=None,
            event_on=event_on,
            due_on=_due(event_on, rule),
        )
    candidates = []
    for dossier in dossiers:
        rule_id, rule = schedule.dossier_rule(dossier.procedure)
        event_on = _dossier_event(doc, dossier, rule)
        candidates.append((_due(event_on, rule), rule_id, rule, dossier, event_on))
    # Keep until the latest due date; an unknown one (None) keeps it longest.
    candidates.sort(key=lambda c: (c[0] is None, c[0] or dt.date.min))
    due_on, rule_id, rule, dossier, event_on = candidates[-1]
    return Standing(
        **base,  # type: ignore[arg-type]
        rule_id=rule_id,
        rule=rule,
        dossier_id=dossier.id,
        procedure=dossier.procedure,
        event_on=event_on,
        due_on=due_on,
    )


def _document_event(doc: Document, rule: Rule) -> dt.date | None:
    if rule.runs_from == "fin_validite":
        return doc.expiry_date
    return local_date(doc.received_at)


def _dossier_event(doc: Document, dossier: Dossier, rule: Rule) -> dt.date | None:
    if rule.runs_from == "depot":
        return local_date(dossier.submitted_at) if dossier.submitted_at else None
    if rule.runs_from == "cloture":
        return local_date(dossier.closed_at) if dossier.closed_at else None
    return _document_event(doc, rule)


def _due(event_on: dt.date | None, rule: Rule) -> dt.date | None:
    if event_on is None or rule.dua_years is None:
        return None
    return add_years(event_on, rule.dua_years)


def _active_holds(session: Session) -> dict[str, list[str]]:
    holds: dict[str, list[str]] = defaultdict(list)
    for hold_id, target in session.execute(
        select(Hold.id, Hold.target).where(Hold.lifted_at.is_(None))
    ):
        holds[target].append(hold_id)
    return holds


def _proposed(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(DisposalItem.document_id, DisposalItem.disposal_id)
        .join(DisposalList)
        .where(DisposalList.status == "proposed", DisposalItem.outcome == "pending")
    )
    return {str(doc_id): str(list_id) for doc_id, list_id in rows.all()}
