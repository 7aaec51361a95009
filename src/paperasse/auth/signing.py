"""Signed, expiring values: the one format behind API tokens and session cookies.

A value is ``base64url(json payload) "." base64url(HMAC-SHA256)``. The HMAC
key is derived from the secret and a purpose ("api-token", "session",
"csrf"), so a value signed for one purpose is refused for any other: a
session cookie cannot be replayed as a bearer token. Payloads carry ``exp``,
seconds since the epoch. Standard library only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any

from paperasse.errors import AuthenticationError


def derive_key(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose, so that purposes never share a key."""
    return hmac.new(secret, b"paperasse:" + purpose.encode(), hashlib.sha256).digest()


def mac(secret: bytes, purpose: str, data: bytes) -> str:
    """The base64url HMAC-SHA256 of ``data`` under the ``purpose`` key."""
    digest = hmac.new(derive_key(secret, purpose), data, hashlib.sha256).digest()
    return _b64encode(digest)


def sign(secret: bytes, purpose: str, payload: dict[str, Any]) -> str:
    """``payload`` (which must hold ``exp``) as a signed text value."""
    body = _b64encode(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode())
    return f"{body}.{mac(secret, purpose, body.encode())}"


def unsign(secret: bytes, purpose: str, value: str, *, now: float | None = None) -> dict[str, Any]:
    """The payload of a value signed by :func:`sign`, refused when altered or expired."""
    body, sep, signature = value.strip().partition(".")
    if not sep or not hmac.compare_digest(
        signature.encode(), mac(secret, purpose, body.encode()).encode()
    ):
        raise AuthenticationError("Identifiant de connexion invalide : reconnectez-vous.")
    try:
        payload = json.loads(_b64decode(body))
    except (ValueError, binascii.Error) as e:
        raise AuthenticationError("Identifiant de connexion invalide : reconnectez-vous.") from e
    if not isinstance(payload, dict) or not isinstance(payload.get("exp"), int | float):
        raise AuthenticationError("Identifiant de connexion invalide : reconnectez-vous.")
    if payload["exp"] <= (time.time() if now is None else now):
        raise AuthenticationError("Votre connexion a expiré : reconnectez-vous.")
    return payload


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
