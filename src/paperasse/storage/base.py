"""The BlobStore protocol: where originals are kept, intact and write-once.

Originals are content-addressed by their SHA-256 (hex, lower case). Named
objects hold small write-once records such as the audit chain's digests.

Every backend refuses the same inputs with InputError (see ``hashing.py``):
keys that are not 64 lower-case hex characters, and names that are empty,
absolute, contain a backslash or have a segment starting with a dot (``..``).
Failures to reach the storage itself are StorageError.

Originals may carry a lock date (object lock on MinIO, a recorded date on the
filesystem): until then ``delete`` refuses them, and the date can only be pushed
later, never brought forward. Records management uses it so that the lock lapses
when the original's retention period ends, and deletes originals only after that.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, runtime_checkable


@runtime_checkable
class BlobStore(Protocol):
    """Write-once storage of originals, verified on every read."""

    def put(self, data: bytes, *, retain_until: dt.datetime | None = None) -> str:
        """Store ``data`` under its SHA-256 and return that key.

        Storing bytes that are already there is a no-op, never an overwrite.
        ``retain_until`` (UTC) locks the new original against deletion until then.
        """
        ...

    def open(self, key: str) -> bytes:
        """Return the bytes stored under ``key`` after checking their hash.

        Raises InputError for a malformed key, NotFoundError when absent and
        IntegrityError when the bytes no longer match the key.
        """
        ...

    def exists(self, key: str) -> bool:
        """Whether an original is stored under ``key``."""
        ...

    def retain(self, key: str, until: dt.datetime) -> dt.datetime:
        """Keep the original ``key`` locked at least until ``until``; returns the lock date.

        A lock is only ever extended: an earlier ``until`` leaves it as it is.
        NotFoundError when the original is absent.
        """
        ...

    def retained_until(self, key: str) -> dt.datetime | None:
        """The date until which ``key`` is locked, or None when it is not (or no longer)."""
        ...

    def delete(self, key: str) -> bool:
        """Delete the original ``key`` for good; False when it was already absent.

        ConflictError while it is locked: the lock date is in the message.
        """
        ...

    def put_named(self, name: str, data: bytes) -> None:
        """Write a named object once; ConflictError if it exists with other bytes.

        Writing the same bytes again is a no-op. The SHA-256 is recorded with it.
        """
        ...

    def get_named(self, name: str) -> bytes:
        """Read a named object, verified against the hash recorded at write.

        Raises NotFoundError when absent and IntegrityError when altered.
        """
        ...

    def list_named(self, prefix: str) -> list[str]:
        """Names of the named objects that start with ``prefix``, sorted."""
        ...
