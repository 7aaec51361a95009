"""Process a born-digital upload at once, in the caller's thread.

A citizen who uploads a PDF with a usable text layer gets its type and the
dossier's findings in the same response; a scan needs OCR and is left to the
workers, with a status to poll. The bytes are parsed only in sandboxed readers,
never in the API process.
"""

from __future__ import annotations

import logging
from typing import Literal

from paperasse import originals
from paperasse.context import Context
from paperasse.errors import InputError
from paperasse.ingest.jobs import claim_job, fail_job, make_due
from paperasse.ingest.sandbox import needs_no_ocr
from paperasse.ingest.worker import run_claim
from paperasse.models.lookup import get_document

log = logging.getLogger(__name__)


Outcome = Literal["done", "scan", "taken"]


def process_now(ctx: Context, document_id: str) -> bool:
    """Process the document here if it needs no OCR; True when it was processed or refused."""
    return read_inline(ctx, document_id) == "done"


def read_inline(ctx: Context, document_id: str) -> Outcome:
    """Process a born-digital document in this thread, saying what became of it.

    "done": processed, or refused by its reader (too heavy, broken: it fails at
    once, so the citizen reads the reason in the answer); "scan": it needs OCR (or
    could not be judged) and is left to the workers; "taken": it needs no OCR but a
    worker claimed its job first.
    """
    with ctx.sessions() as session:
        doc = get_document(session, document_id)
        sha256, mime = doc.sha256, doc.mime
    try:
        quick = needs_no_ocr(ctx.settings, originals.read(ctx, sha256), mime)
    except InputError as e:
        return _refuse(ctx, document_id, e)
    except Exception:
        log.info("document %s: not checked for a text layer, left to the workers", document_id)
        quick = False
    if not quick:
        make_due(ctx, document_id)
        return "scan"
    claim = claim_job(ctx, "inline", only={document_id}, early=True)
    if claim is None:
        return "taken"
    run_claim(ctx, claim)
    return "done"


def _refuse(ctx: Context, document_id: str, error: InputError) -> Outcome:
    claim = claim_job(ctx, "inline", only={document_id}, early=True)
    if claim is None:
        return "taken"
    log.warning("document %s refused by its reader: %s", document_id, error.message)
    fail_job(ctx, claim, error.message, retry=False)
    return "done"
