"""Bearer tokens for the API: signed and expiring, with no table behind them.

A token names a user, their role at issue time, and the stamp of their
password; :func:`identity_from_token` re-reads the user on every request, so a
closed account or a changed password ends its tokens at once. A token cannot
be revoked on its own before it expires (that would need a table of issued
tokens): keep lifetimes short.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from paperasse.auth.identity import Identity
from paperasse.auth.signing import sign, unsign
from paperasse.auth.users import active_identity
from paperasse.context import Context
from paperasse.errors import AuthenticationError

TOKEN_PURPOSE = "api-token"
DEFAULT_TOKEN_TTL = 8 * 3600


@dataclass(frozen=True)
class TokenClaims:
    user_id: str
    role: str
    stamp: str
    issued_at: int
    expires_at: int


def issue_token(
    secret: bytes, identity: Identity, ttl: float = DEFAULT_TOKEN_TTL, *, now: float | None = None
) -> str:
    """A bearer token for ``identity`` (as returned by an authenticator), valid ``ttl`` seconds."""
    issued = int(time.time() if now is None else now)
    payload = {
        "sub": identity.user_id,
        "role": identity.role,
        "stamp": identity.stamp,
        "iat": issued,
        "exp": issued + int(ttl),
    }
    return sign(secret, TOKEN_PURPOSE, payload)


def read_token(secret: bytes, token: str, *, now: float | None = None) -> TokenClaims:
    """The claims of a token; AuthenticationError when it is altered, foreign or expired."""
    payload = unsign(secret, TOKEN_PURPOSE, token, now=now)
    try:
        return TokenClaims(
            user_id=str(payload["sub"]),
            role=str(payload["role"]),
            stamp=str(payload["stamp"]),
            issued_at=int(payload["iat"]),
            expires_at=int(payload["exp"]),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise AuthenticationError("Jeton d'accès invalide : reconnectez-vous.") from e


def identity_from_token(ctx: Context, secret: bytes, token: str) -> Identity:
    """The current identity behind a token, read from the database (role and services included)."""
    claims = read_token(secret, token)
    with ctx.sessions() as session:
        return active_identity(session, claims.user_id, claims.stamp)
