"""Session cookies and the CSRF tokens bound to them."""

from __future__ import annotations

import time

import pytest

from paperasse.auth.csrf import check_csrf, csrf_token_for
from paperasse.auth.identity import Identity, identity_of
from paperasse.auth.sessions import (
    cleared_session_cookie,
    identity_from_session,
    new_session,
    read_session,
    session_cookie,
)
from paperasse.auth.tokens import issue_token
from paperasse.auth.users import add_user, disable_user
from paperasse.context import Context
from paperasse.errors import AuthenticationError, PermissionDeniedError
from tests.auth.conftest import CITIZEN_PASSWORD

SECRET = b"s" * 32


@pytest.fixture
def jean(sqlite_ctx: Context) -> Identity:
    return identity_of(add_user(sqlite_ctx, "jean", CITIZEN_PASSWORD, "citoyen"))


def test_session_round_trip(sqlite_ctx: Context, jean: Identity) -> None:
    value = new_session(SECRET, jean, ttl=3600)
    assert identity_from_session(sqlite_ctx, SECRET, value) == jean
    disable_user(sqlite_ctx, "jean", actor="user:admin")
    with pytest.raises(AuthenticationError):
        identity_from_session(sqlite_ctx, SECRET, value)


def test_each_login_gets_a_new_session_id(jean: Identity) -> None:
    first = read_session(SECRET, new_session(SECRET, jean))
    second = read_session(SECRET, new_session(SECRET, jean))
    assert first.session_id != second.session_id and len(first.session_id) >= 20


def test_expired_or_foreign_session_is_refused(jean: Identity) -> None:
    with pytest.raises(AuthenticationError, match="expiré"):
        read_session(SECRET, new_session(SECRET, jean, ttl=60, now=time.time() - 61))
    with pytest.raises(AuthenticationError):
        read_session(SECRET, issue_token(SECRET, jean))


def test_cookie_attributes() -> None:
    kwargs = session_cookie("v", max_age=3600, secure=False)
    assert kwargs["httponly"] is True and kwargs["samesite"] == "lax"
    assert kwargs["secure"] is False and kwargs["path"] == "/"
    assert session_cookie("v")["secure"] is True
    assert cleared_session_cookie()["max_age"] == 0


def test_csrf_token_accepted_for_its_session_only(jean: Identity) -> None:
    value = new_session(SECRET, jean)
    token = csrf_token_for(SECRET, value)
    check_csrf(SECRET, value, token)
    other = new_session(SECRET, jean)
    for session_value, submitted in (
        (other, token),
        (value, token[:-1] + ("A" if token[-1] != "A" else "B")),
        (value, ""),
        (value, None),
        ("falsifié", token),
    ):
        with pytest.raises(PermissionDeniedError, match="Formulaire refusé"):
            check_csrf(SECRET, session_value, submitted)


def test_extended_session_keeps_its_csrf_token(jean: Identity) -> None:
    value = new_session(SECRET, jean, ttl=60)
    extended = new_session(
        SECRET, jean, ttl=3600, session_id=read_session(SECRET, value).session_id
    )
    check_csrf(SECRET, extended, csrf_token_for(SECRET, value))
