"""Who may see and act on a dossier.

A citizen sees only the dossiers they opened. An agent sees the dossiers of
the procedures their services instruct (each procedure's catalogue file names
its service); an
archivist or an administrator sees them all; the mailroom sees none. Ids the
caller may not see answer like unknown ids (NotFoundError, never 403), so that
they cannot be probed.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import Session

from paperasse.auth import Identity
from paperasse.auth.roles import ADMIN, AGENT, ARCHIVIST, CITIZEN
from paperasse.checks import get_procedure, load_catalogue
from paperasse.errors import NotFoundError, PermissionDeniedError
from paperasse.models.tables import Dossier


def service_of(procedure_id: str) -> str:
    """The service instructing a procedure, as its catalogue file says."""
    return get_procedure(procedure_id).service


def procedures_of(services: tuple[str, ...]) -> list[str]:
    """The procedures the given services instruct."""
    return sorted(p.id for p in load_catalogue().values() if p.service in services)


def visible_dossiers_clause(identity: Identity) -> ColumnElement[bool]:
    """A WHERE clause keeping the dossiers ``identity`` may see, for ``select(Dossier)``."""
    if identity.role in (ARCHIVIST, ADMIN):
        return true()
    if identity.role == AGENT and identity.services:
        return Dossier.procedure.in_(procedures_of(identity.services))
    if identity.role == CITIZEN:
        return Dossier.owner_id == identity.user_id
    return false()


def not_found(dossier_id: str) -> NotFoundError:
    return NotFoundError(
        f"Le dossier {dossier_id} est introuvable.", details={"dossier": dossier_id}
    )


def visible_dossier(
    session: Session, identity: Identity, dossier_id: str, *, lock: bool = False
) -> Dossier:
    """The dossier if the caller may see it; NotFoundError otherwise.

    ``lock`` takes a row lock (PostgreSQL) so that concurrent writers of the
    same dossier go one after another.
    """
    stmt = select(Dossier).where(Dossier.id == dossier_id, visible_dossiers_clause(identity))
    if lock:
        stmt = stmt.with_for_update()
    dossier = session.execute(stmt).scalar()
    if dossier is None:
        raise not_found(dossier_id)
    return dossier


def owned_dossier(session: Session, identity: Identity, dossier_id: str) -> Dossier:
    """A dossier the caller opened, locked for a change; NotFoundError if not visible."""
    dossier = visible_dossier(session, identity, dossier_id, lock=True)
    if dossier.owner_id != identity.user_id:
        raise PermissionDeniedError(
            "Seule la personne qui a ouvert ce dossier peut y déposer des pièces ou le déposer."
        )
    return dossier


def is_instructor(identity: Identity, dossier: Dossier) -> bool:
    """An agent of the instructing service, or an administrator."""
    if identity.role == ADMIN:
        return True
    return identity.role == AGENT and service_of(dossier.procedure) in identity.services


def check_instructor(identity: Identity, dossier: Dossier) -> None:
    """Only an agent of the instructing service, or an administrator, decides on a dossier."""
    if not is_instructor(identity, dossier):
        raise PermissionDeniedError(
            "Seul un agent du service qui instruit cette démarche peut décider de ce dossier."
        )
