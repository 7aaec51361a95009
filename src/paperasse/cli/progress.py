"""Run local workers on just-received documents and show their progress."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from tqdm import tqdm

from paperasse.context import Context
from paperasse.ingest.worker import WorkerPool
from paperasse.models.tables import Document, Job

FINISHED = ("processed", "needs_review", "failed")
LABELS = {"processed": "traité", "needs_review": "à vérifier", "failed": "échec"}


def wait_for_documents(
    ctx: Context, ids: dict[str, Path], *, workers: int | None, quiet: bool
) -> int:
    """Process the documents with local workers; print one line each; returns failures."""
    pool = WorkerPool(ctx.settings, workers, only=set(ids), until_idle=True, log_level="WARNING")
    pool.start()
    hidden = quiet or not sys.stderr.isatty()
    files = tqdm(total=len(ids), unit="fichier", disable=hidden, file=sys.stderr)
    pages = tqdm(total=0, unit="page", disable=hidden, file=sys.stderr, position=1)
    try:
        while True:
            done, pages_done, pages_total = _progress(ctx, set(ids))
            files.update(done - files.n)
            pages.total = max(pages_total, pages_done)
            pages.update(pages_done - pages.n)
            if done == len(ids) or not pool.alive():
                break
            time.sleep(0.5)
    finally:
        pool.stop()
        files.close()
        pages.close()
    return _report(ctx, ids)


def _progress(ctx: Context, ids: set[str]) -> tuple[int, int, int]:
    with ctx.sessions() as session:
        done: int = session.execute(
            select(func.count()).where(Document.id.in_(ids), Document.status.in_(FINISHED))
        ).scalar_one()
        pages_done, pages_total = session.execute(
            select(
                func.coalesce(func.sum(Job.pages_done), 0),
                func.coalesce(func.sum(Job.pages_total), 0),
            ).where(Job.document_id.in_(ids))
        ).one()
    return done, int(pages_done or 0), int(pages_total or 0)


def _report(ctx: Context, ids: dict[str, Path]) -> int:
    failures = 0
    with ctx.sessions() as session:
        docs = session.execute(select(Document).where(Document.id.in_(ids))).scalars()
        for doc in docs:
            label = LABELS.get(doc.status, doc.status)
            kind = doc.doc_type or "-"
            print(f"{doc.id}\t{label}\t{kind}\t{ids[doc.id]}")
            if doc.status == "failed":
                failures += 1
                print(f"échec : {ids[doc.id]} : {doc.status_reason}", file=sys.stderr)
    return failures
