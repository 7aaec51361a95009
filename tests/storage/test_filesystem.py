"""What only the filesystem store promises: layout, read-only files, atomic writes."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from paperasse.errors import IntegrityError, StorageError
from paperasse.storage.filesystem import FilesystemBlobStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def all_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_originals_are_sharded_by_hash(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)
    data = b"Acte de naissance n 42"
    key = store.put(data)
    expected = tmp_path / "originals" / key[:2] / key[2:4] / key
    assert all_files(tmp_path) == [expected]
    assert expected.read_bytes() == data


def test_stored_files_are_read_only(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)
    store.put(os.urandom(100))
    store.put_named("audit/digests/000000000001.json", b"{}")
    files = all_files(tmp_path)
    assert len(files) == 3  # original, named object, its sidecar
    assert {mode(p) for p in files} == {0o444}


def test_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)
    keys = [store.put(os.urandom(5000)) for _ in range(5)]
    store.put(os.urandom(5000))
    for key in keys:
        store.put(store.open(key))  # no-op puts must not leave anything either
    store.put_named("a/b.json", b"1")
    store.put_named("a/b.json", b"1")
    names = [p.name for p in tmp_path.rglob("*")]
    assert not [n for n in names if n.startswith(".")]
    assert len(all_files(tmp_path / "originals")) == 6


def test_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    """A damaged original stays damaged on a second put: write-once beats self-repair."""
    store = FilesystemBlobStore(tmp_path)
    data = os.urandom(300)
    key = store.put(data)
    path = tmp_path / "originals" / key[:2] / key[2:4] / key
    path.chmod(0o644)
    path.write_bytes(b"damaged")
    inode = path.stat().st_ino
    assert store.put(data) == key
    assert path.stat().st_ino == inode
    assert path.read_bytes() == b"damaged"
    with pytest.raises(IntegrityError):
        store.open(key)


def test_sidecar_holds_the_sha256_and_a_lost_one_is_detected(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)
    name = "audit/digests/000000000007.json"
    data = b'{"seq": 7}'
    store.put_named(name, data)
    sidecar = tmp_path / "named-sha256" / name
    assert sidecar.read_text().strip() == hashlib.sha256(data).hexdigest()

    sidecar.unlink()  # as a crash between the two writes would leave it
    with pytest.raises(IntegrityError):
        store.get_named(name)
    store.put_named(name, data)  # rewriting the same bytes completes the record
    assert store.get_named(name) == data


def test_leftover_temporary_files_are_not_listed(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)
    store.put_named("audit/digests/000000000001.json", b"1")
    (tmp_path / "named" / "audit" / "digests" / ".tmp-crashed").write_bytes(b"partial")
    assert store.list_named("audit/") == ["audit/digests/000000000001.json"]


def test_unusable_root_is_a_storage_error(tmp_path: Path) -> None:
    root = tmp_path / "not-a-directory"
    root.write_bytes(b"")
    store = FilesystemBlobStore(root)
    with pytest.raises(StorageError) as caught:
        store.put(b"data")
    assert not isinstance(caught.value, IntegrityError)
    assert "ne répond pas" in caught.value.message
