"""The factory picks the backend from plain parameters and refuses what it cannot build."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperasse.errors import ConfigurationError
from paperasse.storage.base import BlobStore
from paperasse.storage.factory import MinioConfig, make_blob_store
from paperasse.storage.filesystem import FilesystemBlobStore
from paperasse.storage.minio_store import MinioBlobStore

from .conftest import S3Target


def test_filesystem_backend_stores_under_root(tmp_path: Path) -> None:
    store = make_blob_store("filesystem", root=tmp_path)
    assert isinstance(store, FilesystemBlobStore)
    key = store.put(b"courrier")
    assert (tmp_path / "originals" / key[:2] / key[2:4] / key).is_file()


def test_minio_backend_uses_the_config(moto_target: S3Target) -> None:
    config = MinioConfig(
        endpoint=moto_target.endpoint,
        access_key=moto_target.access_key,
        secret_key=moto_target.secret_key,
        bucket=moto_target.new_bucket_name(),
        retention_mode="GOVERNANCE",
        retention_days=2,
    )
    store = make_blob_store("minio", minio=config)
    assert isinstance(store, MinioBlobStore)
    assert isinstance(store, BlobStore)
    key = store.put(b"courrier")
    assert store.open(key) == b"courrier"
    assert moto_target.raw_client().get_object_lock_config(config.bucket).duration == 2


def test_secret_key_stays_out_of_logs() -> None:
    config = MinioConfig("minio:9000", "paperasse", "tres-secret", "originaux")
    assert "tres-secret" not in repr(config)


@pytest.mark.parametrize(
    ("backend", "options"),
    [
        ("s3-magique", {}),
        ("filesystem", {}),
        ("minio", {}),
        ("FILESYSTEM", {"root": Path("/tmp")}),
    ],
)
def test_unbuildable_backends_are_configuration_errors(
    backend: str, options: dict[str, Path]
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        make_blob_store(backend, **options)  # type: ignore[arg-type]
    assert caught.value.message  # French text for the operator
