"""RGPD rights: what the town holds on a person, a copy of it, and its erasure.

``find`` looks for a person by name (« NOM Prénom », every word must be there,
accents and case aside), optionally narrowed by birth date, and by account: the
documents they hold (``documents.holder``), are named in (entities, fields read),
sent by e-mail (``documents.sender_name``) or deposited from their account; the
dossiers naming them or theirs; the account; the audit events about any of these
or done by the account.

``erase`` removes what no obligation to keep covers and says why it refuses the
rest: a legal hold, or a retention rule whose period is running or not yet
established (code du patrimoine; RGPD art. 17, 3, b). Pieces of a dossier the
citizen never submitted are not public records yet and are erasable. Each erasure
leaves a tombstone in the audit trail, without the name; the trail itself is
never rewritten.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from paperasse import originals
from paperasse.audit.chain import record
from paperasse.auth.users import user_object
from paperasse.checks.verdict import local_date
from paperasse.checks.views import DRAFT
from paperasse.context import Context
from paperasse.errors import InputError
from paperasse.models.calendar import add_years
from paperasse.models.records_tables import Hold
from paperasse.models.tables import AuditEvent, Document, Dossier, EntityRow, Receipt, User, new_id
from paperasse.records.purge import purge_document, purge_dossier_if_empty
from paperasse.records.retention import Standing, standings
from paperasse.records.schedule import load_schedule

NAME_LABELS = ("personne",)


@dataclass
class Found:
    """Everything held on one person, by id, with why each was found."""

    documents: dict[str, list[str]] = field(default_factory=dict)
    dossiers: dict[str, list[str]] = field(default_factory=dict)
    accounts: list[str] = field(default_factory=list)
    audit_events: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Erasure:
    request: str
    erased: list[str]
    refused: dict[str, str]
    kept_events: int


def fold(text: str) -> list[str]:
    """Words of a name without case or accents: « DUPONT Héloïse » -> dupont, heloise."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w]


def named(wanted: list[str], text: str | None) -> bool:
    """Whether every word of the wanted name is a word of ``text``."""
    if not text or not wanted:
        return False
    words = fold(text)
    return all(w in words for w in wanted)


def find(
    ctx: Context,
    name: str | None = None,
    *,
    birth_date: dt.date | None = None,
    account: str | None = None,
) -> Found:
    """What is held on a person; at least a name of two words or an account."""
    wanted = fold(name or "")
    if len(wanted) < 2 and not account:
        raise InputError("Donnez le nom et le prénom (« NOM Prénom ») ou un compte (--account).")
    found = Found()
    with ctx.sessions() as session:
        users = _accounts(session, wanted, account)
        found.accounts = sorted(u.username for u in users)
        user_ids = {u.id for u in users}
        if wanted:
            for doc in session.execute(select(Document)).scalars():
                why = _why_document(session, doc, wanted, birth_date)
                if why:
                    found.documents.setdefault(doc.id, []).extend(why)
        if user_ids:
            rows = session.execute(
                select(Receipt.document_id).where(Receipt.user_id.in_(user_ids))
            ).scalars()
            for doc_id in rows:
                found.documents.setdefault(doc_id, []).append("déposé depuis son compte")
        for dossier in session.execute(select(Dossier)).scalars():
            why = []
            if dossier.owner_id in user_ids:
                why.append("dossier de son compte")
            if wanted and any(named(wanted, n) for n in _strings(dossier.persons)):
                why.append("personne du dossier")
            if why:
                found.dossiers[dossier.id] = why
        found.audit_events = _events(session, found, users)
    for reasons in (*found.documents.values(), *found.dossiers.values()):
        reasons[:] = list(dict.fromkeys(reasons))
    return found


def erase(
    ctx: Context, actor: str, found: Found, today: dt.date | None = None, *, account: bool = False
) -> Erasure:
    """Erase what no obligation covers; the refusals carry their reason."""
    day = today or local_date()
    request = new_id()
    erased: list[str] = []
    refused: dict[str, str] = {}
    with ctx.transaction() as session:
        drafts = _draft_dossiers(session, found)
        for s in standings(session, list(found.documents)):
            reason = protection(s, day, drafts)
            target = f"document:{s.document_id}"
            if reason:
                refused[target] = reason
                continue
            purge_document(session, s.document_id, f"rgpd:{request}")
            record(session, actor, "rgpd.erased", target, {"request": request})
            erased.append(target)
        for dossier_id in sorted(found.dossiers):
            target = f"dossier:{dossier_id}"
            if _held(session, target):
                refused[target] = "gel en cours sur le dossier"
            elif reason := _dossier_protection(session, dossier_id, day):
                refused[target] = reason
            elif not purge_dossier_if_empty(session, dossier_id):
                refused[target] = "le dossier garde des pièces protégées"
            else:
                record(session, actor, "rgpd.erased", target, {"request": request})
                erased.append(target)
        if account:
            for username in found.accounts:
                _pseudonymise(session, username)
                record(session, actor, "rgpd.erased", f"user:{request}", {"request": request})
                erased.append(f"compte:{username}")
        details = {"erased": len(erased), "refused": len(refused)}
        record(session, actor, "rgpd.request_erased", f"rgpd:{request}", details)
    originals.delete_shredded(ctx)
    return Erasure(request, erased, refused, len(found.audit_events))


