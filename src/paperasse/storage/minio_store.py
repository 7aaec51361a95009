"""Blob store on MinIO (or any S3 server with object lock): the scale-out backend.

Originals are stored as ``originals/<sha256>``, named objects as
``named/<name>``, each with its SHA-256 in the user metadata ``sha256`` and
sent as ``x-amz-checksum-sha256`` so the server checks the upload too (moto
and AWS also demand a checksum header on object-locked buckets).

The bucket is created on first use with object lock and versioning, and a
default retention when configured: a WORM archive. Writes are conditional
(``If-None-Match: *``), so the first write of a name wins even under races.
Since versioning keeps every write, a later overwrite through another client
cannot destroy the first, locked version; reads detect it instead:

- ``open`` hashes the current version; bytes that no longer match the key
  raise IntegrityError, while the locked first version stays retrievable.
- ``get_named`` refuses a name whose versions differ or that carries a
  delete marker, then checks the bytes against the recorded SHA-256.

An original may also be locked until a date of its own (``put(retain_until=)``,
``retain``), in the bucket's retention mode or GOVERNANCE when none is set:
records management locks each original until its retention period ends.
``delete`` removes every version, which the server refuses while one is locked.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

import urllib3
from minio import Minio
from minio.commonconfig import COMPLIANCE, ENABLED, GOVERNANCE
from minio.datatypes import Object
from minio.error import MinioException, S3Error
from minio.helpers import DictType
from minio.objectlockconfig import DAYS, ObjectLockConfig
from minio.retention import Retention
from minio.versioningconfig import VersioningConfig

from paperasse.errors import (
    ConfigurationError,
    ConflictError,
    IntegrityError,
    NotFoundError,
    StorageError,
)
from paperasse.storage.hashing import check_key, check_name, check_prefix, sha256_hex

log = logging.getLogger(__name__)

RetentionMode = Literal["GOVERNANCE", "COMPLIANCE"]
ORIGINALS_PREFIX = "originals/"
NAMED_PREFIX = "named/"
SHA256_METADATA = "sha256"
_MISSING_CODES = frozenset({"NoSuchKey", "NoSuchVersion"})
_TAKEN_CODES = frozenset({"PreconditionFailed", "ConditionalRequestConflict"})
_LOCKED_CODES = frozenset({"AccessDenied", "ObjectLocked", "InvalidRequest"})
LOCK_UNTIL_HEADER = "x-amz-object-lock-retain-until-date"


class MinioBlobStore:
    """Write-once originals in an object-locked, versioned S3 bucket."""

    def __init__(
        self,
        endpoint: str,
        access_key: str,
        secret_key: str,
        bucket: str,
        *,
        secure: bool = False,
        retention_mode: RetentionMode | None = None,
        retention_days: int = 0,
        region: str = "us-east-1",
        timeout_seconds: float = 30.0,
    ) -> None:
        if retention_mode not in (None, GOVERNANCE, COMPLIANCE):
            raise ConfigurationError(
                f"Mode de rétention inconnu : {retention_mode!r}. "
                "Valeurs possibles : GOVERNANCE, COMPLIANCE ou aucune."
            )
        if retention_mode is not None and retention_days < 1:
            raise ConfigurationError(
                "La durée de rétention des originaux doit être d'au moins un jour "
                f"(reçu : {retention_days})."
            )
        self.endpoint = endpoint
        self.bucket = bucket
        self.retention_mode = retention_mode
        self.retention_days = retention_days
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=min(5.0, timeout_seconds), read=timeout_seconds),
            retries=urllib3.Retry(total=2, backoff_factor=0.2, status_forcelist=(502, 503, 504)),
            maxsize=16,
        )
        try:
            self.client = Minio(
                endpoint,
                access_key=access_key,
                secret_key=secret_key,
                secure=secure,
                region=region,
                http_client=http,
            )
        except ValueError as e:
            raise ConfigurationError(f"Adresse MinIO invalide : {endpoint!r} ({e}).") from e
        self._ready = False
        self._ready_lock = threading.Lock()

    def put(self, data: bytes, *, retain_until: dt.datetime | None = None) -> str:
        """Store ``data`` as ``originals/<sha256>`` and return the key (no-op if present)."""
        key = sha256_hex(data)
        with self._translated():
            self._ensure_bucket()
            if self._stat(ORIGINALS_PREFIX + key) is not None:
                log.debug("original %s already stored", key)
                return key
            created = self._put_if_absent(ORIGINALS_PREFIX + key, data, key, retain_until)
        log.info("original %s stored in MinIO (%d bytes, new=%s)", key, len(data), created)
        return key

    @property
    def lock_mode(self) -> str:
        """The mode of per-original locks: the bucket's, or GOVERNANCE by default."""
        return self.retention_mode or GOVERNANCE

    def retain(self, key: str, until: dt.datetime) -> dt.datetime:
        """Lock the current version of ``key`` until ``until`` at least; never shortens."""
        object_name = ORIGINALS_PREFIX + check_key(key)
        with self._translated():
            self._ensure_bucket()
            stat = self._stat(object_name)
            if stat is None:
                raise NotFoundError(f"L'original {key} est introuvable.")
            current = _lock_date(stat)
            if current is not None and current >= until:
                return current
            retention = Retention(self.lock_mode, until.astimezone(dt.UTC))
            self.client.set_object_retention(
                self.bucket, object_name, retention, version_id=stat.version_id
            )
        log.info("original %s locked until %s", key, until.isoformat())
        return until

    def retained_until(self, key: str) -> dt.datetime | None:
        """The lock date of the current version of ``key`` while in the future."""
        object_name = ORIGINALS_PREFIX + check_key(key)
        with self._translated():
            self._ensure_bucket()
            stat = self._stat(object_name)
        until = _lock_date(stat) if stat is not None else None
        return until if until is not None and until > dt.datetime.now(dt.UTC) else None

    def delete(self, key: str) -> bool:
        """Remove every version of ``key``; ConflictError while one is locked."""
        object_name = ORIGINALS_PREFIX + check_key(key)
        with self._translated():
            self._ensure_bucket()
            versions = self._versions(object_name)
            if not versions:
                return False
            for version in versions:
                try:
                    self.client.remove_object(
                        self.bucket, object_name, version_id=version.version_id
                    )
                except S3Error as e:
                    if e.code not in _LOCKED_CODES:
                        raise
                    until = self.retained_until(key)
                    raise ConflictError(
                        f"L'original {key} est verrouillé"
                        + (f" jusqu'au {until:%d/%m/%Y %H:%M} (UTC)" if until else "")
                        + " : il ne peut pas être supprimé avant.",
                        details={"key": key, "locked_until": until.isoformat() if until else ""},
                    ) from e
        log.info("original %s deleted from MinIO (%d versions)", key, len(versions))
        return True

    def open(self, key: str) -> bytes:
        """Bytes of the current version of ``key``, verified against the key."""
        object_name = ORIGINALS_PREFIX + check_key(key)
        with self._translated():
            self._ensure_bucket()
            data = self._get(object_name)
            if data is None:
                if self._versions(object_name):
                    raise _altered(f"L'original {key} a été supprimé du stockage", key=key)
                raise NotFoundError(f"L'original {key} est introuvable.")
        if sha256_hex(data) != key:
            raise _altered(
                f"L'original {key} a été réécrit : son contenu ne correspond plus à son "
                "empreinte SHA-256",
                key=key,
            )
        return data

    def exists(self, key: str) -> bool:
        """Whether an original is stored under ``key``."""
        object_name = ORIGINALS_PREFIX + check_key(key)
        with self._translated():
            self._ensure_bucket()
            return self._stat(object_name) is not None

    def put_named(self, name: str, data: bytes) -> None:
        """Write ``name`` once; same bytes again is a no-op, other bytes ConflictError."""
        object_name = NAMED_PREFIX + check_name(name)
        digest = sha256_hex(data)
        with self._translated():
            self._ensure_bucket()
            stat = self._stat(object_name)
            if stat is None and self._put_if_absent(object_name, data, digest):
                return
            recorded = self._recorded_sha256(object_name, stat)
        if recorded != digest:
            raise ConflictError(
                f"L'objet {name} existe déjà avec un autre contenu ; il ne peut pas être réécrit.",
                details={"name": name},
            )

    def get_named(self, name: str) -> bytes:
        """Bytes of ``name``, verified against the SHA-256 recorded at write."""
        object_name = NAMED_PREFIX + check_name(name)
        with self._translated():
            self._ensure_bucket()
            versions = self._versions(object_name)
            if not versions:
                raise NotFoundError(f"L'objet {name} est introuvable.")
            etags = {v.etag for v in versions if not v.is_delete_marker}
            if len(etags) != 1 or any(v.is_delete_marker for v in versions):
                raise _altered(
                    f"L'objet {name} a été réécrit ou supprimé après son écriture", name=name
                )
            data = self._get(object_name)
            recorded = self._recorded_sha256(object_name, None)
        if data is None or recorded != sha256_hex(data):
            raise _altered(
                f"L'objet {name} ne correspond plus à l'empreinte SHA-256 enregistrée", name=name
            )
        return data

    def list_named(self, prefix: str) -> list[str]:
        """Names starting with ``prefix``, sorted."""
        full_prefix = NAMED_PREFIX + check_prefix(prefix)
        with self._translated():
            self._ensure_bucket()
            objects = self.client.list_objects(self.bucket, prefix=full_prefix, recursive=True)
            names = [str(o.object_name)[len(NAMED_PREFIX) :] for o in objects]
        return sorted(names)

    def _ensure_bucket(self) -> None:
        """Create the bucket with object lock and versioning once, then set retention."""
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            try:
                if not self.client.bucket_exists(self.bucket):
                    self._make_bucket()
            except ValueError as e:
                raise ConfigurationError(
                    f"Nom de compartiment MinIO invalide : {self.bucket!r} ({e})."
                ) from e
            if self.retention_mode is not None:
                # Written only when it differs: every process checks it on first use, and
                # some S3 servers (moto) refuse the write once the bucket holds objects.
                wanted = ObjectLockConfig(self.retention_mode, self.retention_days, DAYS)
                if self._object_lock_config() != wanted:
                    self.client.set_object_lock_config(self.bucket, wanted)
            self._ready = True

    def _make_bucket(self) -> None:
        try:
            self.client.make_bucket(self.bucket, object_lock=True)
        except S3Error as e:
            if e.code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise
        self.client.set_bucket_versioning(self.bucket, VersioningConfig(ENABLED))
        log.info("MinIO bucket %s created with object lock and versioning", self.bucket)

    def _object_lock_config(self) -> ObjectLockConfig:
        """The bucket's default retention; refuses a bucket that cannot lock objects."""
        try:
            return self.client.get_object_lock_config(self.bucket)
        except S3Error as e:
            if e.code != "ObjectLockConfigurationNotFoundError":
                raise
            raise ConfigurationError(
                f"Le compartiment MinIO {self.bucket!r} existe sans verrouillage d'objets "
                "(object lock) : la rétention demandée ne peut pas s'appliquer. "
                "Utilisez un nouveau compartiment, que paperasse créera verrouillé."
            ) from e

    def _put_if_absent(
        self,
        object_name: str,
        data: bytes,
        digest: str,
        retain_until: dt.datetime | None = None,
    ) -> bool:
        """PUT ``data`` unless ``object_name`` exists; True if this call wrote it.

        Uses the SDK's single-request ``_put_object`` because the public
        ``put_object`` turns any non-``x-amz-`` header into user metadata and so
        cannot send ``If-None-Match``.
        """
        headers: DictType = {
            "Content-Type": "application/octet-stream",
            "x-amz-meta-" + SHA256_METADATA: digest,
            "x-amz-sdk-checksum-algorithm": "SHA256",
            "x-amz-checksum-sha256": base64.b64encode(bytes.fromhex(digest)).decode("ascii"),
            "If-None-Match": "*",
        }
        if retain_until is not None and retain_until > dt.datetime.now(dt.UTC):
            headers["x-amz-object-lock-mode"] = self.lock_mode
            headers[LOCK_UNTIL_HEADER] = _iso_z(retain_until)
        try:
            self.client._put_object(self.bucket, object_name, data, headers=headers)
        except S3Error as e:
            if e.code in _TAKEN_CODES:
                return False
            raise
        return True

    def _stat(self, object_name: str) -> Object | None:
        try:
            return self.client.stat_object(self.bucket, object_name)
        except S3Error as e:
            if e.code in _MISSING_CODES:
                return None
            raise

    def _get(self, object_name: str) -> bytes | None:
        try:
            response = self.client.get_object(self.bucket, object_name)
        except S3Error as e:
            if e.code in _MISSING_CODES:
                return None
            raise
        try:
            return response.read()
        finally:
            response.close()
            response.release_conn()

    def _recorded_sha256(self, object_name: str, stat: Object | None) -> str:
        stat = stat or self._stat(object_name)
        if stat is None or stat.metadata is None:
            return ""
        return str(stat.metadata.get("x-amz-meta-" + SHA256_METADATA, ""))

    def _versions(self, object_name: str) -> list[Object]:
        """Every version and delete marker of exactly ``object_name``."""
        listed = self.client.list_objects(self.bucket, prefix=object_name, include_version=True)
        return [v for v in listed if v.object_name == object_name]

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Turn SDK and network failures into StorageError."""
        try:
            yield
        except (MinioException, urllib3.exceptions.HTTPError, OSError) as e:
            raise StorageError(
                f"Le stockage des originaux (MinIO) ne répond pas : {_describe(e)}. "
                f"Vérifiez que le service {self.endpoint} est démarré et joignable.",
                details={"endpoint": self.endpoint, "bucket": self.bucket},
            ) from e


def _iso_z(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _lock_date(stat: Object) -> dt.datetime | None:
    raw = (stat.metadata or {}).get(LOCK_UNTIL_HEADER)
    if not raw:
        return None
    return dt.datetime.fromisoformat(str(raw).replace("Z", "+00:00"))


def _altered(what: str, **details: str) -> IntegrityError:
    return IntegrityError(
        f"{what}. La version d'origine reste dans l'historique des versions du compartiment, "
        "protégée par le verrouillage : prévenez l'administrateur pour la restaurer.",
        details=dict(details),
    )


def _describe(error: Exception) -> str:
    if isinstance(error, S3Error):
        return f"{error.code} ({error.message})"
    return str(error) or type(error).__name__
