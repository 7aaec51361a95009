"""Fixtures that run the blob store contract against every backend.

The MinIO backend always runs against moto's S3 server, started here on a free
loopback port; when PAPERASSE_TEST_MINIO_URL is set
(``http://ACCESS:SECRET@host:port/bucket``) it also runs against that MinIO.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from minio import Minio
from moto.server import ThreadedMotoServer

from paperasse.storage.base import BlobStore
from paperasse.storage.filesystem import FilesystemBlobStore
from paperasse.storage.minio_store import NAMED_PREFIX, ORIGINALS_PREFIX, MinioBlobStore

MINIO_URL_VARIABLE = "PAPERASSE_TEST_MINIO_URL"


@dataclass(frozen=True)
class S3Target:
    """An S3 server the tests may use: its address, credentials and a bucket."""

    kind: str  # "moto" or "minio"
    endpoint: str
    access_key: str
    secret_key: str
    bucket: str | None  # None: a fresh bucket per test

    def raw_client(self) -> Minio:
        return Minio(
            self.endpoint, access_key=self.access_key, secret_key=self.secret_key, secure=False
        )

    def new_bucket_name(self) -> str:
        return f"paperasse-test-{uuid.uuid4().hex[:16]}"

    def store(self, bucket: str | None = None, **options: object) -> MinioBlobStore:
        return MinioBlobStore(
            self.endpoint,
            self.access_key,
            self.secret_key,
            bucket or self.bucket or self.new_bucket_name(),
            **options,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class Backend:
    """A store under test plus backend-specific ways to look behind its back."""

    name: str
    store: BlobStore
    tamper_original: Callable[[str, bytes], None]
    tamper_named: Callable[[str, bytes], None]
    count_originals: Callable[[str], int]
    fingerprint: Callable[[str], object]


@pytest.fixture(scope="session")
def moto_target() -> Iterator[S3Target]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield S3Target("moto", f"{host}:{port}", "testing", "testing", None)
    finally:
        server.stop()


def real_minio_target() -> S3Target | None:
    """The MinIO named by PAPERASSE_TEST_MINIO_URL, or None when it is unset."""
    url = os.environ.get(MINIO_URL_VARIABLE)
    if not url:
        return None
    parts = urlsplit(url)
    bucket = parts.path.strip("/")
    if not (parts.hostname and parts.username and parts.password and bucket):
        raise pytest.UsageError(
            f"{MINIO_URL_VARIABLE} must look like http://KEY:SECRET@host:port/bucket"
        )
    return S3Target(
        "minio", f"{parts.hostname}:{parts.port or 9000}", parts.username, parts.password, bucket
    )


S3_KINDS = ["moto"] + (["minio"] if os.environ.get(MINIO_URL_VARIABLE) else [])


@pytest.fixture(params=S3_KINDS)
def s3_target(request: pytest.FixtureRequest) -> S3Target:
    if request.param == "moto":
        target: S3Target = request.getfixturevalue("moto_target")
        return target
    real = real_minio_target()
    assert real is not None
    return real


def filesystem_backend(root: Path) -> Backend:
    store = FilesystemBlobStore(root)

    def rewrite(path: Path, data: bytes) -> None:
        path.chmod(0o644)
        path.write_bytes(data)
        path.chmod(0o444)

    def original_path(key: str) -> Path:
        return root / "originals" / key[:2] / key[2:4] / key

    def count(key: str) -> int:
        return sum(1 for p in root.rglob("*") if p.is_file() and key in p.name)

    def fingerprint(key: str) -> object:
        info = original_path(key).stat()
        return (info.st_ino, info.st_mtime_ns, stat.S_IMODE(info.st_mode))

    return Backend(
        "filesystem",
        store,
        lambda key, data: rewrite(original_path(key), data),
        lambda name, data: rewrite(root / "named" / name, data),
        count,
        fingerprint,
    )


def minio_backend(target: S3Target) -> Backend:
    bucket = target.bucket or target.new_bucket_name()
    store = target.store(bucket)
    raw = target.raw_client()

    def overwrite(object_name: str, data: bytes) -> None:
        raw.put_object(
            bucket,
            object_name,
            io.BytesIO(data),
            len(data),
            metadata={"x-amz-sdk-checksum-algorithm": "SHA256"},
        )

    def count(key: str) -> int:
        return sum(1 for _ in raw.list_objects(bucket, prefix=ORIGINALS_PREFIX + key))

    def fingerprint(key: str) -> object:
        versions = raw.list_objects(bucket, prefix=ORIGINALS_PREFIX + key, include_version=True)
        return sorted(str(v.version_id) for v in versions)

    return Backend(
        target.kind,
        store,
        lambda key, data: overwrite(ORIGINALS_PREFIX + key, data),
        lambda name, data: overwrite(NAMED_PREFIX + name, data),
        count,
        fingerprint,
    )


@pytest.fixture(params=["filesystem", *S3_KINDS])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "filesystem":
        return filesystem_backend(tmp_path / "blobs")
    if request.param == "moto":
        return minio_backend(request.getfixturevalue("moto_target"))
    real = real_minio_target()
    assert real is not None
    return minio_backend(real)


@pytest.fixture
def unique() -> str:
    """A name prefix no other test uses, so a shared real bucket stays usable."""
    return f"test-{uuid.uuid4().hex[:12]}"
