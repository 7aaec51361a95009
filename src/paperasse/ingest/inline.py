"""Process a born-digital upload at once, in the caller's thread.

A citizen who uploads a PDF with a usable text layer gets its type and the
dossier's findings in the same response; a scan needs OCR and is left to the
workers, with a status to poll.
"""

from __future__ import annotations

import logging

from paperasse import originals
from paperasse.context import Context
from paperasse.ingest.jobs import claim_job
from paperasse.ingest.worker import run_claim
from paperasse.models.lookup import get_document
from paperasse.reading.pdf import open_pdf, open_plumber, read_text_layer
from paperasse.reading.quality import text_layer_problem
from paperasse.reading.text import PDF_MIME

log = logging.getLogger(__name__)


def born_digital(data: bytes, mime: str, *, max_pages: int) -> bool:
    """Whether every page has a text layer worth keeping (no OCR needed)."""
    if mime != PDF_MIME:
        return False
    doc = open_pdf(data, max_pages=max_pages)
    try:
        with open_plumber(data) as plumber:
            for index in range(len(doc)):
                layer = read_text_layer(plumber, doc, index)
                if text_layer_problem(layer.text, image_coverage=layer.image_coverage):
                    return False
    finally:
        doc.close()
    return True


def process_now(ctx: Context, document_id: str) -> bool:
    """Process the document here if it needs no OCR; True when it was processed."""
    with ctx.sessions() as session:
        doc = get_document(session, document_id)
        sha256, mime = doc.sha256, doc.mime
    try:
        data = originals.read(ctx, sha256)
        quick = born_digital(data, mime, max_pages=ctx.settings.ocr.max_pages)
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
