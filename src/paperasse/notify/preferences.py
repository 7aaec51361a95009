"""A citizen's e-mail address and whether they want to be told of their dossiers by e-mail."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.auth import Identity
from paperasse.context import Context
from paperasse.errors import InputError, NotFoundError
from paperasse.models.tables import User

EMAIL_RE = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]{2,}$")


@dataclass(frozen=True)
class ContactPreferences:
    email: str
    notify: bool


def _user(session: Session, identity: Identity) -> User:
    user = session.get(User, identity.user_id)
    if user is None:
        raise NotFoundError("Votre compte est introuvable.")
    return user


def contact_preferences(ctx: Context, identity: Identity) -> ContactPreferences:
    """The address and choice stored for this account."""
    with ctx.sessions() as session:
        user = _user(session, identity)
        return ContactPreferences(user.email or "", bool(user.notify_by_email))


def set_contact_preferences(
    ctx: Context, identity: Identity, email: str, notify: bool
) -> ContactPreferences:
    """Store the address and the choice; the change is traced, the address itself is not."""
    email = email.strip()
    if email and not EMAIL_RE.match(email):
        raise InputError(
            f"L'adresse « {email[:80]} » n'est pas une adresse électronique valide "
            "(exemple : prenom.nom@exemple.fr)."
        )
    if notify and not email:
        raise InputError("Indiquez votre adresse électronique pour recevoir les avis par courriel.")
    with ctx.transaction() as session:
        user = _user(session, identity)
        changed_address = (user.email or "") != email
        user.email, user.notify_by_email = email or None, notify
        details = {"notify_by_email": notify, "address_changed": changed_address}
        record(session, identity.actor, "user.contact_changed", f"user:{user.username}", details)
    return ContactPreferences(email, notify)
