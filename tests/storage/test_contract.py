"""The BlobStore contract, run against every backend (filesystem, moto S3, real MinIO)."""

from __future__ import annotations

import hashlib
import os
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from paperasse.errors import ConflictError, InputError, IntegrityError, NotFoundError
from paperasse.storage.base import BlobStore

from .conftest import Backend

BAD_KEYS = [
    "",
    "abc",
    "A" * 64,  # upper case is refused: one spelling per key
    "g" * 64,
    "0" * 63,
    "0" * 65,
    "../" + "0" * 61,
    "0" * 63 + "\n",
]
BAD_NAMES = ["", "../etc/passwd", "a/../b", "/abs/name", "a\\b", "a//b", ".hidden", "a/./b", "a/"]


def concurrently(count: int, task: object) -> list[object]:
    """Run ``task`` in ``count`` threads released together; results or exceptions."""
    barrier = threading.Barrier(count)

    def run() -> object:
        barrier.wait()
        try:
            return task()  # type: ignore[operator]
        except Exception as e:
            return e

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: run(), range(count)))


def test_backend_satisfies_protocol(backend: Backend) -> None:
    assert isinstance(backend.store, BlobStore)


def test_put_returns_sha256_of_the_bytes(backend: Backend) -> None:
    data = os.urandom(4096)
    assert backend.store.put(data) == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("size", [0, 1, 70_000, 1_500_000])
def test_open_returns_exact_bytes(backend: Backend, size: int) -> None:
    data = os.urandom(size)
    key = backend.store.put(data)
    assert backend.store.exists(key)
    assert backend.store.open(key) == data


def test_second_put_of_same_bytes_is_a_no_op(backend: Backend) -> None:
    data = os.urandom(2048)
    key = backend.store.put(data)
    before = backend.fingerprint(key)
    assert backend.store.put(data) == key
    assert backend.fingerprint(key) == before
    assert backend.count_originals(key) == 1
    assert backend.store.open(key) == data


def test_missing_key_is_not_found(backend: Backend) -> None:
    key = hashlib.sha256(os.urandom(32)).hexdigest()
    assert not backend.store.exists(key)
    with pytest.raises(NotFoundError) as caught:
        backend.store.open(key)
    assert key in caught.value.message


@pytest.mark.parametrize("key", BAD_KEYS)
def test_malformed_key_is_refused(backend: Backend, key: str) -> None:
    with pytest.raises(InputError):
        backend.store.open(key)
    with pytest.raises(InputError):
        backend.store.exists(key)


def test_tampered_original_is_detected(backend: Backend) -> None:
    """Rewritten bytes never come back as the original: open raises IntegrityError.

    On S3 the rewrite is a new version beside the locked first one; the store
    reads the current version, sees it no longer hashes to its key and says so.
    """
    data = os.urandom(1024)
    key = backend.store.put(data)
    backend.tamper_original(key, b"forged " + data[:100])
    with pytest.raises(IntegrityError) as caught:
        backend.store.open(key)
    assert key in caught.value.message
    assert caught.value.status == 500


def test_named_object_is_written_once(backend: Backend, unique: str) -> None:
    name = f"{unique}/audit/digests/000000000123.json"
    record = b'{"seq": 123, "digest": "%s"}' % hashlib.sha256(unique.encode()).hexdigest().encode()
    backend.store.put_named(name, record)
    backend.store.put_named(name, record)  # same bytes: accepted, nothing changes
    with pytest.raises(ConflictError) as caught:
        backend.store.put_named(name, record + b" ")
    assert name in caught.value.message
    assert backend.store.get_named(name) == record


def test_missing_named_object_is_not_found(backend: Backend, unique: str) -> None:
    with pytest.raises(NotFoundError):
        backend.store.get_named(f"{unique}/nothing.json")


def test_tampered_named_object_is_detected(backend: Backend, unique: str) -> None:
    name = f"{unique}/digest.json"
    backend.store.put_named(name, b'{"digest": "aaaa"}')
    backend.tamper_named(name, b'{"digest": "bbbb"}')
    with pytest.raises(IntegrityError) as caught:
        backend.store.get_named(name)
    assert name in caught.value.message


@pytest.mark.parametrize("name", BAD_NAMES)
def test_unsafe_names_are_refused(backend: Backend, name: str) -> None:
    with pytest.raises(InputError):
        backend.store.put_named(name, b"x")
    with pytest.raises(InputError):
        backend.store.get_named(name)


@pytest.mark.parametrize("prefix", ["../", "/abs", "a\\", "a/../"])
def test_unsafe_prefixes_are_refused(backend: Backend, prefix: str) -> None:
    with pytest.raises(InputError):
        backend.store.list_named(prefix)


def test_list_named_filters_by_prefix_and_sorts(backend: Backend, unique: str) -> None:
    wanted = [f"{unique}/audit/digests/{seq:012d}.json" for seq in (1, 2, 10, 11, 100)]
    others = [f"{unique}/audit/other.json", f"{unique}-sibling/audit/digests/000000000001.json"]
    shuffled = wanted + others
    random.Random(7).shuffle(shuffled)
    for name in shuffled:
        backend.store.put_named(name, name.encode())

    assert backend.store.list_named(f"{unique}/audit/digests/") == sorted(wanted)
    partial = backend.store.list_named(f"{unique}/audit/digests/00000000001")
    assert partial == sorted(n for n in wanted if "/00000000001" in n)
    assert backend.store.list_named(f"{unique}/audit/") == sorted([*wanted, others[0]])
    assert backend.store.list_named(f"{unique}/nothing/") == []


def test_concurrent_puts_of_same_bytes_give_one_object(backend: Backend) -> None:
    data = os.urandom(200_000)
    results = concurrently(6, lambda: backend.store.put(data))
    key = hashlib.sha256(data).hexdigest()
    assert results == [key] * 6
    assert backend.count_originals(key) == 1
    assert backend.store.open(key) == data


def test_concurrent_named_writes_of_different_bytes_keep_one(backend: Backend, unique: str) -> None:
    name = f"{unique}/race.json"
    payloads = [f"writer {i}".encode() for i in range(5)]
    tasks = iter(payloads)
    lock = threading.Lock()

    def write() -> bytes:
        with lock:
            payload = next(tasks)
        backend.store.put_named(name, payload)
        return payload

    results = concurrently(5, write)
    winners = [r for r in results if isinstance(r, bytes)]
    assert all(isinstance(r, (bytes, ConflictError)) for r in results), results
    assert len(winners) == 1
    assert backend.store.get_named(name) == winners[0]
