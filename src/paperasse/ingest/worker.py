"""Worker processes: each claims jobs and runs the pipeline, one per core.

Tesseract runs single-threaded in each (OMP_THREAD_LIMIT=1): on a small
machine that is about 3x faster per page than its own threading, and one
process per core keeps every core busy. Each worker has its own sandboxed
reader process that parses the files (:mod:`paperasse.ingest.sandbox`), renews
its job's lease while the reader works, and dies with the process that started
it (:mod:`paperasse.ingest.lifeline`), so a killed service leaves no worker behind.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import socket
from multiprocessing.synchronize import Event

from paperasse.context import Context, open_context
from paperasse.errors import InputError, PaperasseError
from paperasse.ingest.jobs import Claim, claim_job, fail_job, pending_count
from paperasse.ingest.lifeline import die_with_parent, parent_alive
from paperasse.ingest.pipeline import process_document
from paperasse.ingest.priority import lower_priority
from paperasse.ingest.sandbox import readers
from paperasse.settings import Settings

log = logging.getLogger(__name__)

IDLE_SECONDS = 0.5


def work_once(ctx: Context, worker: str, only: set[str] | None = None) -> bool:
    """Claim and run one job; False when there was nothing to do."""
    claim = claim_job(ctx, worker, only)
    if claim is None:
        return False
    run_claim(ctx, claim)
    return True


def run_claim(ctx: Context, claim: Claim) -> None:
    """Run the pipeline for a claimed job; bad files fail at once, other errors retry."""
    try:
        process_document(ctx, claim)
    except InputError as e:
        fail_job(ctx, claim, e.message, retry=False)
    except PaperasseError as e:
        fail_job(ctx, claim, e.message, retry=True)
    except Exception as e:
        log.exception("document %s: unexpected error", claim.document_id)
        fail_job(ctx, claim, f"erreur interne : {type(e).__name__}: {e}", retry=True)


def worker_main(
    settings: Settings,
    number: int,
    stop: Event,
    only: set[str] | None,
    until_idle: bool,
    log_level: str,
    parent_pid: int,
) -> None:
    """Entry point of one worker process; it ends when its parent does."""
    die_with_parent(parent_pid)
    lower_priority(settings.jobs.nice)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    logging.basicConfig(
        level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    worker = f"{socket.gethostname()}:{os.getpid()}:{number}"
    readers(settings, size=1).warm(settings)
    ctx = open_context(settings, run_migrations=False)
    try:
        while not stop.is_set() and parent_alive(parent_pid):
            if work_once(ctx, worker, only):
                continue
            if until_idle and pending_count(ctx, only) == 0:
                return
            stop.wait(IDLE_SECONDS)
    except KeyboardInterrupt:
        return
    finally:
        ctx.close()


class WorkerPool:
    """A set of worker processes started together and stopped together."""

    def __init__(
        self,
        settings: Settings,
        count: int | None = None,
        *,
        only: set[str] | None = None,
        until_idle: bool = False,
        log_level: str | None = None,
    ) -> None:
        self._spawn = mp.get_context("spawn")
        self._stop = self._spawn.Event()
        self._processes = [
            self._spawn.Process(
                target=worker_main,
                args=(
                    settings,
                    n,
                    self._stop,
                    only,
                    until_idle,
                    log_level or settings.log_level,
                    os.getpid(),
                ),
                name=f"paperasse-worker-{n}",
                daemon=True,
            )
            for n in range(count or settings.worker_count)
        ]

    def start(self) -> None:
        for process in self._processes:
            process.start()
        log.info("%d worker processes started", len(self._processes))

    @property
    def size(self) -> int:
        return len(self._processes)

    def alive(self) -> bool:
        return any(p.is_alive() for p in self._processes)

    def stop(self, timeout: float = 30) -> None:
        self._stop.set()
        for process in self._processes:
            process.join(timeout)
            if process.is_alive():
                process.terminate()
