"""CSRF tokens for the web forms, bound to the session.

The token is an HMAC, under the server's secret, of the session's stored id (the
hash of the cookie): a page puts it in each form, and a POST is accepted only when
the submitted token matches the caller's session cookie. A cross-site page can
make the browser send the cookie but can neither read it nor compute the token.
"""

from __future__ import annotations

import hmac

from paperasse.auth.sessions import value_id
from paperasse.auth.signing import mac
from paperasse.errors import PermissionDeniedError

CSRF_PURPOSE = "csrf"
CSRF_FIELD = "csrf_token"
REFUSED = (
    "Formulaire refusé : il a expiré ou ne vient pas de cette page. "
    "Rechargez la page et recommencez."
)


def csrf_token_for(secret: bytes, session_value: str) -> str:
    """The CSRF token to embed in the forms of the session ``session_value``."""
    return mac(secret, CSRF_PURPOSE, value_id(session_value).encode())


def check_csrf(secret: bytes, session_value: str, submitted: str | None) -> None:
    """Raise PermissionDeniedError (in French) unless ``submitted`` is this session's token."""
    if not submitted or not session_value:
        raise PermissionDeniedError(REFUSED)
    expected = csrf_token_for(secret, session_value)
    if not hmac.compare_digest(expected.encode(), submitted.encode()):
        raise PermissionDeniedError(REFUSED)
