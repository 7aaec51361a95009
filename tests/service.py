"""``paperasse serve`` in a process of its own, and the memory of every process it starts.

For the tests and benchmarks that must watch the service as an operator would: its
HTTP port, its child processes (workers, readers, Tesseract) found by their session,
their resident memory sampled while they work.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from paperasse.auth import add_user
from paperasse.context import open_context
from tests.conftest import make_settings
from tests.web.live import free_port

PASSWORD = "correct-horse-battery-42"


@dataclass
class Service:
    url: str
    pid: int

    def client(self, username: str) -> httpx.Client:
        """A client signed in as ``username`` (password ``PASSWORD``)."""
        client = httpx.Client(base_url=self.url, timeout=300)
        response = client.post(
            "/api/v1/auth/token", data={"username": username, "password": PASSWORD}
        )
        response.raise_for_status()
        client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
        return client


@contextmanager
def running_service(
    tmp_path: Path, users: dict[str, str], env: dict[str, str] | None = None
) -> Iterator[Service]:
    """``paperasse serve`` on a free port with the given users (username: role)."""
    ctx = open_context(make_settings(tmp_path))
    for username, role in users.items():
        add_user(ctx, username, PASSWORD, role, actor="test")
    ctx.close()
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAPERASSE_")}
    environment.update({"PAPERASSE_DATA_DIR": str(tmp_path / "var"), "PAPERASSE_PORT": str(port)})
    environment.update(env or {})
    process = subprocess.Popen(
        [sys.executable, "-m", "paperasse.cli", "serve"],
        env=environment,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("paperasse serve did not start")
            time.sleep(0.2)
        yield Service(url, process.pid)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)


def session_processes(sid: int) -> dict[int, str]:
    """Live processes of a session, each with its role: service, worker, reader or other."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[3]) != sid or fields[0] == "Z":
            continue
        pid = int(entry.name)
        if pid == sid:
            role = "service"
        elif b"paperasse.ingest.reader" in command:
            role = "reader"
        elif b"multiprocessing" in command:
            role = "worker"
        elif b"tesseract" in command:
            role = "tesseract"
        else:
            role = "other"
        found[pid] = role
    return found


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class MemoryWatch:
    """Samples the resident memory of a session's processes until stopped."""

    sid: int
    every: float = 0.05
    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> MemoryWatch:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid, role in session_processes(self.sid).items():
                rss = rss_kb(pid)
                if rss > self.peaks.get(pid, (role, 0))[1]:
                    self.peaks[pid] = (role, rss)
            self._stop.wait(self.every)

    def peak_mb(self, role: str) -> float:
        """The largest resident memory seen in one process of ``role``, in megabytes."""
        return max((kb for r, kb in self.peaks.values() if r == role), default=0) / 1024
