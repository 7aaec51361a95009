"""The pipeline: the stages every document goes through, in order, at a glance.

``analyze`` runs the pure stages on bytes and returns what was learned, storing
nothing (``paperasse extract`` prints it); it parses untrusted bytes, so it runs in
a sandboxed reader process (:mod:`paperasse.ingest.sandbox`). ``process_document``
loads a stored original, has it analyzed there, and saves the results with the
job's end in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from paperasse.classify.model.predict import classify_text, default_model
from paperasse.classify.triage import TriageDeadlines, load_default_service_model, triage
from paperasse.context import Context
from paperasse.ingest.jobs import Claim, renew_lease, report_progress
from paperasse.ingest.results import save_analysis
from paperasse.ingest.sandbox import read_document
from paperasse.models.domain import Analysis, Decision, Entity, PageText, Triage
from paperasse.models.lookup import get_document
from paperasse.reading.entities import (
    extract_entities,
    find_expiry_date,
    find_holder,
    find_issue_date,
)
from paperasse.reading.images import count_frames
from paperasse.reading.pdf import open_pdf
from paperasse.reading.text import PDF_MIME, extract_pages
from paperasse.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StageEnv:
    """What the stages may use: settings, the date of receipt, a progress callback."""

    settings: Settings
    received: dt.date
    on_page: Callable[[PageText], None] | None = None
    triage: bool = True


def extract_text(data: bytes, mime: str, env: StageEnv) -> list[PageText]:
    ocr = env.settings.ocr
    return extract_pages(
        data,
        mime,
        dpi=ocr.dpi,
        lang=ocr.lang,
        max_pages=ocr.max_pages,
        max_pixels=ocr.max_pixels,
        on_page=env.on_page,
    )


def count_pages(data: bytes, mime: str, settings: Settings) -> int:
    """Pages in a file, known before the slow work starts so progress has a total."""
    if mime == PDF_MIME:
        pdf = open_pdf(data, max_pages=settings.ocr.max_pages)
        try:
            return len(pdf)
        finally:
            pdf.close()
    return count_frames(data, max_pixels=settings.ocr.max_pixels)


def classify_document(analysis: Analysis, env: StageEnv) -> Decision:
    """The document's type; with no usable model or no text, a person decides."""
    conf = env.settings.classify
    return classify_text(
        full_text(analysis), default_model(conf.model_path), threshold=conf.review_threshold
    )


def find_entities(analysis: Analysis, env: StageEnv) -> list[Entity]:
    return extract_entities(analysis.pages, today=env.received)


def find_dates_and_holder(analysis: Analysis, env: StageEnv) -> None:
    label = analysis.doc_type.label if analysis.doc_type else None
    pages, entities, today = analysis.pages, analysis.entities, env.received
    analysis.holder = find_holder(label, pages, entities)
    analysis.issue_date = find_issue_date(label, pages, entities, today=today)
    analysis.expiry_date = find_expiry_date(label, pages, entities, today=today)


def triage_mail(analysis: Analysis, env: StageEnv) -> Triage | None:
    """Route mail to the service that must answer it (citizens' uploads are not mail)."""
    if not env.triage:
        return None
    conf = env.settings.classify
    deadlines = TriageDeadlines(
        default_months=conf.deadline_months,
        service_days=conf.service_deadline_days,
        urgent_days=conf.urgent_deadline_days,
    )
    return triage(
        full_text(analysis),
        doc_type=analysis.doc_type.label if analysis.doc_type else None,
        received=env.received,
        deadlines=deadlines,
        model=load_default_service_model(),
        review_threshold=conf.review_threshold,
    )


def full_text(analysis: Analysis) -> str:
    return "\n\n".join(page.text for page in analysis.pages)


def analyze(data: bytes, mime: str, env: StageEnv) -> Analysis:
    """Run every stage on one file's bytes."""
    analysis = Analysis(sha256=hashlib.sha256(data).hexdigest(), mime=mime)
    analysis.pages = extract_text(data, mime, env)
    analysis.doc_type = classify_document(analysis, env)
    analysis.entities = find_entities(analysis, env)
    find_dates_and_holder(analysis, env)
    analysis.triage = triage_mail(analysis, env)
    return analysis


def process_document(ctx: Context, claim: Claim) -> Analysis:
    """Process one stored document for a claimed job; idempotent if run again.

    The bytes are read in a sandboxed reader (``analyze`` runs there); while it
    works, the job's lease is renewed, so a job outlives its lease only when its
    worker is gone.
    """
    with ctx.sessions() as session:
        doc = get_document(session, claim.document_id)
        sha256, mime, received = doc.sha256, doc.mime, doc.received_at.date()
        is_mail = doc.source != "upload"
    data = ctx.store.open(sha256)

    def on_event(name: str, value: int) -> None:
        if name == "total":
            report_progress(ctx, claim, "text", 0, value)
        elif name == "page":
            report_progress(ctx, claim, "text", value)

    analysis = read_document(
        ctx.settings,
        data,
        mime,
        received=received,
        triage=is_mail,
        on_event=on_event,
        heartbeat=lambda: renew_lease(ctx, claim),
    )
    save_analysis(ctx, claim, analysis)
    log.info("document %s processed: %d pages", claim.document_id, len(analysis.pages))
    return analysis
