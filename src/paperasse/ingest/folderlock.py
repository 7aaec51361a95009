"""One watcher per hot folder, whichever processes are configured with it.

``serve`` and ``worker`` both watch ``PAPERASSE_INBOX__DIR`` when it is set. Two
processes taking the same file would store it once but record two receipts, so
each asks for an exclusive lock on a file in the folder before scanning it; the
others wait their turn. The kernel drops the lock when its holder dies (SIGKILL
included), and the next scan of another process takes the folder over.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_NAME = ".paperasse-inbox.lock"


class FolderLock:
    """A non-blocking ``flock`` on ``folder/.paperasse-inbox.lock``, kept once taken."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def held(self) -> bool:
        """True when this process holds the folder (taking it now if it is free)."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        log.info("this process now watches %s", self.path.parent)
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
