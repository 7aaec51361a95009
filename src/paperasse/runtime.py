"""Background work of a running service: workers, the hot folder, the mailbox, the
search indexer, e-mail notifications, audit sealing, store locks that follow the
retention schedule.

``paperasse serve`` runs it beside the HTTP server, ``paperasse worker`` alone
(on as many hosts as needed: jobs are claimed with leases in the database).
The hot folder is a door, not processing: it is watched wherever it is
configured, ``serve --no-workers`` included, by one process at a time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from paperasse.archive.indexer import drain_all
from paperasse.audit.digest import write_digest
from paperasse.context import Context
from paperasse.ingest.folderlock import FolderLock
from paperasse.ingest.hotfolder import HotFolder
from paperasse.ingest.mail.reader import MailboxReader
from paperasse.ingest.worker import WorkerPool
from paperasse.notify import send_pending
from paperasse.originals import delete_shredded
from paperasse.records.retention import sync_locks

log = logging.getLogger(__name__)


class Background:
    """Worker processes plus the periodic threads, started and stopped together."""

    def __init__(
        self,
        ctx: Context,
        *,
        workers: int | None = None,
        processing: bool = True,
        indexing: bool = True,
    ) -> None:
        self.ctx = ctx
        self.pool = WorkerPool(ctx.settings, workers) if processing else None
        self.indexing = indexing
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._inbox_lock: FolderLock | None = None

    def start(self) -> None:
        settings = self.ctx.settings
        # Checked before anything starts: a mailbox set up wrong stops serve at once.
        reader = None
        if self.pool is not None and settings.mailbox.enabled:
            reader = MailboxReader(self.ctx)
        if self.indexing:
            self._every("indexer", 1.0, lambda: drain_all(self.ctx, self.ctx.search))
        if self.indexing and settings.smtp.host:
            self._every("notify", settings.smtp.poll_seconds, lambda: send_pending(self.ctx))
        self._every("audit-seal", settings.audit_digest_seconds, self._seal)
        self._every("records-locks", settings.records.lock_seconds, self._locks)
        if self.pool is not None:
            self.pool.start()
        if settings.inbox.dir is not None:
            settings.inbox.dir.mkdir(parents=True, exist_ok=True)
            folder = HotFolder(self.ctx, settings.inbox.dir)
            lock = self._inbox_lock = FolderLock(settings.inbox.dir)
            self._every(
                "inbox", settings.inbox.poll_seconds, lambda: lock.held() and folder.scan_once()
            )
            log.info("watching inbox %s (when no other process does)", settings.inbox.dir)
        if reader is not None:
            self._every(
                "mailbox", settings.mailbox.poll_seconds, lambda: reader.read_once(self._stop)
            )
            log.info("reading mailbox %s", reader.mailbox)

    def _seal(self) -> None:
        with self.ctx.transaction() as session:
            write_digest(session, self.ctx.store)

    def _locks(self) -> None:
        """Extend store locks to retention ends now known; delete lapsed destroyed objects."""
        sync_locks(self.ctx)
        delete_shredded(self.ctx)

    def _every(self, name: str, seconds: float, action: Callable[[], object]) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                try:
                    action()
                except Exception:
                    log.exception("background task %s failed; it will run again", name)
                self._stop.wait(seconds)

        thread = threading.Thread(target=loop, name=f"paperasse-{name}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)
        if self._inbox_lock is not None:
            self._inbox_lock.release()
        if self.pool is not None:
            self.pool.stop()
        try:
            self._seal()
        except Exception:
            log.exception("the audit chain could not be sealed at shutdown")
