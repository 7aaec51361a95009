"""Process a born-digital upload at once, in the caller's thread.

A citizen who uploads a PDF with a usable text layer gets its type and the
dossier's findings in the same response; a scan needs OCR and is left to the
workers, with a status to poll. The bytes are parsed only in sandboxed readers,
never in the API process.
"""

from __future__ import annotations

import logging

from paperasse.context import Context
from paperasse.errors import InputError
from paperasse.ingest.jobs import claim_job, fail_job
from paperasse.ingest.sandbox import needs_no_ocr
from paperasse.ingest.worker import run_claim
from paperasse.models.lookup import get_document

log = logging.getLogger(__name__)


def process_now(ctx: Context, document_id: str) -> bool:
    """Process the document here if it needs no OCR; True when it was processed or refused.

    The text layer is judged in a sandboxed reader; a file that reader refuses (too
    heavy, broken) fails at once, so the citizen reads the reason in the answer.
    """
    with ctx.sessions() as session:
        doc = get_document(session, document_id)
        sha256, mime = doc.sha256, doc.mime
    try:
        quick = needs_no_ocr(ctx.settings, ctx.store.open(sha256), mime)
    except InputError as e:
        return _refuse(ctx, document_id, e)
    except Exception:
        log.info("document %s: not checked for a text layer, left to the workers", document_id)
        return False
    if not quick:
        return False
    claim = claim_job(ctx, "inline", only={document_id})
    if claim is None:
        return False
    run_claim(ctx, claim)
    return True


def _refuse(ctx: Context, document_id: str, error: InputError) -> bool:
    claim = claim_job(ctx, "inline", only={document_id})
    if claim is None:
        return False
    log.warning("document %s refused by its reader: %s", document_id, error.message)
    fail_job(ctx, claim, error.message, retry=False)
    return True
