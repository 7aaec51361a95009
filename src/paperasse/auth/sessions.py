"""Session cookies for the web pages: a signed value, HttpOnly and SameSite=Lax.

The value is signed like an API token but for another purpose, so neither can
stand in for the other. It holds a random session id (which CSRF tokens are
bound to), the user, their password stamp and an expiry; the user is re-read
on every request. Logging out deletes the cookie; a stolen cookie stays valid
until it expires or the password changes (server-side revocation would need a
``sessions`` table).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

from paperasse.auth.identity import Identity
from paperasse.auth.signing import sign, unsign
from paperasse.auth.users import active_identity
from paperasse.context import Context
from paperasse.errors import AuthenticationError

SESSION_PURPOSE = "session"
COOKIE_NAME = "paperasse_session"
DEFAULT_SESSION_TTL = 12 * 3600


@dataclass(frozen=True)
class SessionClaims:
    session_id: str
    user_id: str
    stamp: str
    issued_at: int
    expires_at: int


def new_session(
    secret: bytes,
    identity: Identity,
    ttl: float = DEFAULT_SESSION_TTL,
    *,
    session_id: str | None = None,
    now: float | None = None,
) -> str:
    """A signed cookie value opening a session for ``identity``, valid ``ttl`` seconds.

    Pass the ``session_id`` of the current session to extend it without changing
    its CSRF token; leave it out at login, so every login gets a fresh id.
    """
    issued = int(time.time() if now is None else now)
    payload = {
        "sid": session_id or secrets.token_urlsafe(18),
        "sub": identity.user_id,
        "stamp": identity.stamp,
        "iat": issued,
        "exp": issued + int(ttl),
    }
    return sign(secret, SESSION_PURPOSE, payload)


def read_session(secret: bytes, value: str, *, now: float | None = None) -> SessionClaims:
    """The claims of a cookie value; AuthenticationError when altered, foreign or expired."""
    payload = unsign(secret, SESSION_PURPOSE, value, now=now)
    try:
        return SessionClaims(
            session_id=str(payload["sid"]),
            user_id=str(payload["sub"]),
            stamp=str(payload["stamp"]),
            issued_at=int(payload["iat"]),
            expires_at=int(payload["exp"]),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise AuthenticationError("Session invalide : reconnectez-vous.") from e


def identity_from_session(ctx: Context, secret: bytes, value: str) -> Identity:
    """The current identity behind a session cookie, read from the database."""
    claims = read_session(secret, value)
    with ctx.sessions() as session:
        return active_identity(session, claims.user_id, claims.stamp)


def session_cookie(
    value: str, *, max_age: int = DEFAULT_SESSION_TTL, secure: bool = True
) -> dict[str, Any]:
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
