"""Worker processes yield the cores: their niceness is raised, never lowered."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = (
    "import os; from paperasse.ingest.priority import lower_priority as lower; "
    "print(lower(7), lower(3), lower(0), os.getpriority(os.PRIO_PROCESS, 0))"
)


def test_niceness_is_raised_to_the_setting_and_never_lowered() -> None:
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=60
    )
    start = os.getpriority(os.PRIO_PROCESS, 0)
    expected = max(start, 7)
    assert run.stdout.split() == [str(expected)] * 4
