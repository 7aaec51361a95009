"""Read untrusted files in a few warm, sandboxed reader processes.

Every parsing of a file someone sent (PDF, TIFF, JPEG, PNG) happens in a reader
process (:mod:`paperasse.ingest.reader`) under a memory limit, a CPU-time limit and
a wall-clock limit renewed at each page; never in the API process nor in a worker
holding the database. A reader that hits a limit dies or answers a refusal, and the
caller gets an ``UnreadableDocumentError`` in French: the document fails for good,
without retries. Readers are started once and kept warm (models loaded), so a
born-digital upload is still answered in the same request; a dead reader is
replaced at the next request.

One pool per operating-system process, not per context: a service opens one
context, but the tests open hundreds, and the pool is about processes. It is made
at first use and closed at exit. Readers are started from one dedicated thread,
because a child's ``PR_SET_PDEATHSIG`` fires when the *thread* that started it
ends, and request threads come and go.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from pydantic import SecretStr

from paperasse import errors
from paperasse.errors import ConfigurationError, PaperasseError, UnreadableDocumentError
from paperasse.ingest.guards import MB, too_heavy
from paperasse.ingest.reader import PDF_MIME, ReadLimits
from paperasse.models.domain import Analysis
from paperasse.settings import ENV_PREFIX, BlobSettings, SearchSettings, Settings

log = logging.getLogger(__name__)

START_SECONDS = 300.0  # loading the models on a loaded machine
# The reader imports paperasse from where this process found it (as multiprocessing's
# spawn does): the parent's sys.path comes as the third argument.
BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[3]); "
    "from paperasse.ingest.reader import serve; serve(int(sys.argv[1]), int(sys.argv[2]))"
)
OnEvent = Callable[[str, Any], None]
Heartbeat = Callable[[], None]


class ReaderCrashError(Exception):
    """A reader met an unexpected error (a bug, not a hostile file): worth a retry."""


class Reader:
    """One reader process and the pipe to it."""

    def __init__(self, process: subprocess.Popen[bytes], conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.ready = False

    @classmethod
    def start(cls, settings: Settings, *, warm: bool) -> Reader:
        ours, theirs = socket.socketpair()
        env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
        env.update(OMP_THREAD_LIMIT="1", OPENBLAS_NUM_THREADS="1")
        path = json.dumps(sys.path)
        command = [sys.executable, "-c", BOOT, str(theirs.fileno()), str(os.getpid()), path]
        process = subprocess.Popen(
            command, pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL
        )
        theirs.close()
        conn = Connection(ours.detach())
        conn.send((without_secrets(settings), warm, logging.getLogger().getEffectiveLevel()))
        log.info("reader process %d started", process.pid)
        return cls(process, conn)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.conn.close()
        if self.alive():
            self.process.kill()
        self.process.wait()

    def call(
        self,
        task: str,
        args: dict[str, Any],
        limits: ReadLimits,
        *,
        mime: str,
        on_event: OnEvent | None,
        heartbeat: Heartbeat | None,
        heartbeat_seconds: float,
    ) -> Any:
        """Run ``task`` in the reader; its errors come back as they were raised."""
        waiting = _Wait(heartbeat, heartbeat_seconds)
        if not self.ready:
            message = self._receive(waiting, START_SECONDS, mime, limits, starting=True)
            self.ready = message == ("ready",)
        try:
            self.conn.send((task, args, limits))
        except OSError:
            raise self._died(mime, limits, starting=False) from None
        while True:
            message = self._receive(waiting, limits.step_seconds, mime, limits, starting=False)
            kind = message[0]
            if kind == "event":
                if on_event is not None:
                    on_event(message[1], message[2])
                continue
            if kind == "ok":
                return message[1]
            if kind == "error":
                raise _rebuild(message[1], message[2], message[3])
            raise ReaderCrashError(message[1])

    def _receive(
        self, waiting: _Wait, seconds: float, mime: str, limits: ReadLimits, *, starting: bool
    ) -> tuple[Any, ...]:
        deadline = time.monotonic() + seconds
        while True:
            timeout = waiting.until_beat(deadline)
            try:
                if self.conn.poll(timeout):
                    message: tuple[Any, ...] = self.conn.recv()
                    return message
            except (EOFError, OSError):
                raise self._died(mime, limits, starting=starting) from None
            waiting.beat()
            if time.monotonic() >= deadline:
                self.process.kill()
                self.process.wait()
                if starting:
                    raise _not_started("il n'a pas démarré à temps")
                raise refusal(
                    mime, f"sa lecture dépasse {limits.step_seconds:.0f} secondes pour une page"
                )

    def _died(self, mime: str, limits: ReadLimits, *, starting: bool) -> PaperasseError:
        code = self.process.wait()
        log.warning("reader process %d ended with code %s", self.process.pid, code)
        if starting:
            return _not_started(f"code de sortie {code}")
        if code == -signal.SIGXCPU:
            seconds = f"{limits.step_seconds:.0f} secondes de calcul"
            return refusal(mime, f"sa lecture dépasse {seconds} pour une page")
        return refusal(mime, f"sa lecture dépasse {limits.memory_bytes // MB} Mo de mémoire")


class _Wait:
    """Calls the heartbeat every so often while a reader works."""

    def __init__(self, heartbeat: Heartbeat | None, every: float) -> None:
        self.heartbeat, self.every = heartbeat, every
        self.next = time.monotonic() + every

    def until_beat(self, deadline: float) -> float:
        end = min(deadline, self.next) if self.heartbeat else deadline
        return max(0.0, end - time.monotonic())

    def beat(self) -> None:
        if self.heartbeat is not None and time.monotonic() >= self.next:
            self.heartbeat()
            self.next = time.monotonic() + self.every


def without_secrets(settings: Settings) -> Settings:
    """The settings a reader needs: no database URL, no store or search credentials.

    A reader parses hostile bytes; whatever its memory holds, an exploit of a parser
    could read. (It still runs as the service's user: see the README's limits.)
    """
    return settings.model_copy(
        update={
            "database_url": None,
            "secret_key": SecretStr(""),
            "blob": BlobSettings(),
            "search": SearchSettings(),
        }
    )


def refusal(mime: str, why: str) -> UnreadableDocumentError:
    """The French refusal of a file that could not be read within the limits."""
    return too_heavy(why, pdf=mime == PDF_MIME)


def _not_started(why: str) -> ConfigurationError:
    return ConfigurationError(
        f"Le processus de lecture des documents n'a pas pu démarrer ({why}) : vérifiez "
        "PAPERASSE_READER__MEMORY_MB (il faut au moins 1 Go) et les journaux du service."
    )


def _rebuild(name: str, message: str, details: dict[str, object]) -> PaperasseError:
    kind = getattr(errors, name, None)
    if isinstance(kind, type) and issubclass(kind, PaperasseError):
        return kind(message, details=details)
    return PaperasseError(message, details=details)


class ReaderPool:
    """Up to ``size`` readers shared by the threads of a process, started on demand."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._idle: queue.LifoQueue[Reader] = queue.LifoQueue()
        self._count = 0
        self._lock = threading.Lock()
        self._starter = ThreadPoolExecutor(1, thread_name_prefix="paperasse-reader-start")
        self.closed = False

    def warm(self, settings: Settings) -> None:
        """Start one reader now (without waiting for it), so the first upload finds it warm."""
        with self._lock:
            if self._count:
                return
            self._count += 1
        self._idle.put(self._start(settings))

    def run(
        self,
        settings: Settings,
        task: str,
        /,
        *,
        mime: str,
        on_event: OnEvent | None = None,
        heartbeat: Heartbeat | None = None,
        **args: Any,
    ) -> Any:
        limits = ReadLimits.of(settings)
        reader = self._acquire(settings)
        try:
            return reader.call(
                task,
                {"mime": mime, **args},
                limits,
                mime=mime,
                on_event=on_event,
                heartbeat=heartbeat,
                heartbeat_seconds=settings.jobs.lease_seconds / 4,
            )
        finally:
            self._release(reader, settings)

    def _acquire(self, settings: Settings) -> Reader:
        while True:
            try:
                reader = self._idle.get_nowait()
            except queue.Empty:
                with self._lock:
                    grow = self._count < self.size
                    if grow:
                        self._count += 1
                if grow:
                    reader = self._start(settings)
                else:
                    try:  # another thread's reader, or one being replaced
                        reader = self._idle.get(timeout=1.0)
                    except queue.Empty:
                        continue
            if reader.alive():
                return reader
            self._forget(reader)

    def _start(self, settings: Settings) -> Reader:
        try:
            return self._starter.submit(Reader.start, settings, warm=True).result()
        except Exception:
            with self._lock:
                self._count -= 1
            raise

    def _release(self, reader: Reader, settings: Settings) -> None:
        if reader.alive() and not self.closed:
            self._idle.put(reader)
            return
        self._forget(reader)
        if not self.closed:  # a reader that hit a limit is replaced now, warm for the next file
            self._starter.submit(self._replace, settings)

    def _replace(self, settings: Settings) -> None:
        with self._lock:
            if self._count >= self.size:
                return
            self._count += 1
        try:
            reader = Reader.start(settings, warm=True)
        except Exception:
            log.exception("a reader process could not be started")
            with self._lock:
                self._count -= 1
            return
        self._idle.put(reader)

    def _forget(self, reader: Reader) -> None:
        reader.stop()
        with self._lock:
            self._count -= 1

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break
        self._starter.shutdown(wait=False)


