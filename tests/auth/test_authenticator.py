"""Password sign-in: identities, one message for every refusal, audit trail, rate limits."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from paperasse.auth.authenticator import BAD_CREDENTIALS, PasswordAuthenticator
from paperasse.auth.passwords import verify_password
from paperasse.auth.throttle import Limits, LoginThrottle
from paperasse.auth.users import add_user, disable_user, get_user
from paperasse.context import Context
from paperasse.errors import AuthenticationError, RateLimitedError
from tests.auth.conftest import STAFF_PASSWORD, events


class Clock:
    """A hand-moved clock, so rate-limit windows pass without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_good_password_gives_the_identity_and_is_logged(ctx: Context) -> None:
    user = add_user(ctx, "marie", STAFF_PASSWORD, "agent", ["urbanisme"], "Marie Dupont")
    identity = PasswordAuthenticator(ctx).authenticate(" Marie ", STAFF_PASSWORD, client="10.0.0.7")
    assert identity.user_id == user.id and identity.username == "marie"
    assert identity.role == "agent" and identity.services == ("urbanisme",)
    assert identity.display_name == "Marie Dupont"
    [(event, details)] = events(ctx, "auth.login")
    assert event.actor == "user:marie" and event.object == "user:marie"
    assert details == {"user_id": user.id, "client": "10.0.0.7"}


@pytest.mark.parametrize("case", ["wrong_password", "unknown_user", "disabled"])
def test_every_refusal_says_the_same_and_is_logged(ctx: Context, case: str) -> None:
    add_user(ctx, "marie", STAFF_PASSWORD, "admin")
    disable_user(ctx, "marie", actor="cli")
    add_user(ctx, "paul", STAFF_PASSWORD, "admin")
    username, password = {
        "wrong_password": ("paul", "pas le bon mot de passe"),
        "unknown_user": ("personne", STAFF_PASSWORD),
        "disabled": ("marie", STAFF_PASSWORD),
    }[case]
    with pytest.raises(AuthenticationError) as caught:
        PasswordAuthenticator(ctx).authenticate(username, password, client="10.0.0.7")
    assert caught.value.message == BAD_CREDENTIALS
    [(event, details)] = events(ctx, "auth.login_failed")
    assert details == {"username": username, "client": "10.0.0.7", "reason": case}
    assert event.object == f"user:{username}"
    assert password not in event.details
    assert events(ctx, "auth.login") == []


def test_account_without_password_cannot_sign_in(sqlite_ctx: Context) -> None:
    add_user(sqlite_ctx, "fc-123", None, "citoyen")
    with pytest.raises(AuthenticationError):
        PasswordAuthenticator(sqlite_ctx).authenticate("fc-123", "")
    [(_, details)] = events(sqlite_ctx, "auth.login_failed")
    assert details["reason"] == "no_password"


def test_guessing_from_one_address_waits_the_right_password_elsewhere_does_not(
    ctx: Context,
) -> None:
    add_user(ctx, "marie", STAFF_PASSWORD, "admin")
    clock = Clock()
    auth = PasswordAuthenticator(ctx, LoginThrottle(Limits(), clock))
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            auth.authenticate("Marie ", "mauvais mot de passe", client="203.0.113.9")
    with pytest.raises(RateLimitedError) as caught:
        auth.authenticate("marie", STAFF_PASSWORD, client="203.0.113.9")
    assert caught.value.message == "Trop d'essais : réessayez dans 30 secondes."
    assert caught.value.details == {"retry_after": 30}
    assert auth.authenticate("marie", STAFF_PASSWORD, client="10.0.0.7").username == "marie"
    [(event, details)] = events(ctx, "auth.rate_limited")
    assert event.object == "user:marie" and details["client"] == "203.0.113.9"
    assert details["wait_seconds"] == 30
    assert len(events(ctx, "auth.login_failed")) == 5
    clock.now += 30
    assert auth.authenticate("marie", STAFF_PASSWORD, client="203.0.113.9").username == "marie"


def test_address_limit_spans_usernames(sqlite_ctx: Context) -> None:
    add_user(sqlite_ctx, "marie", STAFF_PASSWORD, "admin")
    auth = PasswordAuthenticator(sqlite_ctx, LoginThrottle(Limits(free_per_client=3), Clock()))
    for name in ("alice", "bob", "carole", "denis"):
        with pytest.raises(AuthenticationError):
            auth.authenticate(name, "mauvais mot de passe", client="203.0.113.9")
    with pytest.raises(RateLimitedError):
        auth.authenticate("marie", STAFF_PASSWORD, client="203.0.113.9")
    assert auth.authenticate("marie", STAFF_PASSWORD, client="10.0.0.7").username == "marie"
    assert len(events(sqlite_ctx, "auth.rate_limited")) == 1


def test_success_forgets_the_pair_failures(sqlite_ctx: Context) -> None:
    add_user(sqlite_ctx, "marie", STAFF_PASSWORD, "admin")
    auth = PasswordAuthenticator(sqlite_ctx, LoginThrottle(Limits(free_per_pair=2), Clock()))
    for _ in range(2):
        for _ in range(2):
            with pytest.raises(AuthenticationError):
                auth.authenticate("marie", "mauvais mot de passe")
        auth.authenticate("marie", STAFF_PASSWORD)
    with pytest.raises(AuthenticationError):
        auth.authenticate("marie", "mauvais mot de passe")
    assert auth.authenticate("marie", STAFF_PASSWORD).username == "marie"


def test_old_hash_is_upgraded_at_login(sqlite_ctx: Context) -> None:
    add_user(sqlite_ctx, "marie", STAFF_PASSWORD, "admin")
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(STAFF_PASSWORD)
    with sqlite_ctx.transaction() as session:
        get_user(session, "marie").password_hash = weak
    PasswordAuthenticator(sqlite_ctx).authenticate("marie", STAFF_PASSWORD)
    with sqlite_ctx.sessions() as session:
        upgraded = get_user(session, "marie").password_hash
    assert upgraded != weak and verify_password(upgraded, STAFF_PASSWORD)
