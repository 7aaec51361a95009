"""Locks on originals and their deletion, the same on every backend.

Records management locks an original until its retention period ends and deletes
it only after: ``delete`` must refuse a locked original, a lock must never be
brought forward, and a lapsed lock must let the deletion through.
"""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from paperasse.errors import ConflictError, NotFoundError

from .conftest import Backend


def _in(seconds: float) -> dt.datetime:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)).replace(microsecond=0)


def test_a_locked_original_cannot_be_deleted(backend: Backend) -> None:
    data = os.urandom(300)
    until = _in(3 * 86400)
    key = backend.store.put(data, retain_until=until)
    assert backend.store.retained_until(key) == until
    with pytest.raises(ConflictError) as caught:
        backend.store.delete(key)
    assert key in caught.value.message
    assert backend.store.open(key) == data


def test_a_lock_is_extended_never_shortened(backend: Backend) -> None:
    key = backend.store.put(os.urandom(300))
    assert backend.store.retained_until(key) is None
    later, earlier = _in(10 * 86400), _in(2 * 86400)
    assert backend.store.retain(key, later) == later
    assert backend.store.retain(key, earlier) == later
    assert backend.store.retained_until(key) == later
    with pytest.raises(NotFoundError):
        backend.store.retain("0" * 64, later)


def test_an_unlocked_original_is_deleted_for_good(backend: Backend) -> None:
    data = os.urandom(500)
    key = backend.store.put(data)
    assert backend.store.delete(key) is True
    assert not backend.store.exists(key)
    assert backend.count_originals(key) == 0
    with pytest.raises(NotFoundError):
        backend.store.open(key)
    assert backend.store.delete(key) is False


def test_a_lapsed_lock_lets_the_deletion_through(backend: Backend) -> None:
    key = backend.store.put(os.urandom(200), retain_until=_in(2))
    with pytest.raises(ConflictError):
        backend.store.delete(key)
    deadline = time.monotonic() + 10
    while backend.store.retained_until(key) is not None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert backend.store.delete(key) is True
    assert not backend.store.exists(key)
