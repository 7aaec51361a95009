"""Who may manage records: archivists and administrators."""

from __future__ import annotations

from paperasse.auth import Identity
from paperasse.auth.roles import ADMIN, ARCHIVIST
from paperasse.errors import PermissionDeniedError

RECORDS_ROLES: tuple[str, ...] = (ARCHIVIST, ADMIN)


def check_archivist(identity: Identity) -> None:
    """Holds, disposal and transfers are an archivist's or an administrator's acts."""
    if identity.role not in RECORDS_ROLES:
        raise PermissionDeniedError(
            "Seuls les archivistes et les administrateurs gèrent la conservation des documents."
        )
