"""The server's signing secret: from settings, or generated once into the data folder."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from pathlib import Path

from paperasse.errors import ConfigurationError
from paperasse.settings import Settings

log = logging.getLogger(__name__)

KEY_FILE = "secret_key"
MIN_SECRET_BYTES = 16


def secret_key(settings: Settings) -> bytes:
    """``settings.secret_key`` if set, else the key kept in ``DATA_DIR/secret_key``.

    The file is created on first use with 32 random bytes (hex, mode 0600) and
    reused afterwards, so sessions survive restarts and every process of one
    installation signs with the same key.
    """
    configured = settings.secret_key.get_secret_value()
    if configured:
        key = configured.encode()
        if len(key) < MIN_SECRET_BYTES:
            raise ConfigurationError(
                f"PAPERASSE_SECRET_KEY est trop courte : {MIN_SECRET_BYTES} caractères au moins "
                "(laissez-la vide pour qu'une clé soit générée)."
            )
        return key
    return key_file_secret(settings.data_dir / KEY_FILE)


def key_file_secret(path: Path) -> bytes:
    """The key stored in ``path``, created atomically if missing."""
    if not path.exists():
        _create_key_file(path)
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as e:
        raise ConfigurationError(
            f"La clé secrète {path} est illisible : supprimez-la pour en générer une autre "
            "(les sessions ouvertes seront fermées)."
        ) from e
    if len(key) < MIN_SECRET_BYTES:
        raise ConfigurationError(
            f"La clé secrète {path} est trop courte : supprimez-la pour en générer une autre."
        )
    return key


def _create_key_file(path: Path) -> None:
    """Write a new key beside ``path`` and link it into place: two processes never disagree."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32) + "\n")
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
            log.info("generated a new secret key in %s", path)
    finally:
        tmp.unlink(missing_ok=True)
