"""CSRF tokens for the web forms, bound to the session.

The token is an HMAC of the session id under its own key: a page puts it in
each form, and a POST is accepted only when the submitted token matches the
caller's session cookie. A cross-site page can make the browser send the
cookie but cannot read or compute the token. Extending a session with the
same id keeps its token valid.
"""

from __future__ import annotations

import hmac

from paperasse.auth.sessions import read_session
from paperasse.auth.signing import mac
from paperasse.errors import AuthenticationError, PermissionDeniedError

CSRF_PURPOSE = "csrf"
CSRF_FIELD = "csrf_token"
REFUSED = (
    "Formulaire refusé : il a expiré ou ne vient pas de cette page. "
    "Rechargez la page et recommencez."
)


def csrf_token_for(secret: bytes, session_value: str) -> str:
    """The CSRF token to embed in the forms of the session ``session_value``."""
    claims = read_session(secret, session_value)
    return mac(secret, CSRF_PURPOSE, claims.session_id.encode())


def check_csrf(secret: bytes, session_value: str, submitted: str | None) -> None:
    """Raise PermissionDeniedError (in French) unless ``submitted`` is this session's token."""
    if not submitted:
        raise PermissionDeniedError(REFUSED)
    try:
        expected = csrf_token_for(secret, session_value)
    except AuthenticationError as e:
        raise PermissionDeniedError(REFUSED) from e
    if not hmac.compare_digest(expected.encode(), submitted.encode()):
        raise PermissionDeniedError(REFUSED)
