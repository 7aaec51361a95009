"""Blob store on a local filesystem: the embedded default.

Originals live at ``root/originals/ab/cd/abcd...`` under their SHA-256. Named
objects live at ``root/named/<name>`` with their SHA-256 in a sidecar at
``root/named-sha256/<name>``, a separate tree so that no name can collide
with a sidecar. An original's lock date, when it has one, is kept at
``root/locks/ab/cd/abcd...``: a disk cannot enforce it against its owner, but
``delete`` honours it exactly as MinIO's object lock does.

Every file is written once: into a temporary file under ``root/tmp``, fsynced,
made read-only, then hard-linked to its final name. ``os.link`` fails when the
name exists, so two writers racing never clobber each other (``os.replace``
would). The directory is fsynced so the new entry survives a power cut. A
process killed between the two steps leaves its temporary file behind: opening
the store removes those older than ``LEFTOVER_SECONDS`` (a write takes seconds;
a younger one may belong to another process writing now).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import tempfile
import time
from pathlib import Path

from paperasse.errors import ConflictError, IntegrityError, NotFoundError, StorageError
from paperasse.storage.hashing import check_key, check_name, check_prefix, sha256_hex

log = logging.getLogger(__name__)

READ_ONLY = 0o444
_TEMP_PREFIX = ".tmp-"
LEFTOVER_SECONDS = 600


class FilesystemBlobStore:
    """Content-addressed, write-once originals under one directory."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._originals = self.root / "originals"
        self._named = self.root / "named"
        self._named_sha = self.root / "named-sha256"
        self._locks = self.root / "locks"
        self._temp = self.root / "tmp"
        self._remove_leftovers()

    def _remove_leftovers(self) -> None:
        """Delete temporary files of writes that died (a killed process), once old enough."""
        if not self._temp.is_dir():
            return
        cutoff = time.time() - LEFTOVER_SECONDS
        for entry in os.scandir(self._temp):
            try:
                if entry.name.startswith(_TEMP_PREFIX) and entry.stat().st_mtime < cutoff:
                    Path(entry.path).unlink()
                    log.warning("removed %s, left by a write that did not finish", entry.path)
            except OSError as e:
                log.warning("could not remove the leftover %s: %s", entry.path, e)

    def put(self, data: bytes, *, retain_until: dt.datetime | None = None) -> str:
        """Store ``data`` under its SHA-256 and return that key (no-op if present)."""
        key = sha256_hex(data)
        path = self._original_path(key)
        if path.exists():
            log.debug("original %s already stored", key)
            return key
        created = _write_once(path, data, self._temp)
        if created and retain_until is not None:
            self.retain(key, retain_until)
        log.info("original %s stored (%d bytes, new=%s)", key, len(data), created)
        return key

    def retain(self, key: str, until: dt.datetime) -> dt.datetime:
        """Lock ``key`` until ``until`` at least; an earlier date changes nothing."""
        if not self.exists(key):
            raise NotFoundError(f"L'original {key} est introuvable.")
        current = self.retained_until(key)
        if current is not None and current >= until:
            return current
        lock = self._lock_path(key)
        try:
            _make_dirs(lock.parent)
            temp = lock.with_name(_TEMP_PREFIX + lock.name)
            temp.write_text(until.astimezone(dt.UTC).isoformat(), encoding="ascii")
            temp.replace(lock)
            _fsync_dir(lock.parent)
        except OSError as e:
            raise _unavailable(e) from e
        return until

    def retained_until(self, key: str) -> dt.datetime | None:
        """The lock date of ``key`` while it is in the future, else None."""
        try:
            text = self._lock_path(check_key(key)).read_text(encoding="ascii")
        except FileNotFoundError:
            return None
        except OSError as e:
            raise _unavailable(e) from e
        until = dt.datetime.fromisoformat(text.strip())
        return until if until > dt.datetime.now(dt.UTC) else None

    def delete(self, key: str) -> bool:
        """Remove the original ``key``; ConflictError while it is locked."""
        path = self._original_path(check_key(key))
        locked = self.retained_until(key)
        if locked is not None:
            raise _locked(key, locked)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as e:
            raise _unavailable(e) from e
        self._lock_path(key).unlink(missing_ok=True)
        _fsync_dir(path.parent)
        log.info("original %s deleted", key)
        return True

    def open(self, key: str) -> bytes:
        """Bytes of the original ``key``, verified against the key."""
        path = self._original_path(check_key(key))
        data = _read(path, f"L'original {key} est introuvable.")
        if sha256_hex(data) != key:
            raise IntegrityError(
                f"L'original {key} a été altéré sur le disque : son contenu ne correspond plus "
                "à son empreinte SHA-256. Ne le modifiez pas et prévenez l'administrateur, "
                "qui le restaurera depuis la sauvegarde.",
                details={"key": key},
            )
        return data

    def exists(self, key: str) -> bool:
        """Whether an original is stored under ``key``."""
        return self._original_path(check_key(key)).is_file()

    def put_named(self, name: str, data: bytes) -> None:
        """Write ``name`` once; same bytes again is a no-op, other bytes ConflictError."""
        path = self._named / check_name(name)
        digest = sha256_hex(data)
        if not _write_once(path, data, self._temp):
            existing = _read(path, f"L'objet {name} est introuvable.")
            if sha256_hex(existing) != digest:
                raise ConflictError(
                    f"L'objet {name} existe déjà avec un autre contenu ; "
                    "il ne peut pas être réécrit.",
                    details={"name": name},
                )
        # Also after a no-op: completes a sidecar lost to a crash between the two writes.
        _write_once(self._named_sha / name, (digest + "\n").encode("ascii"), self._temp)

    def get_named(self, name: str) -> bytes:
        """Bytes of ``name``, verified against the SHA-256 recorded when written."""
        path = self._named / check_name(name)
        data = _read(path, f"L'objet {name} est introuvable.")
        sidecar = self._named_sha / name
        try:
            recorded = sidecar.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            recorded = ""
        except OSError as e:
            raise _unavailable(e) from e
        if recorded != sha256_hex(data):
            raise IntegrityError(
                f"L'objet {name} a été altéré ou son empreinte SHA-256 manque : "
                "prévenez l'administrateur.",
                details={"name": name},
            )
        return data

    def list_named(self, prefix: str) -> list[str]:
        """Names starting with ``prefix``, sorted."""
        check_prefix(prefix)
        # Walk only the deepest directory the prefix names in full.
        start = self._named.joinpath(*prefix.split("/")[:-1])
        if not start.is_dir():
            return []
        names = []
        for dirpath, dirnames, filenames in os.walk(start):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for filename in filenames:
                if filename.startswith("."):
                    continue
                name = (Path(dirpath) / filename).relative_to(self._named).as_posix()
                if name.startswith(prefix):
                    names.append(name)
        return sorted(names)

    def _original_path(self, key: str) -> Path:
        return self._originals / key[:2] / key[2:4] / key

    def _lock_path(self, key: str) -> Path:
        return self._locks / key[:2] / key[2:4] / key