def protection(s: Standing, day: dt.date, drafts: set[str] | None = None) -> str:
    """Why a document may not be erased now, in French; empty when it may."""
    if s.holds:
        return "gel en cours (contentieux, contrôle ou enquête)"
    if s.transferred:
        return "versé aux archives définitives"
    if s.dossier_id is not None and drafts is not None and s.dossier_id in drafts:
        return ""
    if s.rule.dua_years is None:
        return f"règle {s.rule_id} : durée de conservation non établie, un archiviste doit la fixer"
    if s.due_on is None:
        return (
            f"règle {s.rule_id} : conservation obligatoire, l'événement de départ n'a pas eu lieu"
        )
    if s.due_on > day:
        return f"règle {s.rule_id} : conservation obligatoire jusqu'au {s.due_on:%d/%m/%Y}"
    return ""


def _why_document(
    session: Session, doc: Document, wanted: list[str], birth_date: dt.date | None
) -> list[str]:
    why = []
    holder = (doc.holder or {}).get("full_name")
    if isinstance(holder, str) and named(wanted, holder):
        why.append("titulaire du document")
    if doc.sender_name and named(wanted, doc.sender_name):
        why.append("expéditeur du courriel")
    read = {
        str(f.get("name")): str(f.get("value")) for f in doc.fields or [] if isinstance(f, dict)
    }
    if named(wanted, f"{read.get('surname', '')} {read.get('given_names', '')}"):
        why.append("nommé dans les champs lus")
    entities = session.execute(
        select(EntityRow.text).where(
            EntityRow.document_id == doc.id, EntityRow.label.in_(NAME_LABELS)
        )
    ).scalars()
    if any(named(wanted, text) for text in entities):
        why.append("nommé dans le texte")
    born = read.get("birth_date")
    if why and birth_date is not None and born and born != birth_date.isoformat():
        return []  # a namesake: the birth date read on the document differs
    return why


def _accounts(session: Session, wanted: list[str], account: str | None) -> list[User]:
    users = []
    for user in session.execute(select(User)).scalars():
        if (account and user.username == account) or (wanted and named(wanted, user.display_name)):
            users.append(user)
    return users


def _events(session: Session, found: Found, users: Iterable[User]) -> list[int]:
    objects = [f"document:{i}" for i in found.documents]
    objects += [f"dossier:{i}" for i in found.dossiers]
    actors = [f"user:{u.username}" for u in users]
    objects += [user_object(u.username) for u in users]
    if not objects and not actors:
        return []
    stmt = select(AuditEvent.seq).where(
        or_(AuditEvent.object.in_(objects), AuditEvent.actor.in_(actors))
    )
    return sorted(session.execute(stmt).scalars())


def _draft_dossiers(session: Session, found: Found) -> set[str]:
    rows = session.execute(
        select(Dossier.id).where(Dossier.id.in_(list(found.dossiers)), Dossier.status == DRAFT)
    ).scalars()
    return set(rows)


def _held(session: Session, target: str) -> bool:
    stmt = select(Hold.id).where(Hold.target == target, Hold.lifted_at.is_(None))
    return session.execute(stmt).first() is not None


def _dossier_protection(session: Session, dossier_id: str, day: dt.date) -> str:
    """A submitted dossier follows its procedure's rule, even once its pieces are gone."""
    dossier = session.get(Dossier, dossier_id)
    if dossier is None or dossier.status == DRAFT:
        return ""
    rule_id, rule = load_schedule().dossier_rule(dossier.procedure)
    if rule.dua_years is None:
        return f"règle {rule_id} : durée de conservation non établie, un archiviste doit la fixer"
    if dossier.closed_at is None:
        return f"règle {rule_id} : conservation obligatoire, le dossier n'est pas clos"
    due_on = add_years(local_date(dossier.closed_at), rule.dua_years)
    if due_on > day:
        return f"règle {rule_id} : conservation obligatoire jusqu'au {due_on:%d/%m/%Y}"
    return ""


def _pseudonymise(session: Session, username: str) -> None:
    user = session.execute(select(User).where(User.username == username)).scalar_one()
    user.username = f"efface-{user.id[:12]}"
    user.display_name, user.password_hash, user.disabled = "", "", True


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
