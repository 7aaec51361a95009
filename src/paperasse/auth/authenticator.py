"""Authentication behind a small interface, so that another provider can plug in.

``PasswordAuthenticator`` checks a username and password against the
``users`` table. An external provider (FranceConnect for citizens, the town's
directory for agents) will be another ``Authenticator``-like object that ends
in the same place: an :class:`Identity` read from the ``users`` table, so that
rights, tokens and sessions never depend on how someone signed in.

Every attempt is audit-logged (``auth.login``, ``auth.login_failed`` with the
username, the address and the reason, never the password; ``auth.rate_limited``
when a failure starts a wait, ``auth.guessing_suspected`` when one username fails
from many addresses). Attempts refused while a wait holds are only logged, not
audit-logged, so a flood cannot grow the audit trail without end.
"""

from __future__ import annotations

import logging
from typing import Protocol

from sqlalchemy import select

from paperasse.audit.chain import record
from paperasse.auth.identity import Identity, identity_of
from paperasse.auth.passwords import hash_password, needs_rehash, verify_dummy, verify_password
from paperasse.auth.throttle import LoginThrottle, rate_limited
from paperasse.auth.users import normalize_username, user_object
from paperasse.context import Context
from paperasse.errors import AuthenticationError
from paperasse.models.tables import User

log = logging.getLogger(__name__)

BAD_CREDENTIALS = "Identifiant ou mot de passe incorrect."


class Authenticator(Protocol):
    """Turns credentials into an identity, or raises AuthenticationError / RateLimitedError."""

    def authenticate(self, username: str, password: str, *, client: str = "") -> Identity:
        """``client`` is the caller's address, for rate limiting and the audit trail."""
        ...


class PasswordAuthenticator:
    """Username and password checked against the argon2 hashes of the ``users`` table.

    Create one per process and keep it: its throttle counts failures in memory.
    """

    def __init__(self, ctx: Context, throttle: LoginThrottle | None = None) -> None:
        self.ctx = ctx
        self.throttle = throttle or LoginThrottle()

    def authenticate(self, username: str, password: str, *, client: str = "") -> Identity:
        name = normalize_username(username)[:128]
        wait = self.throttle.wait_seconds(name, client)
        if wait > 0:
            log.warning("login for %s from %s refused: rate limited", name, client or "?")
            raise rate_limited(wait)
        reason = self._check(name, password)
        if reason:
            self._fail(name, client, reason)
            raise AuthenticationError(BAD_CREDENTIALS)
        return self._succeed(name, password, client)

    def _check(self, name: str, password: str) -> str:
        """Why the credentials are refused, or "" when they are good.

        An unknown user or an account without password costs one hash
        verification too, so response times do not tell them apart.
        """
        with self.ctx.sessions() as session:
            user = session.execute(select(User).where(User.username == name)).scalar()
        if user is None or not user.password_hash:
            verify_dummy(password)
            return "unknown_user" if user is None else "no_password"
        if not verify_password(user.password_hash, password):
            return "wrong_password"
        return "disabled" if user.disabled else ""

    def _fail(self, name: str, client: str, reason: str) -> None:
        outcome = self.throttle.failed(name, client)
        actor = f"client:{client or 'inconnu'}"
        with self.ctx.transaction() as session:
            details: dict[str, object] = {"username": name, "client": client, "reason": reason}
            record(session, actor, "auth.login_failed", user_object(name), details)
            if outcome.tripped:
                wait = self.throttle.wait_seconds(name, client)
                details = {"username": name, "client": client, "wait_seconds": round(wait)}
                record(session, actor, "auth.rate_limited", user_object(name), details)
            if outcome.guessing_suspected:
                details = {"username": name, "failures": self.throttle.limits.alert_per_username}
                record(session, actor, "auth.guessing_suspected", user_object(name), details)
        log.info("login failed for %s from %s: %s", name, client or "?", reason)

    def _succeed(self, name: str, password: str, client: str) -> Identity:
        with self.ctx.transaction() as session:
            user = session.execute(select(User).where(User.username == name)).scalar_one()
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            identity = identity_of(user)
            record(
                session,
                identity.actor,
                "auth.login",
                user_object(name),
                {"user_id": user.id, "client": client},
            )
        self.throttle.succeeded(name, client)
        log.info("login of %s from %s", name, client or "?")
        return identity
