"""API bearer tokens: round trip, tampering, expiry, and accounts changed since issue."""

from __future__ import annotations

import base64
import json
import time

import pytest

from paperasse.auth.authenticator import PasswordAuthenticator
from paperasse.auth.identity import Identity
from paperasse.auth.sessions import new_session
from paperasse.auth.tokens import identity_from_token, issue_token, read_token
from paperasse.auth.users import add_user, disable_user, get_user, set_password
from paperasse.context import Context
from paperasse.errors import AuthenticationError
from tests.auth.conftest import STAFF_PASSWORD

SECRET = b"k" * 32


def _sign_in(ctx: Context) -> Identity:
    add_user(ctx, "marie", STAFF_PASSWORD, "agent", ["social"])
    return PasswordAuthenticator(ctx).authenticate("marie", STAFF_PASSWORD)


def test_round_trip_gives_the_current_identity(ctx: Context) -> None:
    identity = _sign_in(ctx)
    token = issue_token(SECRET, identity, ttl=600)
    claims = read_token(SECRET, token)
    assert claims.user_id == identity.user_id and claims.role == "agent"
    assert claims.expires_at - claims.issued_at == 600
    assert identity_from_token(ctx, SECRET, token) == identity


def test_tampered_token_is_refused(sqlite_ctx: Context) -> None:
    token = issue_token(SECRET, _sign_in(sqlite_ctx), ttl=600)
    body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["role"] = "admin"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    for bad in (f"{forged}.{signature}", token[:-2], "n'importe quoi", ""):
        with pytest.raises(AuthenticationError, match="reconnectez-vous"):
            read_token(SECRET, bad)
    with pytest.raises(AuthenticationError):
        read_token(b"another secret of 32 bytes......", token)


def test_expired_token_is_refused(sqlite_ctx: Context) -> None:
    identity = _sign_in(sqlite_ctx)
    token = issue_token(SECRET, identity, ttl=60, now=time.time() - 120)
    with pytest.raises(AuthenticationError, match="expiré"):
        identity_from_token(sqlite_ctx, SECRET, token)


def test_session_cookie_is_not_a_token(sqlite_ctx: Context) -> None:
    cookie = new_session(SECRET, _sign_in(sqlite_ctx), ttl=600)
    with pytest.raises(AuthenticationError):
        read_token(SECRET, cookie)


def test_token_of_a_since_disabled_user_is_refused(ctx: Context) -> None:
    token = issue_token(SECRET, _sign_in(ctx), ttl=600)
    disable_user(ctx, "marie", actor="user:admin")
    with pytest.raises(AuthenticationError, match="pas actif"):
        identity_from_token(ctx, SECRET, token)


def test_password_change_ends_earlier_tokens(sqlite_ctx: Context) -> None:
    token = issue_token(SECRET, _sign_in(sqlite_ctx), ttl=600)
    set_password(sqlite_ctx, "marie", "une toute autre phrase", actor="user:marie")
    with pytest.raises(AuthenticationError, match="mot de passe a changé"):
        identity_from_token(sqlite_ctx, SECRET, token)


def test_role_change_is_seen_at_once(sqlite_ctx: Context) -> None:
    token = issue_token(SECRET, _sign_in(sqlite_ctx), ttl=600)
    with sqlite_ctx.transaction() as session:
        get_user(session, "marie").services = ["social", "urbanisme"]
    assert identity_from_token(sqlite_ctx, SECRET, token).services == ("social", "urbanisme")
