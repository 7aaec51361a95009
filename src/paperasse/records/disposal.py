"""Disposal in two steps: a list of what is due for destruction, then its approval.

``propose`` freezes the documents whose DUA has ended and whose fate is
destruction (or sorting, when asked) into a disposal list. ``approve`` needs the
visa of the director of the departmental archives (code du patrimoine), checks
each document again (a hold placed since, a date moved), deletes what is still
due from the database and the index, destroys the originals' keys, and writes the
certificate: kept in the database, recorded in the audit trail by its hashes,
then sealed write-once in the store. Stored objects are deleted as their locks
lapse (``originals.delete_shredded``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from paperasse import originals
from paperasse.audit.chain import record
from paperasse.audit.verify import verify_chain
from paperasse.checks.verdict import local_date
from paperasse.context import Context
from paperasse.errors import ConflictError, InputError, NotFoundError
from paperasse.models.records_tables import DisposalItem, DisposalList
from paperasse.models.tables import AuditEvent, utcnow
from paperasse.records import certificate
from paperasse.records.purge import purge_document, purge_dossier_if_empty
from paperasse.records.retention import standings
from paperasse.records.schedule import EVENT_LABELS, load_schedule

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verification:
    ok: bool
    problems: tuple[str, ...]


def propose(
    ctx: Context, actor: str, today: dt.date | None = None, *, with_sorting: bool = False
) -> str | None:
    """Freeze what is due for destruction into a new list; None when nothing is due."""
    day = today or local_date()
    fates = {"destruction", "tri"} if with_sorting else {"destruction"}
    with ctx.transaction() as session:
        items = [
            s
            for s in standings(session)
            if s.is_due(day) and s.rule.fate in fates and s.proposed_in is None
        ]
        if not items:
            return None
        disposal = DisposalList(proposed_by=actor)
        session.add(disposal)
        for s in items:
            disposal.items.append(
                DisposalItem(
                    document_id=s.document_id,
                    sha256=s.sha256,
                    doc_type=s.doc_type,
                    dossier_id=s.dossier_id,
                    procedure=s.procedure,
                    rule=s.rule_id,
                    received_at=s.received_at,
                    due_on=s.due_on,
                )
            )
        session.flush()
        details = {"documents": len(items), "today": day.isoformat()}
        record(session, actor, "records.disposal_proposed", f"disposal:{disposal.id}", details)
        return disposal.id


def approve(
    ctx: Context, actor: str, disposal_id: str, visa: str, today: dt.date | None = None
) -> dict[str, Any]:
    """Carry out an approved list; returns its certificate (already sealed in the store)."""
    if len(visa.strip()) < 3:
        raise InputError(
            "Le visa du directeur des Archives départementales est obligatoire avant toute "
            "élimination (code du patrimoine, art. L. 212-2 et R. 212-14) : donnez sa référence."
        )
    day = today or local_date()
    with ctx.transaction() as session:
        disposal = _open_list(session, disposal_id)
        current = {
            s.document_id: s for s in standings(session, [i.document_id for i in disposal.items])
        }
        done, skipped, dossiers = [], [], set()
        for item in disposal.items:
            standing = current.get(item.document_id)
            reason = _still_due(standing, day)
            if reason:
                item.outcome, item.outcome_reason = "skipped", reason
                skipped.append({"document": item.document_id, "raison": reason})
                continue
            purged = purge_document(session, item.document_id, f"disposal:{disposal.id}")
            item.outcome, item.outcome_reason = "destroyed", purged.original
            done.append((item, purged.original))
            if item.dossier_id:
                dossiers.add(item.dossier_id)
            record(
                session,
                actor,
                "document.disposed",
                f"document:{item.document_id}",
                {"disposal": disposal.id, "rule": item.rule, "sha256": item.sha256},
            )
        for dossier_id in sorted(dossiers):
            if purge_dossier_if_empty(session, dossier_id):
                record(session, actor, "dossier.disposed", f"dossier:{dossier_id}", {})
        disposal.status, disposal.approved_by, disposal.approved_at = "done", actor, utcnow()
        disposal.visa = visa.strip()
        content = _certificate(ctx, disposal, done, skipped)
        disposal.certificate = content
        details = {
            "destroyed": len(done),
            "skipped": len(skipped),
            "documents": [{"document": i.document_id, "sha256": i.sha256} for i, _ in done],
            **certificate.hashes(content),
        }
        record(session, actor, "records.disposed", f"disposal:{disposal.id}", details)
    certificate.seal(ctx.store, content)
    deleted, locked = originals.delete_shredded(ctx)
    log.info(
        "disposal %s: %d destroyed, %d skipped; %d stored objects deleted, %d still locked",
        disposal_id,
        len(done),
        len(skipped),
        deleted,
        locked,
    )
    return content


def lists(session: Session, status: str | None = None) -> list[DisposalList]:
    stmt = select(DisposalList).order_by(DisposalList.proposed_at.desc())
    if status:
        stmt = stmt.where(DisposalList.status == status)
    return list(session.execute(stmt).scalars())


def get_list(session: Session, disposal_id: str) -> DisposalList:
    disposal = session.get(DisposalList, disposal_id)
    if disposal is None:
        raise NotFoundError(f"Le bordereau {disposal_id} est introuvable.")
    return disposal


def cancel(ctx: Context, actor: str, disposal_id: str) -> None:
    """Drop a proposed list: its documents will be proposed again."""
    with ctx.transaction() as session:
        disposal = _open_list(session, disposal_id)
        disposal.status = "cancelled"
        record(session, actor, "records.disposal_cancelled", f"disposal:{disposal.id}", {})


def verify(ctx: Context, disposal_id: str) -> Verification:
    """Check a certificate against the store, the audit trail and its chain."""
    problems: list[str] = []
    with ctx.sessions() as session:
        disposal = get_list(session, disposal_id)
        if disposal.certificate is None:
            return Verification(False, ("ce bordereau n'a pas encore été approuvé",))
        event = session.execute(
            select(AuditEvent).where(
                AuditEvent.action == "records.disposed",
                AuditEvent.object == f"disposal:{disposal_id}",
            )
        ).scalar()
        chain = verify_chain(session, ctx.store)
    if not chain.ok:
        problems.append(f"journal d'audit : {chain.reason}")
    if event is None:
        return Verification(False, (*problems, "aucun événement d'élimination dans le journal"))
    recorded = json.loads(event.details)
    json_name, pdf_name = certificate.names(disposal_id)
    stored = {
        "json_sha256": _sha(ctx.store.get_named(json_name)),
        "pdf_sha256": _sha(ctx.store.get_named(pdf_name)),
    }
    for key, value in stored.items():
        if recorded.get(key) != value:
            problems.append(f"{key} : le bordereau scellé ne correspond pas au journal")
    listed = {d["document"]: d["sha256"] for d in recorded.get("documents", [])}
    for item in disposal.certificate["documents"]:
        if listed.get(item["document"]) != item["sha256"]:
            problems.append(f"document {item['document']} : absent du journal ou autre empreinte")
    return Verification(not problems, tuple(problems))


def _open_list(session: Session, disposal_id: str) -> DisposalList:
    disposal = session.execute(
        select(DisposalList).where(DisposalList.id == disposal_id).with_for_update()
    ).scalar()
    if disposal is None:
        raise NotFoundError(f"Le bordereau {disposal_id} est introuvable.")
    if disposal.status != "proposed":
        raise ConflictError(
            f"Le bordereau {disposal_id} n'est plus à approuver (état : {disposal.status})."
        )
    return disposal


def _still_due(standing: Any, day: dt.date) -> str:
    if standing is None:
        return "document déjà supprimé"
    if standing.holds:
        return "document gelé depuis la proposition"
    if standing.transferred:
        return "document versé aux archives depuis la proposition"
    if not standing.is_due(day):
        return "durée d'utilité administrative plus en cours"
    return ""


def _certificate(
    ctx: Context,
    disposal: DisposalList,
    done: list[tuple[DisposalItem, str]],
    skipped: list[dict[str, str]],
) -> dict[str, Any]:
    schedule = load_schedule()
    rules = {}
    for item, _ in done:
        rule = schedule.rule(item.rule)
        rules[item.rule] = {
            "dua_annees": rule.dua_years,
            "evenement": EVENT_LABELS[rule.runs_from],
            "sort_final": rule.fate,
            "source": schedule.sources[rule.source].title,
            "verifiee": rule.verified,
        }
    received = sorted(item.received_at for item, _ in done)
    assert disposal.approved_at is not None
    return {
        "type": "bordereau_elimination",
        "version": 1,
        "commune": ctx.settings.town.name,
        "bordereau": disposal.id,
        "propose_par": disposal.proposed_by,
        "propose_le": disposal.proposed_at.isoformat(),
        "approuvee_par": disposal.approved_by,
        "approuvee_le": disposal.approved_at.isoformat(),
        "visa": disposal.visa,
        "nombre": len(done),
        "dates_extremes": (
            {"du": received[0].date().isoformat(), "au": received[-1].date().isoformat()}
            if received
            else {}
        ),
        "regles": rules,
        "documents": [
            {
                "document": item.document_id,
                "sha256": item.sha256,
                "type": item.doc_type,
                "dossier": item.dossier_id,
                "demarche": item.procedure,
                "recu_le": item.received_at.date().isoformat(),
                "echeance": item.due_on.isoformat(),
                "regle": item.rule,
                "original": original,
            }
            for item, original in done
        ],
        "ecartes": skipped,
    }


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
