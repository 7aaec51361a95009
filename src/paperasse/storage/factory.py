"""Build the blob store from settings; callers never choose a backend themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from paperasse.errors import ConfigurationError
from paperasse.settings import Settings
from paperasse.storage.base import BlobStore
from paperasse.storage.filesystem import FilesystemBlobStore
from paperasse.storage.minio_store import MinioBlobStore, RetentionMode

BACKENDS = ("filesystem", "minio")


@dataclass(frozen=True)
class MinioConfig:
    """Where and how to reach MinIO, as read from the settings."""

    endpoint: str
    access_key: str
    secret_key: str = field(repr=False)
    bucket: str
    secure: bool = False
    retention_mode: RetentionMode | None = None
    retention_days: int = 0
    region: str = "us-east-1"
    timeout_seconds: float = 30.0


def blob_store_from_settings(settings: Settings) -> BlobStore:
    """The configured store of originals: a folder in DATA_DIR by default, or MinIO."""
    blob = settings.blob
    if blob.backend == "filesystem":
        return make_blob_store("filesystem", root=settings.blob_path)
    config = MinioConfig(
        endpoint=blob.minio_endpoint,
        access_key=blob.minio_access_key,
        secret_key=blob.minio_secret_key.get_secret_value(),
        bucket=blob.minio_bucket,
        secure=blob.minio_secure,
        retention_mode=blob.retention_mode,
        retention_days=blob.retention_days,
    )
    return make_blob_store("minio", minio=config)


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
