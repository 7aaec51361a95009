"""Accounts, authentication and the rights model.

- ``roles``: the five roles and the town hall's services;
- ``passwords``: argon2id hashing and the password policy;
- ``users``: create, list, disable accounts, change passwords (audit-logged);
- ``authenticator``: the ``Authenticator`` interface and ``PasswordAuthenticator``,
  slowed down by ``throttle``, counting per ``clients`` address;
- ``identity``: ``Identity``, the principals a person holds and a document carries;
- ``visibility``: the same rights against the database (one document, or a SQL filter);
- ``sessions``, ``tokens``: page sessions and API tokens, kept server-side so that
  they can be ended; ``csrf``, ``signing``, ``secret``: CSRF tokens and the key
  behind them.
"""

from __future__ import annotations

from paperasse.auth.authenticator import Authenticator, PasswordAuthenticator
from paperasse.auth.csrf import check_csrf, csrf_token_for
from paperasse.auth.identity import (
    Identity,
    ReceiptFacts,
    can_see,
    document_principals,
    identity_of,
    principals,
)
from paperasse.auth.roles import ROLES
from paperasse.auth.secret import secret_key
from paperasse.auth.sessions import (
    API,
    PAGE,
    end_session,
    identity_for,
    open_session,
    session_cookie,
)
from paperasse.auth.throttle import Limits, LoginThrottle
from paperasse.auth.tokens import identity_from_token, issue_token, revoke_token
from paperasse.auth.users import add_user, disable_user, get_user, list_users, set_password
from paperasse.auth.visibility import (
    can_see_document,
    document_principals_of,
    visible_documents_clause,
)
from paperasse.models.domain import SERVICES

__all__ = [
    "API",
    "PAGE",
    "ROLES",
    "SERVICES",
    "Authenticator",
    "Identity",
    "Limits",
    "LoginThrottle",
    "PasswordAuthenticator",
    "ReceiptFacts",
    "add_user",
    "can_see",
    "can_see_document",
    "check_csrf",
    "csrf_token_for",
    "disable_user",
    "document_principals",
    "document_principals_of",
    "end_session",
    "get_user",
    "identity_for",
    "identity_from_token",
    "identity_of",
    "issue_token",
    "list_users",
    "open_session",
    "principals",
    "revoke_token",
    "secret_key",
    "session_cookie",
    "set_password",
    "visible_documents_clause",
]
