"""Crash safety: kill the service mid-run with SIGKILL, restart it, lose and duplicate nothing."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from paperasse.audit.verify import verify_chain
from paperasse.context import open_context
from paperasse.models.tables import AuditEvent, Document, Job, Page, Receipt
from tests.conftest import make_settings
from tests.samples import make_pdf, make_png

pytestmark = pytest.mark.slow


def _start(tmp_path: Path, inbox: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERASSE_")}
    env.update(
        {
            "PAPERASSE_DATA_DIR": str(tmp_path / "var"),
            "PAPERASSE_INBOX__DIR": str(inbox),
            "PAPERASSE_INBOX__STABLE_SECONDS": "0.3",
            "PAPERASSE_INBOX__POLL_SECONDS": "0.2",
            "PAPERASSE_JOBS__LEASE_SECONDS": "10",
            "PAPERASSE_JOBS__WORKERS": "2",
        }
    )
    return subprocess.Popen(
        [sys.executable, "-m", "paperasse.cli", "worker"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("timed out")
        time.sleep(0.3)


def test_sigkill_mid_run_then_restart_processes_every_file_exactly_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = {
        f"lettre-{i:02d}.pdf": make_pdf(f"Courrier numéro {i} adressé au maire") for i in range(30)
    }
    files |= {f"photo-{i}.png": make_png(f"Scan {i}", (1200, 400)) for i in range(6)}
    shas = {hashlib.sha256(data).hexdigest() for data in files.values()}
    for name, data in files.items():
        (inbox / name).write_bytes(data)

    ctx = open_context(make_settings(tmp_path))

    def processed() -> int:
        with ctx.sessions() as session:
            finished = ("processed", "needs_review")
            stmt = select(func.count()).where(Document.status.in_(finished))
            return int(session.execute(stmt).scalar_one())

    def stored() -> set[str]:
        with ctx.sessions() as session:
            return set(session.execute(select(Document.sha256)).scalars())

    service = _start(tmp_path, inbox)
    try:
        _wait(lambda: processed() >= 3, timeout=180)
        os.killpg(service.pid, signal.SIGKILL)
        service.wait(10)
        left = {hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir() if p.is_file()}
        assert shas - left <= stored(), "a file left the inbox before its original was stored"
        assert processed() < len(files), "kill earlier: the run was already over"
        service = _start(tmp_path, inbox)
        _wait(lambda: processed() == len(files), timeout=300)
    finally:
        os.killpg(service.pid, signal.SIGKILL)
        service.wait(10)

    assert not [p for p in inbox.iterdir() if p.is_file()]
    with ctx.sessions() as session:
        assert stored() == shas
        receipts = session.execute(select(func.count()).select_from(Receipt)).scalar_one()
        assert receipts == len(files), "a file was received twice"
        events = session.execute(
            select(AuditEvent.object, func.count())
            .where(AuditEvent.action == "document.processed")
            .group_by(AuditEvent.object)
        ).all()
        assert len(events) == len(files) and {n for _, n in events} == {1}
        jobs = session.execute(select(Job.status, func.count()).group_by(Job.status)).all()
        assert dict(jobs) == {"done": len(files)}
        pages = session.execute(select(func.count()).select_from(Page)).scalar_one()
        assert pages == len(files)
        assert verify_chain(session, ctx.store).ok
    ctx.close()
