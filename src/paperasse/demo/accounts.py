"""Demo accounts, one per role, with passwords that pass the password policy."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from paperasse.auth import add_user
from paperasse.context import Context
from paperasse.models.tables import User


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    display_name: str
    services: tuple[str, ...] = ()


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("citoyen", "jardin-bleu-2026", "citoyen", "DUPONT Jeanne"),
    DemoAccount("courrier", "enveloppe-verte-2026", "courrier", "Marie Lefèvre"),
    DemoAccount(
        "agent", "dossier-rouge-2026", "agent", "Karim Benali", ("etat_civil", "urbanisme")
    ),
    DemoAccount("archiviste", "registre-ancien-2026", "archiviste", "Sophie Garnier"),
    DemoAccount("admin", "clef-de-voute-2026", "admin", "Paul Mercier"),
)


def ensure_accounts(ctx: Context, actor: str = "demo") -> list[DemoAccount]:
    """Create the demo accounts that do not exist yet; returns those created."""
    created: list[DemoAccount] = []
    for account in DEMO_ACCOUNTS:
        with ctx.sessions() as session:
            exists = session.execute(
                select(User.id).where(User.username == account.username)
            ).first()
        if exists:
            continue
        add_user(
            ctx,
            account.username,
            account.password,
            account.role,
            services=account.services,
            display_name=account.display_name,
            actor=actor,
        )
        created.append(account)
    return created
