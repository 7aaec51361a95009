"""Refuse to start a service with an example password or key (compose files, tutorials)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from paperasse.errors import ConfigurationError
from paperasse.settings import ENV_PREFIX, Settings

# Example values of compose files, tutorials and images, compared letters and digits only.
PLACEHOLDERS = frozenset(
    {
        "admin", "changeit", "changeme", "changethis", "default", "example", "minioadmin",
        "motdepasse", "paperasse", "passw0rd", "password", "postgres", "root", "secret",
        "test", "xxx",
    }
)  # fmt: skip
PLACEHOLDER_PREFIXES = ("changeme", "achanger", "replaceme", "remplacer")


def is_placeholder(secret: str) -> bool:
    """Whether ``secret`` is an example value (``change-me``, ``minioadmin``...), not a secret."""
    plain = unicodedata.normalize("NFKD", secret.lower()).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^a-z0-9]", "", plain)
    return folded in PLACEHOLDERS or folded.startswith(PLACEHOLDER_PREFIXES)


def _url_password(url: str | None) -> str | None:
    try:
        return urlsplit(url).password if url else None
    except ValueError:
        return None


def placeholder_secrets(settings: Settings) -> list[str]:
    """The settings that hold an example password or key where a real one is needed.

    An empty ``PAPERASSE_SECRET_KEY`` is fine (a key is generated), an empty MinIO
    secret is not: the store would be open to anyone on its network.
    """
    found: list[str] = []
    secret = settings.secret_key.get_secret_value()
    if secret and is_placeholder(secret):
        found.append(f"{ENV_PREFIX}SECRET_KEY")
    database = _url_password(settings.database_url)
    if database and is_placeholder(database):
        found.append(f"{ENV_PREFIX}DATABASE_URL")
    minio = settings.blob.minio_secret_key.get_secret_value()
    if settings.blob.backend == "minio" and (not minio or is_placeholder(minio)):
        found.append(f"{ENV_PREFIX}BLOB__MINIO_SECRET_KEY")
    opensearch = _url_password(settings.search.opensearch_url)
    if settings.search.backend == "opensearch" and opensearch and is_placeholder(opensearch):
        found.append(f"{ENV_PREFIX}SEARCH__OPENSEARCH_URL")
    return found


def refuse_placeholder_secrets(settings: Settings) -> None:
    """ConfigurationError when a service would start with an example password or key.

    ``serve`` and ``worker`` call it before anything else, so that a deployment
    copied from an example never runs with the example's secrets.
    """
    found = placeholder_secrets(settings)
    if not found or settings.allow_placeholder_secrets:
        return
    raise ConfigurationError(
        f"Mot de passe ou clé d'exemple dans {', '.join(found)} : choisissez de vrais secrets "
        "(par exemple : openssl rand -hex 24) avant de démarrer. Sur un poste de développement "
        f"seulement, {ENV_PREFIX}ALLOW_PLACEHOLDER_SECRETS=true les accepte.",
        details={"settings": found},
    )
