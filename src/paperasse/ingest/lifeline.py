"""Child processes die with their parent.

A worker or a reader left running after ``paperasse serve`` was killed keeps
holding jobs and cores, and a restarted service starts as many again. On Linux
the kernel kills the child when its parent goes (``prctl(PR_SET_PDEATHSIG)``);
everywhere, the child also checks that its parent is still the one that started
it (the parent may have died before the ``prctl`` call).

The kernel sends the signal when the *thread* that started the child ends, so
children must be started from a thread that lives as long as the process (the
main thread, or a dedicated one: see :mod:`paperasse.ingest.sandbox`).
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Ask to be killed when the parent goes; exit now if it is already gone."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            log.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    if not parent_alive(parent_pid):
        os._exit(1)


def parent_alive(parent_pid: int) -> bool:
    """Whether the process that started this one is still its parent."""
    return os.getppid() == parent_pid