_pool: ReaderPool | None = None
_pool_lock = threading.Lock()


def readers(settings: Settings, *, size: int | None = None) -> ReaderPool:
    """This process's pool of readers, made at first use with ``size`` readers at most.

    A worker process reads one file at a time and asks for one reader; the service
    process reads uploads for several requests at once (``PAPERASSE_READER__PROCESSES``).
    """
    global _pool
    with _pool_lock:
        if _pool is None or _pool.closed:
            _pool = ReaderPool(size or settings.reader.processes)
            atexit.register(_pool.close)
        return _pool


def read_document(
    settings: Settings,
    data: bytes,
    mime: str,
    *,
    received: dt.date,
    triage: bool = True,
    on_event: OnEvent | None = None,
    heartbeat: Heartbeat | None = None,
) -> Analysis:
    """Every stage of the pipeline on one file's bytes, in a reader (see ``analyze``)."""
    analysis: Analysis = readers(settings).run(
        settings,
        "analyze",
        mime=mime,
        on_event=on_event,
        heartbeat=heartbeat,
        data=data,
        settings=without_secrets(settings),
        received=received,
        triage=triage,
    )
    return analysis


def needs_no_ocr(settings: Settings, data: bytes, mime: str) -> bool:
    """Whether every page has a usable text layer, judged in a reader."""
    if mime != PDF_MIME:
        return False
    return bool(readers(settings).run(settings, "born_digital", mime=mime, data=data))


def split_in_reader(
    settings: Settings, data: bytes, mime: str, mode: str
) -> list[tuple[list[int], bytes]]:
    """The parts of a batch scan and their bytes (none when it is one document), in a reader."""
    parts: list[tuple[list[int], bytes]] = readers(settings).run(
        settings, "split", mime=mime, data=data, settings=without_secrets(settings), mode=mode
    )
    return parts
