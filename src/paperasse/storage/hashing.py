"""Hashes, keys and names shared by every blob store backend.

Both backends must accept and refuse exactly the same keys and names, so the
checks live here once. Keys are SHA-256 digests in lower-case hex; names are
relative, slash-separated paths such as ``audit/digests/000000000123.json``.
"""

from __future__ import annotations

import hashlib
import re

from paperasse.errors import InputError

_KEY_RE = re.compile(r"[0-9a-f]{64}")
MAX_NAME_LENGTH = 512


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` in lower-case hex: the key of an original."""
    return hashlib.sha256(data).hexdigest()


def check_key(key: str) -> str:
    """Return ``key`` if it is a SHA-256 in lower-case hex, else raise InputError.

    Refusing anything else up front keeps keys from ever reaching a path or an
    object name they could escape from.
    """
    if not isinstance(key, str) or _KEY_RE.fullmatch(key) is None:
        raise InputError(
            f"Identifiant d'original invalide : {key!r}. "
            "Il doit s'agir d'une empreinte SHA-256 de 64 caractères hexadécimaux en minuscules.",
            details={"key": str(key)},
        )
    return key


def check_name(name: str) -> str:
    """Return ``name`` if it is a safe relative name, else raise InputError.

    Refused: empty names, absolute paths, backslashes, NUL, empty segments and
    segments starting with a dot (``.``, ``..`` and the stores' temporary files).
    """
    problem = _name_problem(name, allow_trailing_slash=False)
    if problem:
        raise InputError(
            f"Nom d'objet refusé : {name!r} ({problem}). "
            "Utilisez un chemin relatif comme « audit/digests/000000000001.json ».",
            details={"name": str(name)},
        )
    return name


def check_prefix(prefix: str) -> str:
    """Return ``prefix`` if it may start a valid name (empty allowed), else InputError."""
    if prefix == "":
        return prefix
    problem = _name_problem(prefix, allow_trailing_slash=True)
    if problem:
        raise InputError(
            f"Préfixe de nom refusé : {prefix!r} ({problem}).",
            details={"prefix": str(prefix)},
        )
    return prefix


def _name_problem(name: str, *, allow_trailing_slash: bool) -> str | None:
    """Why ``name`` is unsafe, in French, or None when it is fine."""
    if not isinstance(name, str) or name == "":
        return "nom vide"
    if len(name) > MAX_NAME_LENGTH:
        return f"plus de {MAX_NAME_LENGTH} caractères"
    if "\\" in name or "\x00" in name:
        return "caractère interdit (barre oblique inversée ou octet nul)"
    if name.startswith("/"):
        return "chemin absolu"
    segments = name.split("/")
    if allow_trailing_slash and segments[-1] == "":
        segments = segments[:-1]
    for segment in segments:
        if segment == "":
            return "segment vide"
        if segment.startswith("."):
            return "segment commençant par un point, dont « .. »"
    return None
