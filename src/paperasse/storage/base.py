"""The BlobStore protocol: where originals are kept, intact and write-once.

Originals are content-addressed by their SHA-256 (hex, lower case). Named
objects hold small write-once records such as the audit chain's digests.

Every backend refuses the same inputs with InputError (see ``hashing.py``):
keys that are not 64 lower-case hex characters, and names that are empty,
absolute, contain a backslash or have a segment starting with a dot (``..``).
Failures to reach the storage itself are StorageError.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class BlobStore(Protocol):
    """Write-once storage of originals, verified on every read."""

    def put(self, data: bytes) -> str:
        """Store ``data`` under its SHA-256 and return that key.

        Storing bytes that are already there is a no-op, never an overwrite.
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
