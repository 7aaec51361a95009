"""One watcher per hot folder: several processes configured with it never take a file twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import func, select

from paperasse.context import Context
from paperasse.ingest.folderlock import FolderLock
from paperasse.models.tables import Receipt
from paperasse.runtime import Background
from tests.samples import make_pdf

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from paperasse.ingest.folderlock import FolderLock
    assert FolderLock(Path(sys.argv[1])).held()
    print("held", flush=True)
    time.sleep(600)
    """
)


def test_the_lock_is_held_by_one_and_passes_on_when_released(tmp_path: Path) -> None:
    first, second = FolderLock(tmp_path), FolderLock(tmp_path)
    assert first.held()
    assert first.held(), "kept once taken"
    assert not second.held()
    first.release()
    assert second.held()
    assert not first.held()
    assert not list(tmp_path.iterdir()), "the lock adds no file to the folder"


def test_a_killed_watcher_leaves_the_folder_to_the_next(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        mine = FolderLock(tmp_path)
        assert not mine.held()
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        assert mine.held(), "the kernel drops the lock of a dead process"
    finally:
        holder.kill()
        holder.wait(10)


def test_two_services_watching_one_inbox_take_each_file_once(
    sqlite_ctx: Context, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = sqlite_ctx.settings
    settings.inbox.dir, settings.inbox.stable_seconds, settings.inbox.poll_seconds = inbox, 0, 0.05
    names = [f"lettre-{n:02d}.pdf" for n in range(12)]
    for n, name in enumerate(names):
        (inbox / name).write_bytes(make_pdf(f"Courrier numéro {n} pour la mairie"))
    services = [Background(sqlite_ctx, processing=False, indexing=False) for _ in range(2)]
    for service in services:
        service.start()
    try:
        deadline = time.monotonic() + 120
        while any(inbox.iterdir()):
            assert time.monotonic() < deadline, "the inbox was not emptied"
            time.sleep(0.1)
    finally:
        for service in services:
            service.stop()
    with sqlite_ctx.sessions() as session:
        filenames = session.execute(select(Receipt.filename)).scalars().all()
        count = session.execute(select(func.count()).select_from(Receipt)).scalar_one()
    assert sorted(filenames) == names and count == len(names)
