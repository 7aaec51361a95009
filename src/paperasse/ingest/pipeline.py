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

from paperasse import originals
from paperasse.classify.certain import TypeCue, decide_type
from paperasse.classify.model.cues import format_cues, mrz_cues, twoddoc_cues
from paperasse.classify.model.predict import classify_text, default_model
from paperasse.classify.triage import TriageDeadlines, load_default_service_model, triage
from paperasse.context import Context
from paperasse.ingest import sandbox
from paperasse.ingest.jobs import Claim, renew_lease, report_progress
from paperasse.ingest.results import save_analysis
from paperasse.models.domain import Analysis, Decision, Entity, PageText, ReadField, Triage
from paperasse.models.lookup import get_document
from paperasse.reading import mrz, twoddoc
from paperasse.reading.document import DocumentReading, read_document
from paperasse.reading.entities import extract_entities
from paperasse.reading.fields import read_document_fields
from paperasse.reading.images import count_frames
from paperasse.reading.pdf import open_pdf
from paperasse.reading.text import PDF_MIME
from paperasse.reading.trust import date_field, holder_from
from paperasse.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StageEnv:
    """What the stages may use: settings, the date of receipt, a progress callback."""

    settings: Settings
    received: dt.date
    on_page: Callable[[PageText], None] | None = None
    triage: bool = True


def read_pages(data: bytes, mime: str, env: StageEnv) -> DocumentReading:
    """Each page's text (text layer or conditioned OCR, with its quality), then the
    2D-Docs and the machine-readable zone on the first pages' images."""
    return read_document(data, mime, env.settings.ocr, today=env.received, on_page=env.on_page)


def count_pages(data: bytes, mime: str, settings: Settings) -> int:
    """Pages in a file, known before the slow work starts so progress has a total."""
    if mime == PDF_MIME:
        pdf = open_pdf(data, max_pages=settings.ocr.max_pages)
        try:
            return len(pdf)
        finally:
            pdf.close()
    return count_frames(data, max_pixels=settings.ocr.max_pixels)


def classify_document(analysis: Analysis, reading: DocumentReading, env: StageEnv) -> Decision:
    """The document's type: proven by a valid MRZ or 2D-Doc, else the text model's
    decision; with no usable model or no text, a person decides."""
    conf = env.settings.classify
    decision = classify_text(
        full_text(analysis),
        default_model(conf.model_path),
        cues=layout_cues(reading),
        threshold=conf.review_threshold,
    )
    return decide_type(decision, type_cues(reading))


def layout_cues(reading: DocumentReading) -> list[str]:
    """What the model weighs beside the words: an MRZ, 2D-Docs, a card's proportions."""
    found = []
    if reading.mrz is not None:
        found += mrz_cues(reading.mrz.format, reading.mrz.document_code)
    for code in reading.twoddocs:
        found += twoddoc_cues(code.document_type)
    first = reading.pages[0] if reading.pages else None
    if first is not None and first.quality is not None and "crop" in first.quality.conditioning:
        found += format_cues(first.width, first.height)  # the document cut out of a photo
    return found


def type_cues(reading: DocumentReading) -> list[TypeCue]:
    """What the MRZ and the 2D-Docs prove about the document's type."""
    cues = []
    if reading.mrz is not None and (label := mrz.document_type_hint(reading.mrz)):
        cues.append(TypeCue(label, f"Zone de lecture automatique (MRZ) valide : {label}."))
    for code in reading.twoddocs:
        if (label := twoddoc.document_type_hint(code)) is not None:
            reason = f"Code 2D-Doc « {code.document_label} » ({code.status}) : {label}."
            cues.append(TypeCue(label, reason))
    return cues


def find_entities(analysis: Analysis, env: StageEnv) -> list[Entity]:
    return extract_entities(analysis.pages, today=env.received)


def read_fields(analysis: Analysis, reading: DocumentReading, env: StageEnv) -> list[ReadField]:
    """The fields trusted sources state: a verified 2D-Doc, a valid MRZ, labelled values.

    Which labels name the holder depends on the type; while the type is unsure, only
    the labels every document shares are read (a wrong type would read a supplier's
    account holder on an invoice as the citizen).
    """
    decided = analysis.doc_type is not None and not analysis.doc_type.needs_review
    label = analysis.doc_type.label if decided and analysis.doc_type else None
    return read_document_fields(label, reading, today=env.received)


def holder_and_dates(analysis: Analysis) -> None:
    """Holder and dates from the trusted fields only: absent rather than guessed."""
    analysis.holder = holder_from(analysis.fields)
    analysis.issue_date = date_field(analysis.fields, "issue_date")
    analysis.expiry_date = date_field(analysis.fields, "expiry_date")


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
        model=load_default_service_model(conf.service_model_path),
        review_threshold=conf.review_threshold,
    )


def full_text(analysis: Analysis) -> str:
    return "\n\n".join(page.text for page in analysis.pages)


def analyze(data: bytes, mime: str, env: StageEnv) -> Analysis:
    """Run every stage on one file's bytes."""
    analysis = Analysis(sha256=hashlib.sha256(data).hexdigest(), mime=mime)
    reading = read_pages(data, mime, env)
    analysis.pages, analysis.twoddocs = reading.pages, reading.twoddocs
    analysis.doc_type = classify_document(analysis, reading, env)
    analysis.entities = find_entities(analysis, env)
    analysis.fields = read_fields(analysis, reading, env)
    holder_and_dates(analysis)
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
    data = originals.read(ctx, sha256)

    def on_event(name: str, value: int) -> None:
        if name == "total":
            report_progress(ctx, claim, "text", 0, value)
        elif name == "page":
            report_progress(ctx, claim, "text", value)

    analysis = sandbox.read_document(
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
