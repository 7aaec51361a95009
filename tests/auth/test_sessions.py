"""Page sessions and API tokens kept server-side, and the CSRF tokens bound to sessions."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select

from paperasse.auth.csrf import check_csrf, csrf_token_for
from paperasse.auth.identity import Identity, identity_of
from paperasse.auth.sessions import (
    API,
    PAGE,
    cleared_session_cookie,
    end_session,
    identity_for,
    open_session,
    session_cookie,
)
from paperasse.auth.tokens import identity_from_token, issue_token, revoke_token
from paperasse.auth.users import add_user, disable_user, enable_user, get_user, set_password
from paperasse.context import Context
from paperasse.errors import AuthenticationError, PermissionDeniedError
from paperasse.models.tables import AuthSession
from tests.auth.conftest import CITIZEN_PASSWORD, events

SECRET = b"s" * 32


@pytest.fixture
def jean(sqlite_ctx: Context) -> Identity:
    return identity_of(add_user(sqlite_ctx, "jean", CITIZEN_PASSWORD, "citoyen"))


def test_only_the_hash_of_a_value_is_stored(ctx: Context) -> None:
    jean = identity_of(add_user(ctx, "jean", CITIZEN_PASSWORD, "citoyen"))
    token, seconds = issue_token(ctx, jean, client="10.0.0.7")
    assert seconds == 8 * 3600 and len(token) >= 40
    assert identity_from_token(ctx, token) == jean
    with ctx.sessions() as session:
        [row] = session.execute(select(AuthSession)).scalars()
    assert row.id == hashlib.sha256(token.encode()).hexdigest() and token not in row.id
    assert row.kind == API and row.client == "10.0.0.7"


def test_each_sign_in_gets_its_own_value(sqlite_ctx: Context, jean: Identity) -> None:
    first, second = (open_session(sqlite_ctx, jean, PAGE) for _ in range(2))
    assert first != second
    assert identity_for(sqlite_ctx, PAGE, first) == identity_for(sqlite_ctx, PAGE, second)


def test_a_value_of_one_kind_is_refused_as_the_other(sqlite_ctx: Context, jean: Identity) -> None:
    cookie = open_session(sqlite_ctx, jean, PAGE)
    token, _ = issue_token(sqlite_ctx, jean)
    with pytest.raises(AuthenticationError, match="Jeton d'accès invalide"):
        identity_from_token(sqlite_ctx, cookie)
    with pytest.raises(AuthenticationError, match="Session invalide"):
        identity_for(sqlite_ctx, PAGE, token)
    for forged in ("", "n'importe quoi", cookie[:-1], "x" * 500):
        with pytest.raises(AuthenticationError, match="reconnectez-vous"):
            identity_for(sqlite_ctx, PAGE, forged)


def test_an_expired_session_is_refused(sqlite_ctx: Context, jean: Identity) -> None:
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=13)
    cookie = open_session(sqlite_ctx, jean, PAGE, now=long_ago)
    with pytest.raises(AuthenticationError, match="expiré"):
        identity_for(sqlite_ctx, PAGE, cookie)


def test_logout_ends_one_value_and_is_audit_logged(sqlite_ctx: Context, jean: Identity) -> None:
    kept = open_session(sqlite_ctx, jean, PAGE)
    token, _ = issue_token(sqlite_ctx, jean)
    assert revoke_token(sqlite_ctx, jean, token)
    assert not revoke_token(sqlite_ctx, jean, token), "already ended"
    with pytest.raises(AuthenticationError, match="révoqué"):
        identity_from_token(sqlite_ctx, token)
    assert identity_for(sqlite_ctx, PAGE, kept) == jean
    assert end_session(sqlite_ctx, jean, PAGE, kept)
    with pytest.raises(AuthenticationError, match="fermée"):
        identity_for(sqlite_ctx, PAGE, kept)
    logouts = [details["kind"] for _, details in events(sqlite_ctx, "auth.logout")]
    assert logouts == [API, PAGE]


def test_disabling_ends_everything_and_reopening_revives_nothing(ctx: Context) -> None:
    jean = identity_of(add_user(ctx, "jean", CITIZEN_PASSWORD, "citoyen"))
    cookie = open_session(ctx, jean, PAGE)
    token, _ = issue_token(ctx, jean)
    disable_user(ctx, "jean", actor="user:admin")
    with pytest.raises(AuthenticationError):
        identity_from_token(ctx, token)
    enable_user(ctx, "jean", actor="user:admin")
    with pytest.raises(AuthenticationError, match="révoqué"):
        identity_from_token(ctx, token)
    with pytest.raises(AuthenticationError, match="fermée"):
        identity_for(ctx, PAGE, cookie)
    [(_, details)] = events(ctx, "user.disabled")
    assert details["sessions_ended"] == 2


def test_password_change_ends_earlier_sessions(sqlite_ctx: Context, jean: Identity) -> None:
    cookie = open_session(sqlite_ctx, jean, PAGE)
    set_password(sqlite_ctx, "jean", "tortue parapluie lundi", actor="user:jean")
    with pytest.raises(AuthenticationError, match="fermée"):
        identity_for(sqlite_ctx, PAGE, cookie)
    fresh = open_session(sqlite_ctx, jean, PAGE)
    assert identity_for(sqlite_ctx, PAGE, fresh) == jean


def test_role_change_is_seen_at_once(sqlite_ctx: Context, jean: Identity) -> None:
    token, _ = issue_token(sqlite_ctx, jean)
    with sqlite_ctx.transaction() as session:
        user = get_user(session, "jean")
        user.role, user.services = "agent", ["social"]
    assert identity_from_token(sqlite_ctx, token).services == ("social",)


def test_cookie_attributes() -> None:
    kwargs = session_cookie("v", max_age=3600, secure=False)
    assert kwargs["httponly"] is True and kwargs["samesite"] == "lax"
    assert kwargs["secure"] is False and kwargs["path"] == "/"
    assert session_cookie("v", max_age=1)["secure"] is True
    assert cleared_session_cookie()["max_age"] == 0


def test_csrf_token_accepted_for_its_session_only(sqlite_ctx: Context, jean: Identity) -> None:
    value = open_session(sqlite_ctx, jean, PAGE)
    token = csrf_token_for(SECRET, value)
    check_csrf(SECRET, value, token)
    other = open_session(sqlite_ctx, jean, PAGE)
    for session_value, submitted in (
        (other, token),
        (value, token[:-1] + ("A" if token[-1] != "A" else "B")),
        (value, ""),
        (value, None),
        ("falsifié", token),
        ("", token),
    ):
        with pytest.raises(PermissionDeniedError, match="Formulaire refusé"):
            check_csrf(SECRET, session_value, submitted)
    with pytest.raises(PermissionDeniedError):
        check_csrf(b"another secret of 32 bytes......", value, token)
