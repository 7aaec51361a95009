"""One watcher per hot folder, whichever processes are configured with it.

``serve`` and ``worker`` both watch ``PAPERASSE_INBOX__DIR`` when it is set. Two
processes taking the same file would store it once but record two receipts, so
each asks for an exclusive lock on the folder itself before scanning it (no file is
added to it); the others wait their turn. The kernel drops the lock when its holder
dies (SIGKILL included), and the next scan of another process takes the folder over.
The lock holds between processes of one machine (or containers sharing its disk);
on a file system that refuses locks the process watches without one, as before,
and says so once.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


class FolderLock:
    """A non-blocking ``flock`` on a folder, kept once taken."""

    def __init__(self, folder: Path) -> None:
        self.path = folder
        self._fd: int | None = None
        self._unlockable = False

    def held(self) -> bool:
        """True when this process holds the folder (taking it now if it is free)."""
        if self._fd is not None or self._unlockable:
            return True
        fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError as e:
            os.close(fd)
            self._unlockable = True
            log.warning(
                "%s cannot be locked (%s): watched without a lock, let one process watch it",
                self.path,
                e,
            )
            return True
        self._fd = fd
        log.info("this process now watches %s", self.path)
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
