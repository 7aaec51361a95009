"""The CPU priority of worker processes: OCR yields the cores to the API.

Tesseract keeps a core busy for seconds per page; a search or a page waits
behind it unless the workers run at a lower priority. The niceness is raised,
never lowered (an operator may have started the worker nicer still), and
Tesseract inherits it.

Niceness orders processes that share a scheduling group. Linux puts each
session (autogroup) and each cgroup in its own group: ``serve`` and its worker
processes share one, but an API and workers started as separate systemd units
or containers do not, and there the group's weight decides (systemd
``CPUWeight=``, compose ``cpu_shares``; the README shows both).
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)


def lower_priority(niceness: int) -> int:
    """Raise this process's niceness to at least ``niceness``; returns the niceness now."""
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if niceness > current:
        try:
            os.setpriority(os.PRIO_PROCESS, 0, niceness)
        except OSError as e:  # some sandboxes forbid it: run, only less politely
            log.warning("worker niceness left at %d (%d refused: %s)", current, niceness, e)
            return current
    return os.getpriority(os.PRIO_PROCESS, 0)
