"""Page sessions and API tokens, kept server-side so that they can be ended.

Both are a random value of 256 bits, held by the browser (a cookie, HttpOnly and
SameSite=Lax) or by an API client (``Authorization: Bearer …``). The server keeps
only its SHA-256 in ``auth_sessions``, with its kind, its user and its expiry, and
every request looks it up and re-reads the user: logging out ends that one, and a
password change or the closing of an account ends every one of that person's
(reopening the account does not bring them back). A value of one kind is refused
as the other, so a session cookie cannot be replayed as a bearer token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from typing import Any, Literal

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.orm import Session

from paperasse.audit.chain import record
from paperasse.auth.identity import Identity, identity_of
from paperasse.context import Context
from paperasse.errors import AuthenticationError
from paperasse.models.tables import AuthSession, User

log = logging.getLogger(__name__)

Kind = Literal["page", "api"]
PAGE: Kind = "page"
API: Kind = "api"
COOKIE_NAME = "paperasse_session"
VALUE_BYTES = 32
MAX_VALUE_CHARS = 128
# Rows are kept a week past their expiry (who was signed in, from where), then dropped.
KEEP_EXPIRED = dt.timedelta(days=7)
INVALID = {
    PAGE: "Session invalide : reconnectez-vous.",
    API: "Jeton d'accès invalide : reconnectez-vous.",
}
ENDED = {
    PAGE: "Cette session a été fermée : reconnectez-vous.",
    API: "Ce jeton d'accès a été révoqué : demandez-en un nouveau.",
}
EXPIRED = {
    PAGE: "Votre connexion a expiré : reconnectez-vous.",
    API: "Ce jeton d'accès a expiré : demandez-en un nouveau.",
}


def value_id(value: str) -> str:
    """The stored form of a session or token value: its SHA-256."""
    return hashlib.sha256(value.encode()).hexdigest()


def lifetime(ctx: Context, kind: Kind) -> dt.timedelta:
    """How long a session or a token of ``kind`` lasts, from settings."""
    auth = ctx.settings.auth
    return dt.timedelta(hours=auth.session_hours if kind == PAGE else auth.token_hours)


def open_session(
    ctx: Context,
    identity: Identity,
    kind: Kind,
    *,
    client: str = "",
    now: dt.datetime | None = None,
) -> str:
    """A new session (``page``) or token (``api``) for ``identity``; returns its value.

    The value is given once, to the caller: only its hash is stored.
    """
    moment = now or dt.datetime.now(dt.UTC)
    value = secrets.token_urlsafe(VALUE_BYTES)
    with ctx.transaction() as session:
        session.execute(delete(AuthSession).where(AuthSession.expires_at < moment - KEEP_EXPIRED))
        session.add(
            AuthSession(
                id=value_id(value),
                kind=kind,
                user_id=identity.user_id,
                client=client[:64],
                created_at=moment,
                expires_at=moment + lifetime(ctx, kind),
            )
        )
    return value


def identity_for(
    ctx: Context, kind: Kind, value: str, *, now: dt.datetime | None = None
) -> Identity:
    """The person behind a live session or token, read afresh from the database.

    AuthenticationError, in French, when the value is unknown, of the other kind,
    ended, expired, or its account is closed.
    """
    if not value or len(value) > MAX_VALUE_CHARS:
        raise AuthenticationError(INVALID[kind])
    with ctx.sessions() as session:
        row = session.get(AuthSession, value_id(value))
        if row is None or row.kind != kind:
            raise AuthenticationError(INVALID[kind])
        if row.ended_at is not None:
            raise AuthenticationError(ENDED[kind])
        if row.expires_at <= (now or dt.datetime.now(dt.UTC)):
            raise AuthenticationError(EXPIRED[kind])
        return active_identity(session, row.user_id)


def active_identity(session: Session, user_id: str) -> Identity:
    """The identity of ``user_id`` read afresh, refused when the account is closed."""
    user = session.get(User, user_id)
    if user is None or user.disabled:
        raise AuthenticationError(
            "Ce compte n'est pas actif : adressez-vous à l'administrateur de la mairie."
        )
    return identity_of(user)


def end_session(ctx: Context, identity: Identity, kind: Kind, value: str) -> bool:
    """Log out: end this one session or token (audit-logged); False if it was not live."""
    with ctx.transaction() as session:
        result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
            update(AuthSession)
            .where(
                AuthSession.id == value_id(value),
                AuthSession.kind == kind,
                AuthSession.user_id == identity.user_id,
                AuthSession.ended_at.is_(None),
            )
            .values(ended_at=dt.datetime.now(dt.UTC), ended_why="logout")
        )
        ended = result.rowcount
        if ended:
            details = {"kind": kind, "session": value_id(value)[:12]}
            record(session, identity.actor, "auth.logout", f"user:{identity.username}", details)
    log.info("%s logged out (%s)", identity.username, kind)
    return bool(ended)


def end_sessions_of(session: Session, user_id: str, why: str) -> int:
    """End every live session and token of a person, in the caller's transaction."""
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.ended_at.is_(None))
        .values(ended_at=dt.datetime.now(dt.UTC), ended_why=why[:32])
    )
    return int(result.rowcount or 0)


def session_cookie(value: str, *, max_age: int, secure: bool = True) -> dict[str, Any]:
    """Keyword arguments for Starlette's ``response.set_cookie``.

    HttpOnly keeps scripts away from the cookie; SameSite=Lax keeps it off
    cross-site form posts. Set ``secure=False`` only for plain-HTTP development.
    """
    return {
        "key": COOKIE_NAME,
        "value": value,
        "max_age": max_age,
        "path": "/",
        "httponly": True,
        "samesite": "lax",
        "secure": secure,
    }


def cleared_session_cookie(*, secure: bool = True) -> dict[str, Any]:
    """Keyword arguments for ``response.set_cookie`` that delete the session cookie."""
    return session_cookie("", max_age=0, secure=secure)
