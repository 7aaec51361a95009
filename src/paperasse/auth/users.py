"""Accounts: create, list, disable, change a password. Every change is audit-logged.

Usernames are stored lowered and trimmed (``Marie.Dupont`` and ``marie.dupont``
are one account): 2 to 64 characters among letters, digits and ``. _ @ + -``,
so that an e-mail address works for citizens. An account may be created
without a password (``password=None``) for people who will sign in through an
external provider; it then cannot sign in with a password.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as DbIntegrityError
from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.auth.passwords import check_password_strength, hash_password
from paperasse.auth.roles import check_role, check_services
from paperasse.auth.sessions import end_sessions_of
from paperasse.context import Context
from paperasse.errors import ConflictError, InputError, NotFoundError
from paperasse.models.tables import User

log = logging.getLogger(__name__)

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@+-]{1,63}")


def normalize_username(username: str) -> str:
    """The stored form of a username: trimmed and lowered."""
    return username.strip().lower()


def check_username(username: str) -> str:
    """The normalised username, or an InputError saying what is allowed."""
    name = normalize_username(username)
    if not USERNAME_PATTERN.fullmatch(name):
        raise InputError(
            "Identifiant invalide : de 2 à 64 caractères, lettres sans accent, chiffres "
            "et . _ @ + - (il doit commencer par une lettre ou un chiffre).",
            details={"username": username[:64]},
        )
    return name


def user_object(username: str) -> str:
    """The audit-trail object naming an account."""
    return f"user:{username[:100]}"


def add_user(
    ctx: Context,
    username: str,
    password: str | None,
    role: str,
    services: Iterable[str] = (),
    display_name: str = "",
    actor: str = "cli",
) -> User:
    """Create an account after checking its role, services and password strength."""
    name = check_username(username)
    check_role(role)
    wanted = check_services(role, services)
    password_hash = ""
    if password is not None:
        check_password_strength(password, role, name, display_name)
        password_hash = hash_password(password)
    try:
        with ctx.transaction() as session:
            if session.execute(select(User.id).where(User.username == name)).first():
                raise _taken(name)
            user = User(
                username=name,
                display_name=display_name.strip(),
                role=role,
                services=wanted,
                password_hash=password_hash,
                disabled=False,
            )
            session.add(user)
            session.flush()
            details = {"user_id": user.id, "role": role, "services": wanted}
            record(session, actor, "user.created", user_object(name), details)
    except DbIntegrityError as e:
        raise _taken(name) from e
    log.info("account %s created with role %s", name, role)
    return user


def _taken(name: str) -> ConflictError:
    return ConflictError(
        f"L'identifiant « {name} » est déjà utilisé : choisissez-en un autre.",
        details={"username": name},
    )


def list_users(session: Session) -> list[User]:
    """Every account, by username."""
    return list(session.execute(select(User).order_by(User.username)).scalars())


def get_user(session: Session, username: str) -> User:
    """The account named ``username``; NotFoundError if there is none."""
    name = normalize_username(username)
    user = session.execute(select(User).where(User.username == name)).scalar()
    if user is None:
        raise NotFoundError(f"Aucun compte « {name} ».", details={"username": name[:64]})
    return user


def disable_user(ctx: Context, username: str, actor: str) -> User:
    """Close an account and end its sessions and tokens (reopening it does not revive them)."""
    return _set_disabled(ctx, username, actor, disabled=True)


def enable_user(ctx: Context, username: str, actor: str) -> User:
    """Reopen a closed account: its owner signs in again."""
    return _set_disabled(ctx, username, actor, disabled=False)


def _set_disabled(ctx: Context, username: str, actor: str, *, disabled: bool) -> User:
    with ctx.transaction() as session:
        user = get_user(session, username)
        details: dict[str, object] = {"user_id": user.id}
        if disabled:
            details["sessions_ended"] = end_sessions_of(session, user.id, "disabled")
        if user.disabled != disabled:
            user.disabled = disabled
            action = "user.disabled" if disabled else "user.enabled"
            record(session, actor, action, user_object(user.username), details)
    return user


def set_password(ctx: Context, username: str, password: str, actor: str) -> None:
    """Change a password and end every session and token opened with the old one."""
    with ctx.sessions() as session:
        user = get_user(session, username)
        role, name, display_name = user.role, user.username, user.display_name
    check_password_strength(password, role, name, display_name)
    password_hash = hash_password(password)
    with ctx.transaction() as session:
        user = get_user(session, username)
        user.password_hash = password_hash
        ended = end_sessions_of(session, user.id, "password_changed")
        details = {"sessions_ended": ended}
        record(session, actor, "user.password_changed", user_object(user.username), details)
