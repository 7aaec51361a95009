"""Keyed MACs for one purpose each: CSRF tokens and the sign-in form's token.

The key is derived from the server's secret and a purpose ("csrf", "login-csrf"),
so a value made for one purpose is refused for any other. Standard library only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def derive_key(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose, so that purposes never share a key."""
    return hmac.new(secret, b"paperasse:" + purpose.encode(), hashlib.sha256).digest()


def mac(secret: bytes, purpose: str, data: bytes) -> str:
    """The base64url HMAC-SHA256 of ``data`` under the ``purpose`` key."""
    digest = hmac.new(derive_key(secret, purpose), data, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
