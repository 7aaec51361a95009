"""The one place that picks a blob store backend; callers never choose one themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from paperasse.errors import ConfigurationError
from paperasse.storage.base import BlobStore
from paperasse.storage.filesystem import FilesystemBlobStore
from paperasse.storage.minio_store import MinioBlobStore, RetentionMode

BACKENDS = ("filesystem", "minio")


@dataclass(frozen=True)
class MinioConfig:
    """Where and how to reach MinIO; the integrator fills it from the settings."""

    endpoint: str
    access_key: str
    secret_key: str = field(repr=False)
    bucket: str
    secure: bool = False
    retention_mode: RetentionMode | None = None
    retention_days: int = 0
    region: str = "us-east-1"
    timeout_seconds: float = 30.0


def make_blob_store(
    backend: str, *, root: Path | None = None, minio: MinioConfig | None = None
) -> BlobStore:
    """Build the blob store named ``backend`` ("filesystem" or "minio").

    Nothing is contacted here: the MinIO bucket is created on first use.
    """
    if backend == "filesystem":
        if root is None:
            raise ConfigurationError(
                "Le stockage des originaux sur disque demande un dossier racine (root)."
            )
        return FilesystemBlobStore(root)
    if backend == "minio":
        if minio is None:
            raise ConfigurationError(
                "Le stockage des originaux sur MinIO demande son adresse, ses identifiants "
                "et son compartiment."
            )
        return MinioBlobStore(
            minio.endpoint,
            minio.access_key,
            minio.secret_key,
            minio.bucket,
            secure=minio.secure,
            retention_mode=minio.retention_mode,
            retention_days=minio.retention_days,
            region=minio.region,
            timeout_seconds=minio.timeout_seconds,
        )
    raise ConfigurationError(
        f"Stockage des originaux inconnu : {backend!r}. Valeurs possibles : {', '.join(BACKENDS)}."
    )
