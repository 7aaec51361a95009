"""Creating, listing, disabling accounts and changing passwords, against a real database."""

from __future__ import annotations

import pytest

from paperasse.auth.passwords import verify_password
from paperasse.auth.users import add_user, disable_user, enable_user, list_users, set_password
from paperasse.context import Context
from paperasse.errors import ConflictError, InputError, NotFoundError
from tests.auth.conftest import CITIZEN_PASSWORD, STAFF_PASSWORD, events


def test_added_users_are_listed_with_their_rights(ctx: Context) -> None:
    add_user(ctx, "Marie.Dupont", STAFF_PASSWORD, "agent", ["urbanisme", "social", "urbanisme"])
    add_user(ctx, "jean@example.fr", CITIZEN_PASSWORD, "citoyen", display_name=" Jean M. ")
    with ctx.sessions() as session:
        users = list_users(session)
    assert [u.username for u in users] == ["jean@example.fr", "marie.dupont"]
    jean, marie = users
    assert marie.role == "agent" and marie.services == ["social", "urbanisme"]
    assert jean.display_name == "Jean M." and jean.services == [] and not jean.disabled
    assert verify_password(marie.password_hash, STAFF_PASSWORD)


def test_creation_is_audit_logged_without_the_password(ctx: Context) -> None:
    user = add_user(ctx, "marie", STAFF_PASSWORD, "archiviste", actor="user:admin")
    [(event, details)] = events(ctx, "user.created")
    assert event.actor == "user:admin" and event.object == "user:marie"
    assert details == {"user_id": user.id, "role": "archiviste", "services": []}
    assert STAFF_PASSWORD not in event.details


def test_duplicate_username_is_a_conflict_whatever_the_case(ctx: Context) -> None:
    add_user(ctx, "marie", STAFF_PASSWORD, "courrier")
    with pytest.raises(ConflictError, match="déjà utilisé"):
        add_user(ctx, " MARIE ", STAFF_PASSWORD, "admin")
    with ctx.sessions() as session:
        assert len(list_users(session)) == 1
    assert len(events(ctx, "user.created")) == 1


@pytest.mark.parametrize(
    ("role", "services", "fragment"),
    [
        ("maire", [], "Rôle inconnu"),
        ("agent", [], "au moins un service"),
        ("agent", ["piscine"], "Service inconnu"),
        ("archiviste", ["finances"], "Seul un agent"),
    ],
)
def test_bad_role_or_services_are_refused(
    sqlite_ctx: Context, role: str, services: list[str], fragment: str
) -> None:
    with pytest.raises(InputError, match=fragment):
        add_user(sqlite_ctx, "marie", STAFF_PASSWORD, role, services)
    with sqlite_ctx.sessions() as session:
        assert list_users(session) == []


@pytest.mark.parametrize("username", ["", "a", "marie dupont", "élodie", "x" * 65, "-marie"])
def test_bad_usernames_are_refused(sqlite_ctx: Context, username: str) -> None:
    with pytest.raises(InputError, match="Identifiant invalide"):
        add_user(sqlite_ctx, username, STAFF_PASSWORD, "admin")


def test_weak_password_is_refused_and_nothing_created(sqlite_ctx: Context) -> None:
    with pytest.raises(InputError, match="trop court"):
        add_user(sqlite_ctx, "marie", "court", "admin")
    with sqlite_ctx.sessions() as session:
        assert list_users(session) == []


def test_account_without_password_has_no_hash(sqlite_ctx: Context) -> None:
    user = add_user(sqlite_ctx, "fc-123", None, "citoyen")
    assert user.password_hash == ""


def test_disable_and_enable_are_audit_logged_once(ctx: Context) -> None:
    add_user(ctx, "marie", STAFF_PASSWORD, "courrier")
    assert disable_user(ctx, "marie", actor="user:admin").disabled
    assert disable_user(ctx, "Marie", actor="user:admin").disabled
    assert not enable_user(ctx, "marie", actor="user:admin").disabled
    assert [e.object for e, _ in events(ctx, "user.disabled")] == ["user:marie"]
    assert len(events(ctx, "user.enabled")) == 1


def test_unknown_account_is_not_found(sqlite_ctx: Context) -> None:
    with pytest.raises(NotFoundError, match="Aucun compte"):
        disable_user(sqlite_ctx, "personne", actor="cli")


def test_set_password_replaces_the_hash(ctx: Context) -> None:
    add_user(ctx, "marie", STAFF_PASSWORD, "admin")
    set_password(ctx, "marie", "nouvelle phrase secrète", actor="user:marie")
    with ctx.sessions() as session:
        [user] = list_users(session)
    assert verify_password(user.password_hash, "nouvelle phrase secrète")
    assert not verify_password(user.password_hash, STAFF_PASSWORD)
    assert len(events(ctx, "user.password_changed")) == 1
    with pytest.raises(InputError):
        set_password(ctx, "marie", "azerty", actor="user:marie")
