"""Batch scans: one copier file holding several letters, cut at separator pages.

The batch original is kept (not processed itself); each part becomes its own
document pointing to the batch and its pages. Taking the same batch again (after
a crash) adds only the parts that are missing.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from paperasse.context import Context
from paperasse.ingest.intake import IntakeResult, Origin, receive, validate
from paperasse.ingest.sandbox import split_in_reader
from paperasse.ingest.split import SplitMode
from paperasse.models.tables import Document

log = logging.getLogger(__name__)

SPLITTABLE = {"application/pdf", "image/tiff"}


def receive_batch(
    ctx: Context, data: bytes, filename: str, origin: Origin, *, mode: SplitMode
) -> list[IntakeResult]:
    """Receive a file, split into documents at separator pages when it has any.

    The batch is looked at and cut in a sandboxed reader, like every reading of
    untrusted bytes.
    """
    name, mime = validate(data, filename, ctx.settings.max_upload_bytes)
    if mime not in SPLITTABLE:
        return [receive(ctx, data, name, origin)]
    parts = split_in_reader(ctx.settings, data, mime, mode)
    if len(parts) <= 1:
        return [receive(ctx, data, name, origin)]
    batch = receive(ctx, data, name, replace(origin, process=False))
    results = [batch]
    stem = Path(name).stem
    for index, (pages, part) in enumerate(parts, start=1):
        if _has_part(ctx, batch.document_id, part):
            continue
        part_origin = replace(origin, parent_id=batch.document_id, parent_pages=tuple(pages))
        results.append(receive(ctx, part, f"{stem}-partie-{index}.pdf", part_origin))
    log.info("batch %s split into %d documents", batch.document_id, len(parts))
    return results


def _has_part(ctx: Context, batch_id: str, part: bytes) -> bool:
    sha256 = hashlib.sha256(part).hexdigest()
    stmt = select(Document.id).where(Document.sha256 == sha256, Document.parent_id == batch_id)
    with ctx.sessions() as session:
        return session.execute(stmt).first() is not None
