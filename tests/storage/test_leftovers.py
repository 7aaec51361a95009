"""A write killed half-way leaves its temporary file; opening the store removes it once it
is old enough to belong to no live writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from paperasse.storage.filesystem import FilesystemBlobStore

WRITER = """
import os, sys
from pathlib import Path
from paperasse.storage.filesystem import FilesystemBlobStore
FilesystemBlobStore(Path(sys.argv[1])).put(os.urandom(64 * 1024 * 1024) * 8)
"""


def _temporary_files(root: Path) -> list[Path]:
    return [p for p in root.rglob(".tmp-*") if p.is_file()]


def test_a_write_killed_half_way_leaves_nothing_once_the_store_is_opened_again(
    tmp_path: Path,
) -> None:
    root = tmp_path / "blobs"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(root)], env=os.environ.copy())
    deadline = time.monotonic() + 120
    while not _temporary_files(root):
        assert writer.poll() is None, "the write ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    [leftover] = _temporary_files(root)

    FilesystemBlobStore(root)
    assert leftover.exists(), "too young: it might be another process's write in progress"

    old = time.time() - 24 * 3600  # yesterday's
    os.utime(leftover, (old, old))
    store = FilesystemBlobStore(root)
    assert not leftover.exists()
    key = store.put(b"la suite fonctionne")
    assert store.open(key) == b"la suite fonctionne" and _temporary_files(root) == []
