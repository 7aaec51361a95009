"""What only the MinIO store promises: a WORM bucket, recorded hashes, clear failures."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import socket
from datetime import UTC, datetime, timedelta

import pytest
from minio.commonconfig import ENABLED, GOVERNANCE

from paperasse.errors import ConfigurationError, IntegrityError, NotFoundError, StorageError
from paperasse.storage.minio_store import NAMED_PREFIX, ORIGINALS_PREFIX, MinioBlobStore

from .conftest import S3Target


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_first_use_creates_a_locked_versioned_bucket(moto_target: S3Target) -> None:
    bucket = moto_target.new_bucket_name()
    store = moto_target.store(bucket)
    raw = moto_target.raw_client()
    assert not raw.bucket_exists(bucket)  # nothing is contacted before first use

    store.put(b"premier document")

    assert raw.bucket_exists(bucket)
    assert raw.get_bucket_versioning(bucket).status == ENABLED
    raw.get_object_lock_config(bucket)  # raises when the bucket has no object lock


def test_objects_carry_their_sha256(s3_target: S3Target, unique: str) -> None:
    store = s3_target.store()
    raw = s3_target.raw_client()
    data = os.urandom(1000)
    key = store.put(data)
    store.put_named(f"{unique}/d.json", b"{}")

    original = raw.stat_object(store.bucket, ORIGINALS_PREFIX + key)
    named = raw.stat_object(store.bucket, f"{NAMED_PREFIX}{unique}/d.json")
    assert original.metadata is not None and named.metadata is not None
    assert original.metadata["x-amz-meta-sha256"] == hashlib.sha256(data).hexdigest()
    assert named.metadata["x-amz-meta-sha256"] == hashlib.sha256(b"{}").hexdigest()
    assert original.size == len(data)


def test_retention_is_applied_to_every_object(s3_target: S3Target, unique: str) -> None:
    """With a retention configured, each new object is locked for that many days."""
    bucket = s3_target.new_bucket_name()
    store = s3_target.store(bucket, retention_mode="GOVERNANCE", retention_days=3)
    raw = s3_target.raw_client()
    before = datetime.now(UTC)
    key = store.put(os.urandom(64))
    store.put_named(f"{unique}/digest.json", b"{}")

    config = raw.get_object_lock_config(bucket)
    assert (config.mode, config.duration, config.duration_unit) == (GOVERNANCE, 3, "Days")
    for object_name in (ORIGINALS_PREFIX + key, f"{NAMED_PREFIX}{unique}/digest.json"):
        headers = raw.stat_object(bucket, object_name).metadata
        assert headers is not None
        assert headers["x-amz-object-lock-mode"] == GOVERNANCE
        until = datetime.fromisoformat(headers["x-amz-object-lock-retain-until-date"])
        assert before + timedelta(days=3) - timedelta(minutes=5) <= until
        assert until <= datetime.now(UTC) + timedelta(days=3, minutes=5)


def test_retention_reads_back_through_get_object_retention(s3_target: S3Target) -> None:
    if s3_target.kind == "moto":
        pytest.skip("moto 5 does not implement GetObjectRetention; the HEAD headers are checked")
    store = s3_target.store(
        s3_target.new_bucket_name(), retention_mode="GOVERNANCE", retention_days=1
    )
    key = store.put(os.urandom(64))
    retention = s3_target.raw_client().get_object_retention(store.bucket, ORIGINALS_PREFIX + key)
    assert retention is not None
    assert retention.mode == GOVERNANCE
    assert retention.retain_until_date > datetime.now(UTC)


def test_rewritten_original_keeps_its_first_version(s3_target: S3Target) -> None:
    """A rewrite through another client adds a version; the first stays, intact.

    The store reads the current version and refuses it (IntegrityError) rather
    than quietly serving the old one, so the tampering gets noticed.
    """
    store = s3_target.store()
    raw = s3_target.raw_client()
    data = os.urandom(500)
    key = store.put(data)
    object_name = ORIGINALS_PREFIX + key
    first = raw.stat_object(store.bucket, object_name).version_id
    raw.put_object(
        store.bucket,
        object_name,
        io.BytesIO(b"forged"),
        6,
        metadata={
            "x-amz-sdk-checksum-algorithm": "SHA256",
            "x-amz-checksum-sha256": base64.b64encode(hashlib.sha256(b"forged").digest()).decode(),
            "sha256": key,  # a forger can copy the metadata, not the hash of the bytes
        },
    )
    with pytest.raises(IntegrityError) as caught:
        store.open(key)
    assert "version d'origine" in caught.value.message
    kept = raw.get_object(store.bucket, object_name, version_id=first)
    try:
        assert kept.read() == data
    finally:
        kept.close()
        kept.release_conn()


def test_deleted_original_is_reported_as_altered(s3_target: S3Target) -> None:
    """A delete marker hides the object, but the versions prove it existed."""
    store = s3_target.store()
    key = store.put(os.urandom(200))
    s3_target.raw_client().remove_object(store.bucket, ORIGINALS_PREFIX + key)
    with pytest.raises(IntegrityError):
        store.open(key)


def test_named_object_rewritten_with_forged_metadata_is_detected(
    s3_target: S3Target, unique: str
) -> None:
    store = s3_target.store()
    name = f"{unique}/audit/digests/000000000001.json"
    store.put_named(name, b'{"digest": "aaaa"}')
    forged = b'{"digest": "bbbb"}'
    s3_target.raw_client().put_object(
        store.bucket,
        NAMED_PREFIX + name,
        io.BytesIO(forged),
        len(forged),
        metadata={
            "x-amz-sdk-checksum-algorithm": "SHA256",
            "sha256": hashlib.sha256(forged).hexdigest(),
        },
    )
    with pytest.raises(IntegrityError):
        store.get_named(name)


def test_unreachable_server_is_a_storage_error() -> None:
    store = MinioBlobStore(
        f"127.0.0.1:{free_port()}", "key", "secret", "paperasse-absent", timeout_seconds=2
    )
    with pytest.raises(StorageError) as caught:
        store.put(b"data")
    assert "Le stockage des originaux (MinIO) ne répond pas" in caught.value.message
    assert caught.value.__cause__ is not None


def test_retention_on_a_bucket_without_object_lock_is_refused(moto_target: S3Target) -> None:
    bucket = moto_target.new_bucket_name()
    moto_target.raw_client().make_bucket(bucket)  # created by someone else, unlocked
    store = moto_target.store(bucket, retention_mode="COMPLIANCE", retention_days=10)
    with pytest.raises(ConfigurationError):
        store.put(b"data")


@pytest.mark.parametrize(("mode", "days"), [("FOREVER", 1), ("GOVERNANCE", 0), ("COMPLIANCE", -3)])
def test_bad_retention_settings_are_refused(mode: str, days: int) -> None:
    with pytest.raises(ConfigurationError):
        MinioBlobStore("127.0.0.1:9", "k", "s", "bucket", retention_mode=mode, retention_days=days)  # type: ignore[arg-type]


def test_missing_named_object_in_empty_bucket(moto_target: S3Target) -> None:
    store = moto_target.store()
    with pytest.raises(NotFoundError):
        store.get_named("audit/digests/000000000001.json")
    assert store.list_named("") == []
