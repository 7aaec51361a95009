"""Many processes on one bucket: each store opens it on first use, whatever it already holds."""

from __future__ import annotations

from minio.commonconfig import GOVERNANCE
from minio.objectlockconfig import DAYS, ObjectLockConfig

from .conftest import S3Target


def test_a_later_process_opens_a_locked_bucket_that_holds_originals(
    s3_target: S3Target,
) -> None:
    """The API stored originals first; a worker started afterwards reads and writes them.

    moto refuses to rewrite the lock settings of a bucket that holds objects: every
    process after the first must find them already right and leave them alone.
    """
    bucket = s3_target.bucket or s3_target.new_bucket_name()
    first = s3_target.store(bucket, retention_mode="GOVERNANCE", retention_days=2)
    key = first.put(b"courrier du matin, stocke par l'API")
    later = s3_target.store(bucket, retention_mode="GOVERNANCE", retention_days=2)
    assert later.open(key) == b"courrier du matin, stocke par l'API"
    other = later.put(b"resultat d'un traitement, stocke par un worker")
    assert first.open(other) == b"resultat d'un traitement, stocke par un worker"
    config = s3_target.raw_client().get_object_lock_config(bucket)
    assert config == ObjectLockConfig(GOVERNANCE, 2, DAYS)
