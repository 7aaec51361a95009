"""Hashing, verification and the password policy."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from paperasse.auth.passwords import (
    CITIZEN_MIN_LENGTH,
    STAFF_MIN_LENGTH,
    check_password_strength,
    hash_password,
    needs_rehash,
    verify_password,
)
from paperasse.errors import InputError


def test_hash_verifies_only_its_password() -> None:
    stored = hash_password("lune cerise tambour 42")
    assert stored.startswith("$argon2id$")
    assert "lune" not in stored
    assert verify_password(stored, "lune cerise tambour 42")
    assert not verify_password(stored, "lune cerise tambour 43")


def test_same_password_hashes_differently() -> None:
    assert hash_password("lune cerise tambour 42") != hash_password("lune cerise tambour 42")


def test_empty_or_broken_hash_never_matches() -> None:
    assert not verify_password("", "")
    assert not verify_password("pas-un-hash", "pas-un-hash")


def test_weaker_parameters_need_rehash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("lune cerise tambour")
    assert verify_password(weak, "lune cerise tambour")
    assert needs_rehash(weak)
    assert not needs_rehash(hash_password("lune cerise tambour"))


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("court", "trop court"),
        ("x" * 300, "trop long"),
        ("abababababab", "trop simple"),
        ("0612345678-1984", "prévisible"),
        ("Motdepasse2024!", "trop courant"),
        ("azertyuiop12", "trop courant"),
        ("AzertyAzerty", "trop courant"),
        ("marie.dupont 2024", "identifiant"),
    ],
)
def test_weak_staff_passwords_are_refused_in_french(password: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        check_password_strength(password, "agent", "marie.dupont")
    assert fragment in caught.value.message


def test_staff_need_longer_passwords_than_citizens() -> None:
    eleven = "lune cerise"
    assert CITIZEN_MIN_LENGTH <= len(eleven) < STAFF_MIN_LENGTH
    check_password_strength(eleven, "citoyen", "jean")
    for role in ("courrier", "agent", "archiviste", "admin"):
        with pytest.raises(InputError, match="au moins 12"):
            check_password_strength(eleven, role, "jean")


def test_a_passphrase_is_accepted() -> None:
    check_password_strength("lune cerise tambour 42", "admin", "admin")
