"""Bearer tokens for the API: server-side rows like page sessions (see ``sessions``).

A token is issued at ``POST /api/v1/auth/token`` and lasts
``PAPERASSE_AUTH__TOKEN_HOURS``; ``POST /api/v1/auth/logout`` ends it at once, as do
a password change and the closing of the account.
"""

from __future__ import annotations

from paperasse.auth.identity import Identity
from paperasse.auth.sessions import API, end_session, identity_for, lifetime, open_session
from paperasse.context import Context


def issue_token(ctx: Context, identity: Identity, *, client: str = "") -> tuple[str, int]:
    """A new bearer token for ``identity`` and its lifetime in seconds."""
    return open_session(ctx, identity, API, client=client), int(lifetime(ctx, API).total_seconds())


def identity_from_token(ctx: Context, token: str) -> Identity:
    """The person behind a live token; AuthenticationError otherwise."""
    return identity_for(ctx, API, token.strip())


def revoke_token(ctx: Context, identity: Identity, token: str) -> bool:
    """End one token of ``identity`` (audit-logged); False if it was not live."""
    return end_session(ctx, identity, API, token.strip())
