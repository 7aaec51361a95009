"""Hashing, verification and the password policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher

from paperasse.auth.passwords import (
    check_password_strength,
    hash_password,
    min_guesses_log10,
    min_length,
    needs_rehash,
    verify_password,
)
from paperasse.demo.accounts import DEMO_ACCOUNTS, DemoAccount
from paperasse.errors import InputError
from tests.cli.test_commands import run


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
    ("password", "role", "fragment"),
    [
        ("court", "citoyen", "trop court"),
        ("x" * 300, "citoyen", "trop long"),
        ("123456789a", "citoyen", "mots, de prénoms ou de noms de villes très courants"),
        ("p@ssw0rd2024", "citoyen", "ne trompe pas"),
        ("football2024", "citoyen", "très courants"),
        ("Motdepasse2024!", "citoyen", "très courants"),
        ("azertyuiop12", "courrier", "très courants"),
        ("marie.dupont 1984", "agent", "votre identifiant, votre nom"),
        ("MarieDupont-mairie", "citoyen", "votre identifiant, votre nom"),
        ("Courrier2026!", "admin", "trop court"),
        ("Courrier2026!", "citoyen", "trop facile à deviner"),
        ("Soleil-Marseille-13", "admin", "trop facile à deviner"),
        ("abababababababab", "archiviste", "répète"),
    ],
)
def test_guessable_passwords_are_refused_in_french(password: str, role: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        check_password_strength(password, role, "marie.dupont", "Marie Dupont")
    message = caught.value.message
    assert fragment in message
    if "trop" in message and "long" not in message and "court" not in message:
        assert "phrase de quatre ou cinq mots" in message, "says what to do"
        assert password.lower() not in message.lower(), "never repeats the password"


def test_admins_need_more_than_staff_who_need_more_than_citizens() -> None:
    check_password_strength("Soleil-Marseille-13", "citoyen", "jean")
    check_password_strength("Soleil-Marseille-13", "agent", "jean")
    assert min_guesses_log10("citoyen") < min_guesses_log10("agent") < min_guesses_log10("admin")
    assert min_length("citoyen") < min_length("courrier") < min_length("admin")
    with pytest.raises(InputError, match="au moins 12"):
        check_password_strength("cerf tulipe", "agent", "jean")


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_demo_passwords_pass_for_their_role(account: DemoAccount) -> None:
    check_password_strength(account.password, account.role, account.username, account.display_name)


def test_a_passphrase_is_accepted_for_an_admin() -> None:
    check_password_strength("lune cerise tambour 42", "admin", "admin")
    check_password_strength("tortue café lundi parapluie", "admin", "admin")


@pytest.mark.parametrize(
    ("password", "role"),
    [
        ("123456789a", "citoyen"),
        ("p@ssw0rd2024", "courrier"),
        ("football2024", "agent"),
        ("Courrier2026!", "admin"),
        ("Courrier-2026!", "admin"),
    ],
)
def test_the_command_refuses_the_reviews_weak_passwords(
    tmp_path: Path, password: str, role: str
) -> None:
    services = ["--service", "social"] if role == "agent" else []
    result = run(
        tmp_path,
        *["users", "add", "nouveau", "--role", role, *services],
        env={"PAPERASSE_NEW_PASSWORD": password},
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Mot de passe trop" in result.stderr and "phrase de quatre ou cinq mots" in result.stderr
    assert password not in result.stderr
    assert "nouveau" not in run(tmp_path, "users", "list").stdout
