"""Password hashing (argon2id) and the password policy.

Policy, after NIST SP 800-63B and the CNIL's 2022 recommendation (length
rather than composition rules, since logins are rate-limited):

- staff accounts (courrier, agent, archiviste, admin): at least 12 characters;
- citizens: at least 10 characters;
- at most 256 characters (hashing cost stays bounded);
- not a common password, even with digits or signs around it
  ("Motdepasse2024!" is refused), not digits and signs only (dates, phone
  numbers), not containing the username, and not made of fewer than 5
  distinct characters.

Hashing uses argon2id with OWASP's parameters (2 passes over 19 MiB, one
lane), not argon2-cffi's heavier default (3 passes over 64 MiB, four lanes):
on a town hall's small shared server that default took 0.7 s of CPU per login
attempt, which makes every login slow and a flood of attempts a denial of
service. Hashes made with other parameters are upgraded at the next login
(:func:`needs_rehash`).
"""

from __future__ import annotations

import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from paperasse.auth.roles import STAFF_ROLES
from paperasse.errors import InputError

STAFF_MIN_LENGTH = 12
CITIZEN_MIN_LENGTH = 10
MAX_LENGTH = 256
MIN_DISTINCT = 5
TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1

# Common passwords and the words they are built on, compared once digits and
# signs around them are stripped and letters lowered.
COMMON = frozenset(
    {
        "motdepasse",
        "password",
        "azerty",
        "azertyuiop",
        "qwerty",
        "qwertyuiop",
        "bonjour",
        "soleil",
        "doudou",
        "chouchou",
        "loulou",
        "jetaime",
        "iloveyou",
        "marseille",
        "paris",
        "mairie",
        "admin",
        "administrateur",
        "paperasse",
        "welcome",
        "bienvenue",
        "secret",
        "changeme",
        "abcdef",
        "abcdefgh",
        "abcdefghij",
    }
)


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM)


@cache
def _dummy_hash() -> str:
    return _hasher().hash("paperasse-dummy-password")


def hash_password(password: str) -> str:
    """The argon2id hash to store (salted, parameters included)."""
    return str(_hasher().hash(password))


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``; an empty or broken hash never matches."""
    if not stored_hash:
        return False
    try:
        return bool(_hasher().verify(stored_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def verify_dummy(password: str) -> None:
    """Spend the time of one verification, so an unknown username answers as slowly."""
    verify_password(_dummy_hash(), password)


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's: rehash at next login."""
    try:
        return bool(_hasher().check_needs_rehash(stored_hash))
    except InvalidHashError:
        return True


def min_length(role: str) -> int:
    return STAFF_MIN_LENGTH if role in STAFF_ROLES else CITIZEN_MIN_LENGTH


def check_password_strength(password: str, role: str, username: str = "") -> None:
    """Raise InputError, in French, when ``password`` is too weak for an account of ``role``."""
    needed = min_length(role)
    if len(password) < needed:
        raise InputError(
            f"Mot de passe trop court : il faut au moins {needed} caractères "
            f"(une phrase de quelques mots convient très bien)."
        )
    if len(password) > MAX_LENGTH:
        raise InputError(f"Mot de passe trop long : {MAX_LENGTH} caractères au plus.")
    if len(set(password)) < MIN_DISTINCT:
        raise InputError("Mot de passe trop simple : il répète trop peu de caractères différents.")
    if not any(c.isalpha() for c in password):
        raise InputError(
            "Mot de passe trop prévisible : des chiffres et des signes seuls "
            "(date, numéro de téléphone) se devinent vite. Ajoutez des mots."
        )
    if _is_common(password):
        raise InputError(
            "Mot de passe trop courant : il figure parmi les plus utilisés. "
            "Choisissez-en un autre, par exemple une phrase de quelques mots."
        )
    name = username.strip().lower()
    if len(name) >= 3 and name in password.lower():
        raise InputError("Le mot de passe ne doit pas contenir l'identifiant.")


def _is_common(password: str) -> bool:
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", password.lower())
    return core in COMMON or any(core == word * (len(core) // len(word)) for word in COMMON)
