"""Answer a born-digital upload with its result even when a worker took its job first.

``read_inline`` claims the upload's job in the caller's thread; with workers
running, one of them may claim it a moment earlier. A born-digital PDF is done
in well under a second either way, so the upload waits for that worker rather
than answering "processing" for a file that needed no OCR. Scans never wait.
"""

from __future__ import annotations

import logging
import time

from paperasse.context import Context
from paperasse.ingest.inline import read_inline
from paperasse.models.domain import PENDING_STATUSES
from paperasse.models.lookup import get_document

log = logging.getLogger(__name__)

WORKER_WAIT_SECONDS = 5.0
POLL_SECONDS = 0.05


def _status(ctx: Context, document_id: str) -> str:
    with ctx.sessions() as session:
        return get_document(session, document_id).status


def process_or_wait(ctx: Context, document_id: str, *, wait: float = WORKER_WAIT_SECONDS) -> bool:
    """Process the upload here if it needs no OCR, or wait for the worker that took it.

    True when the document is processed (or failed) on return; False when it was
    left to the workers (a scan) or the worker did not finish within ``wait``.
    """
    outcome = read_inline(ctx, document_id)
    if outcome != "taken":
        return outcome == "done"
    log.info("document %s: a worker took the job first, waiting for it", document_id)
    end = time.monotonic() + wait
    while time.monotonic() < end:
        if _status(ctx, document_id) not in PENDING_STATUSES:
            return True
        time.sleep(POLL_SECONDS)
    return False