def _locked(key: str, until: dt.datetime) -> ConflictError:
    return ConflictError(
        f"L'original {key} est verrouillé jusqu'au {until:%d/%m/%Y %H:%M} (UTC) : "
        "il ne peut pas être supprimé avant.",
        details={"key": key, "locked_until": until.isoformat()},
    )


def _write_once(path: Path, data: bytes, temp_dir: Path) -> bool:
    """Write ``data`` at ``path`` unless something is there; True if this call wrote it."""
    try:
        _make_dirs(path.parent)
        _make_dirs(temp_dir)
        fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=temp_dir)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
                os.fchmod(f.fileno(), READ_ONLY)
            try:
                os.link(temp, path)
            except FileExistsError:
                return False
            _fsync_dir(path.parent)
            return True
        finally:
            temp.unlink(missing_ok=True)
    except OSError as e:
        raise _unavailable(e) from e


def _read(path: Path, missing_message: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as e:
        raise NotFoundError(missing_message) from e
    except OSError as e:
        raise _unavailable(e) from e


def _make_dirs(directory: Path) -> None:
    """Create missing directories, fsyncing each parent so the entries are durable."""
    missing = []
    current = directory
    while not current.is_dir():
        missing.append(current)
        current = current.parent
    for new_dir in reversed(missing):
        with contextlib.suppress(FileExistsError):
            new_dir.mkdir()
        _fsync_dir(new_dir.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unavailable(error: OSError) -> StorageError:
    return StorageError(
        f"Le stockage des originaux (disque) ne répond pas : {error.strerror or error}. "
        "Vérifiez que le disque est monté, accessible en écriture et non plein.",
        details={"path": str(error.filename or "")},
    )
