"""Workers and readers die with the service; a killed worker's job is taken over once its
short lease runs out, and finishes once."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select

from paperasse.context import open_context
from paperasse.models.tables import AuditEvent, Document, Job
from tests.conftest import make_settings
from tests.samples import FONT
from tests.web.live import free_port

pytestmark = pytest.mark.slow
LEASE = 10


def _scan(pages: int) -> bytes:
    """A multi-page TIFF of A4 pages at 300 dpi, each with a few lines of text to OCR."""
    font = ImageFont.truetype(FONT, 48)
    images = []
    for number in range(1, pages + 1):
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        for line in range(12):
            draw.text((200, 300 + 200 * line), f"Page {number}, ligne {line} du courrier", 0, font)
        images.append(image)
    out = io.BytesIO()
    images[0].save(
        out,
        format="TIFF",
        save_all=True,
        append_images=images[1:],
        dpi=(300, 300),
        compression="tiff_lzw",
    )
    return out.getvalue()


def _serve(tmp_path: Path, inbox: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERASSE_")}
    env.update(
        {
            "PAPERASSE_DATA_DIR": str(tmp_path / "var"),
            "PAPERASSE_PORT": str(free_port()),
            "PAPERASSE_INBOX__DIR": str(inbox),
            "PAPERASSE_INBOX__STABLE_SECONDS": "0.3",
            "PAPERASSE_INBOX__POLL_SECONDS": "0.2",
            "PAPERASSE_JOBS__LEASE_SECONDS": str(LEASE),
            "PAPERASSE_JOBS__WORKERS": "1",
            "PAPERASSE_READER__PROCESSES": "1",
        }
    )
    return subprocess.Popen(
        [sys.executable, "-m", "paperasse.cli", "serve"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _session(sid: int) -> list[int]:
    """Live processes of a session (the service started its own)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            pids.append(int(entry.name))
    return pids


def _wait(condition: Callable[[], bool], timeout: float, what: str) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)
    return time.monotonic() - start


def test_killing_the_service_kills_its_workers_and_the_job_is_taken_over(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    ctx = open_context(make_settings(tmp_path))

    def job() -> Job | None:
        with ctx.sessions() as session:
            return session.execute(select(Job)).scalar()

    def reading() -> bool:
        current = job()
        return current is not None and current.status == "running" and bool(current.pages_total)

    first = _serve(tmp_path, inbox)
    second: subprocess.Popen[bytes] | None = None
    try:
        (inbox / "lot.tif").write_bytes(_scan(8))
        _wait(reading, 300, "the worker to read the scan")
        assert len(_session(first.pid)) >= 3, "service, its worker and their readers"
        os.kill(first.pid, signal.SIGKILL)  # the service alone, as the OOM killer would
        first.wait(10)
        _wait(lambda: not _session(first.pid), 15, "the workers to die with the service")
        held = job()
        assert held is not None and held.status == "running" and held.attempts == 1

        second = _serve(tmp_path, inbox)
        took = _wait(lambda: (job() or held).attempts == 2, 120, "the job to be taken over")
        assert took < LEASE + 60, "a dead worker's job waited much longer than its lease"
        _wait(lambda: (job() or held).status == "done", 600, "the scan to be processed")
        os.kill(second.pid, signal.SIGKILL)
        second.wait(10)
        _wait(lambda: not _session(second.pid), 15, "the second service's processes to end")
    finally:
        for service in (first, second):
            if service is not None and _session(service.pid):
                os.killpg(service.pid, signal.SIGKILL)
                service.wait(10)
    with ctx.sessions() as session:
        doc = session.execute(select(Document)).scalar_one()
        processed = session.execute(
            select(AuditEvent).where(AuditEvent.action == "document.processed")
        ).all()
    assert doc.status in ("processed", "needs_review") and doc.page_count == 8
    assert len(processed) == 1
    ctx.close()
