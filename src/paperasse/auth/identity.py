"""Who is acting, and the access principals that decide what they may see.

Rights are a set intersection: an identity holds principals, a document
carries principals, and the identity sees the document when the two sets
share at least one (``can_see``). The same strings are stored in the search
index, so the engine filters hits with a terms query, and
:func:`paperasse.auth.visibility.visible_documents_clause` says the same thing
in SQL.

=============  ===========================================  ===========================
role           principals held                               documents carrying one
=============  ===========================================  ===========================
citoyen        ``citizen:<user_id>``                         the ones they brought
courrier       ``role:courrier``                             received by the mailroom,
                                                             or not yet routed
agent          ``service:<s>`` for each of their services    routed to, or filed by, s
archiviste     ``role:archiviste``                           all
admin          ``role:admin``                                all
=============  ===========================================  ===========================

There is no catch-all "all" principal: every document carries
``role:archiviste`` and ``role:admin`` instead, so the index needs no special
case and an unknown role sees nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from paperasse.auth.roles import ADMIN, AGENT, ARCHIVIST, CITIZEN, MAILROOM
from paperasse.models.tables import User

MAILROOM_SOURCE = "mailroom"
EVERYTHING = (f"role:{ARCHIVIST}", f"role:{ADMIN}")


@dataclass(frozen=True)
class Identity:
    """An authenticated person, as the rest of the code sees them."""

    user_id: str
    username: str
    role: str
    services: tuple[str, ...] = ()
    display_name: str = ""

    @property
    def actor(self) -> str:
        """The audit-trail name of this person: ``user:<username>``."""
        return f"user:{self.username}"


def identity_of(user: User) -> Identity:
    """The identity of a database user (whatever authenticated them)."""
    return Identity(
        user_id=user.id,
        username=user.username,
        role=user.role,
        services=tuple(str(s) for s in user.services or ()),
        display_name=user.display_name or "",
    )


def citizen_principal(user_id: str) -> str:
    return f"citizen:{user_id}"


def service_principal(service: str) -> str:
    return f"service:{service}"


def role_principal(role: str) -> str:
    return f"role:{role}"


def principals(identity: Identity) -> list[str]:
    """The principals ``identity`` holds; unknown roles and agents without service hold none."""
    if identity.role in (ARCHIVIST, ADMIN, MAILROOM):
        return [role_principal(identity.role)]
    if identity.role == AGENT:
        return sorted(service_principal(s) for s in set(identity.services))
    if identity.role == CITIZEN:
        return [citizen_principal(identity.user_id)]
    return []


@dataclass(frozen=True)
class ReceiptFacts:
    """What the rights need to know about one receipt of a document."""

    source: str
    service: str | None = None
    user_id: str | None = None
    by_citizen: bool = False


def document_principals(receipts: Iterable[ReceiptFacts], service: str | None) -> list[str]:
    """The principals a document carries, from its receipts and its routed ``service``.

    - each citizen who brought it: ``citizen:<user_id>``;
    - its routed service, and the service each receipt was filed for, so that a
      service keeps what it filed even when triage routes it elsewhere;
    - ``role:courrier`` when the mailroom received it or nobody routed it yet;
    - always ``role:archiviste`` and ``role:admin``.
    """
    out = set(EVERYTHING)
    if service:
        out.add(service_principal(service))
    else:
        out.add(role_principal(MAILROOM))
    for receipt in receipts:
        if receipt.by_citizen and receipt.user_id:
            out.add(citizen_principal(receipt.user_id))
        if receipt.service:
            out.add(service_principal(receipt.service))
        if receipt.source == MAILROOM_SOURCE:
            out.add(role_principal(MAILROOM))
    return sorted(out)


def can_see(identity: Identity, doc_principals: Iterable[str]) -> bool:
    """Whether ``identity`` holds at least one of the document's principals."""
    return not set(principals(identity)).isdisjoint(doc_principals)
