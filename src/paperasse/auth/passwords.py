"""Password hashing (argon2id) and the password policy.

Policy, after NIST SP 800-63B and the CNIL's 2022 recommendation (length and
unpredictability rather than composition rules, since sign-ins are slowed down):

- at least 10 characters for citizens, 12 for staff, 14 for administrators, at
  most 256 (hashing cost stays bounded);
- hard enough to guess, as judged by zxcvbn (the estimator of Dropbox, kept up
  by its community) with its English lists plus a shipped list of French words,
  first names and towns (``french_words.txt``, made by
  ``tools/make_french_words.py``), the town hall's own vocabulary, and the
  person's username and name: at least 10^9 guesses for a citizen, 10^11 for
  staff and 10^13 for an administrator (``MIN_GUESSES_LOG10``);
- a refusal says, in French, what made the password guessable and what to do,
  without repeating any part of it.

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
from importlib.resources import files
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import matching, scoring

from paperasse.auth.roles import ADMIN, CITIZEN
from paperasse.errors import InputError
from paperasse.models.domain import SERVICES

MIN_LENGTH = {CITIZEN: 10, ADMIN: 14}
STAFF_MIN_LENGTH = 12
MAX_LENGTH = 256
# zxcvbn is quadratic in the length: it judges the first characters, which errs safe.
JUDGED_CHARS = 64
MIN_GUESSES_LOG10 = {CITIZEN: 9.0, ADMIN: 13.0}
STAFF_MIN_GUESSES_LOG10 = 11.0
TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1
SERVICE_WORDS = ("paperasse", "mairie", *SERVICES)
# Letters that must remain once the person's own words are taken out.
OWN_WORDS_MIN_REST = 6
ADVICE = (
    "Choisissez plutôt une phrase de quatre ou cinq mots sans rapport entre eux, "
    "séparés par des espaces ou des tirets : elle se retient mieux et se devine bien moins."
)
WHY = {
    "user_inputs": "il reprend votre identifiant, votre nom ou le nom du service",
    "dictionary": "il est fait de mots, de prénoms ou de noms de villes très courants",
    "l33t": "remplacer des lettres par des chiffres ou des signes (@ pour a, 0 pour o) "
    "ne trompe pas les logiciels qui devinent les mots de passe",
    "spatial": "il suit des touches voisines du clavier",
    "repeat": "il répète les mêmes caractères ou le même motif",
    "sequence": "il contient une suite logique (abcd, 1234)",
    "date": "une année ou une date se devinent vite",
    "bruteforce": "il est trop court pour ce compte",
}


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
    return MIN_LENGTH.get(role, STAFF_MIN_LENGTH)


def min_guesses_log10(role: str) -> float:
    return MIN_GUESSES_LOG10.get(role, STAFF_MIN_GUESSES_LOG10)


def check_password_strength(
    password: str, role: str, username: str = "", display_name: str = ""
) -> None:
    """Raise InputError, in French, when ``password`` is too guessable for a ``role`` account."""
    needed = min_length(role)
    if len(password) < needed:
        raise InputError(
            f"Mot de passe trop court : il faut au moins {needed} caractères pour ce compte. "
            + ADVICE
        )
    if len(password) > MAX_LENGTH:
        raise InputError(f"Mot de passe trop long : {MAX_LENGTH} caractères au plus.")
    personal = personal_words(username, display_name)
    if _made_of(password, [*personal, *SERVICE_WORDS]):
        raise InputError(f"Mot de passe trop facile à deviner : {WHY['user_inputs']}. {ADVICE}")
    guesses_log10, kinds = estimate(password, personal)
    if guesses_log10 < min_guesses_log10(role):
        reasons = "; ".join(WHY[kind] for kind in kinds) or WHY["bruteforce"]
        raise InputError(
            f"Mot de passe trop facile à deviner : {reasons}. {ADVICE}",
            details={"guesses_log10": round(guesses_log10, 1), "needed": min_guesses_log10(role)},
        )


def _made_of(password: str, own_words: list[str]) -> bool:
    """Whether the password is the username, or little more than the person's own words.

    zxcvbn prices a password of three known words at about 10^11 guesses,
    assuming an attacker who does not know them; someone targeting this account does.
    """
    rest = password.lower()
    if len(own_words[0]) >= 3 and own_words[0] in rest:
        return True
    for word in sorted((w for w in own_words if len(w) >= 3), key=len, reverse=True):
        rest = rest.replace(word, "")
    found = rest != password.lower()
    return found and sum(c.isalpha() for c in rest) < OWN_WORDS_MIN_REST


def personal_words(username: str, display_name: str = "") -> list[str]:
    """The person's own words an attacker tries first: username and name, in pieces."""
    name = username.strip().lower()
    words = {display_name.strip().lower()}
    words.update(re.split(r"[\s._@+\-']+", f"{username} {display_name}".lower()))
    return [name, *sorted(w for w in words if len(w) >= 3 and w != name)]


def estimate(password: str, personal: list[str]) -> tuple[float, list[str]]:
    """log10 of the guesses zxcvbn needs, and the kinds of weakness it found, in order."""
    judged = password[:JUDGED_CHARS]
    dictionaries = dict(_dictionaries())
    dictionaries["user_inputs"] = matching.build_ranked_dict([*personal, *SERVICE_WORDS])
    matches = matching.omnimatch(judged, dictionaries)
    result: dict[str, Any] = scoring.most_guessable_match_sequence(judged, matches)
    kinds: list[str] = []
    for match in result["sequence"]:
        kind = _kind(match)
        if kind and kind not in kinds:
            kinds.append(kind)
    return float(result["guesses_log10"]), kinds


def _kind(match: dict[str, Any]) -> str:
    pattern = str(match.get("pattern", ""))
    if pattern == "dictionary":
        if match.get("l33t"):
            return "l33t"
        return "user_inputs" if match.get("dictionary_name") == "user_inputs" else "dictionary"
    if pattern == "regex" and match.get("regex_name") == "recent_year":
        return "date"
    return pattern if pattern in WHY and pattern != "bruteforce" else ""


@cache
def _dictionaries() -> dict[str, dict[str, int]]:
    """zxcvbn's ranked lists plus the French one, built once (never modified afterwards)."""
    text = (files("paperasse.auth") / "french_words.txt").read_text(encoding="utf-8")
    french = [line.strip() for line in text.splitlines() if line.strip()]
    return {**matching.RANKED_DICTIONARIES, "french": matching.build_ranked_dict(french)}
