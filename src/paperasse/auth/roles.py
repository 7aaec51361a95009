"""Roles and services: the two words the rights model is made of.

A role says what kind of person acts; an agent's services say which part of
the town hall's documents they work on. Only agents have services.
"""

from __future__ import annotations

from collections.abc import Iterable

from paperasse.errors import InputError
from paperasse.models.domain import SERVICES

CITIZEN = "citoyen"
MAILROOM = "courrier"
AGENT = "agent"
ARCHIVIST = "archiviste"
ADMIN = "admin"

ROLES: tuple[str, ...] = (CITIZEN, MAILROOM, AGENT, ARCHIVIST, ADMIN)
STAFF_ROLES: tuple[str, ...] = (MAILROOM, AGENT, ARCHIVIST, ADMIN)
# Who may deposit mail, retry a failed document, and overrule the machine's decisions.
INTAKE_ROLES: tuple[str, ...] = (MAILROOM, AGENT, ADMIN)
CORRECTOR_ROLES: tuple[str, ...] = (MAILROOM, AGENT, ADMIN)


def check_role(role: str) -> str:
    """``role`` if it is one of :data:`ROLES`, else an InputError listing them."""
    if role not in ROLES:
        raise InputError(
            f"Rôle inconnu : « {role} ». Rôles possibles : {', '.join(ROLES)}.",
            details={"role": role},
        )
    return role


def check_services(role: str, services: Iterable[str]) -> list[str]:
    """The services of an account, validated against its role, sorted and deduplicated.

    An agent needs at least one service; other roles have none, since their
    reach does not depend on a service.
    """
    wanted = sorted(set(services))
    unknown = [s for s in wanted if s not in SERVICES]
    if unknown:
        raise InputError(
            f"Service inconnu : {', '.join(unknown)}. Services possibles : {', '.join(SERVICES)}.",
            details={"services": unknown},
        )
    if role == AGENT and not wanted:
        raise InputError(
            f"Un agent doit être rattaché à au moins un service ({', '.join(SERVICES)}).",
        )
    if role != AGENT and wanted:
        raise InputError(
            f"Seul un agent est rattaché à des services : le rôle « {role} » n'en prend pas.",
            details={"role": role},
        )
    return wanted
