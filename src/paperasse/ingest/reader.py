"""The sandboxed reader: a child process that parses untrusted files within limits.

It holds no database connection and no store: it gets bytes through a pipe, reads
them under an address-space limit (``RLIMIT_AS``, inherited by the Tesseract it
starts) and a CPU-time limit renewed at every page (``RLIMIT_CPU``), and sends back
what it learned, progress on the way. The parent (:mod:`paperasse.ingest.sandbox`)
adds a wall-clock limit and turns the death of a reader into a French refusal. The
models are loaded once when the reader starts, so a warm reader answers a
born-digital PDF in a fraction of a second.

Messages to the parent: ``("ready",)`` once warm, ``("event", name, value)``,
``("ok", result)``, ``("error", class name, message, details)`` for a
``PaperasseError``, ``("crash", text)`` for anything else.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import os
import resource
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from paperasse.errors import PaperasseError, UnreadableDocumentError
from paperasse.ingest.guards import MB, PdfLimits, check_pdf, too_heavy
from paperasse.ingest.lifeline import die_with_parent
from paperasse.settings import Settings

log = logging.getLogger(__name__)

PDF_MIME = "application/pdf"
Emit = Callable[[str, object], None]


@dataclass(frozen=True)
class ReadLimits:
    """The limits one reading runs under."""

    memory_bytes: int
    step_seconds: float
    pdf: PdfLimits

    @classmethod
    def of(cls, settings: Settings) -> ReadLimits:
        reader, ocr = settings.reader, settings.ocr
        return cls(
            memory_bytes=reader.memory_mb * MB,
            step_seconds=reader.step_seconds,
            pdf=PdfLimits(
                max_pages=ocr.max_pages,
                max_pixels=ocr.max_pixels,
                max_stream_bytes=reader.max_stream_mb * MB,
                max_page_content_bytes=reader.max_page_content_mb * MB,
                max_objects=reader.max_objects,
            ),
        )


def serve(fd: int, parent_pid: int) -> None:
    """Entry point of a reader process: serve requests until the pipe closes."""
    die_with_parent(parent_pid)
    conn = Connection(fd)
    settings, warm, log_level = conn.recv()
    logging.basicConfig(
        level=log_level,
        format="%(asctime)s %(levelname)s %(name)s (reader %(process)d): %(message)s",
    )
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _limit_memory(ReadLimits.of(settings).memory_bytes)
    if warm:
        _warm_up(settings)
    conn.send(("ready",))
    while True:
        try:
            task, args, limits = conn.recv()
        except (EOFError, OSError):
            return
        _limit_memory(limits.memory_bytes)
        _renew_cpu(limits.step_seconds)
        conn.send(_answer(conn, task, args, limits))


def _answer(
    conn: Connection, task: str, args: dict[str, Any], limits: ReadLimits
) -> tuple[Any, ...]:
    def emit(name: str, value: object) -> None:
        _renew_cpu(limits.step_seconds)
        conn.send(("event", name, value))

    _forget_pdfium_error()
    try:
        return ("ok", TASKS[task](emit, limits, **args))
    except PaperasseError as e:
        return ("error", type(e).__name__, e.message, e.details)
    except MemoryError:
        # The heap may be in pieces: answer, then let the parent start a fresh reader.
        refusal = _memory_refusal(limits, args.get("mime", ""))
        conn.send(("error", "UnreadableDocumentError", refusal.message, refusal.details))
        os._exit(3)
    except Exception as e:
        if type(e).__name__ == "PdfiumError":  # a page pdfium cannot load: the file is broken
            return ("error", "UnreadableDocumentError", _broken().message, {})
        log.exception("reader: unexpected error in %s", task)
        return ("crash", f"{type(e).__name__}: {e}")


def _forget_pdfium_error() -> None:
    """Leave pdfium's last error at "not a PDF" before each file.

    pdfium keeps its last error per thread and does not always set it when a load
    fails: a broken file read after an encrypted one was refused as "protégé par un
    mot de passe". A failed load of one byte sets it to a neutral value.
    """
    import pypdfium2.raw as pdfium_c

    one_byte = ctypes.create_string_buffer(b"x")
    document = pdfium_c.FPDF_LoadMemDocument(one_byte, 1, None)
    if document:
        pdfium_c.FPDF_CloseDocument(document)


def _limit_memory(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))


def _renew_cpu(seconds: float) -> None:
    """Allow ``seconds`` more of CPU time from now; past it the kernel sends SIGXCPU."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    resource.setrlimit(resource.RLIMIT_CPU, (int(used + seconds) + 1, resource.RLIM_INFINITY))


def _memory_refusal(limits: ReadLimits, mime: str) -> UnreadableDocumentError:
    why = f"sa lecture dépasse {limits.memory_bytes // MB} Mo de mémoire"
    return too_heavy(why, pdf=mime == PDF_MIME)


def _broken() -> UnreadableDocumentError:
    return UnreadableDocumentError(
        "Le PDF est illisible ou endommagé (une de ses pages ne peut pas être chargée). "
        "Ouvrez-le pour vérifier, puis déposez-le à nouveau ou numérisez le document."
    )


def _warm_up(settings: Settings) -> None:
    """Load the models every reading uses, once, before the first file."""
    from paperasse.classify.model.predict import default_model
    from paperasse.classify.triage import load_default_service_model
    from paperasse.reading.entities.ner import load_ner_model

    try:
        default_model(settings.classify.model_path)
        load_default_service_model()
        load_ner_model()
    except PaperasseError as e:  # a missing model means "needs review", said at first use
        log.warning("reader: a model could not be loaded in advance: %s", e.message)


def check_input(data: bytes, mime: str, limits: ReadLimits) -> None:
    """The cheap structural checks that give hostile files their right reason."""
    if mime == PDF_MIME:
        check_pdf(data, limits.pdf)


def _analyze(
    emit: Emit,
    limits: ReadLimits,
    *,
    data: bytes,
    mime: str,
    settings: Settings,
    received: dt.date,
    triage: bool,
) -> object:
    from paperasse.ingest.pipeline import StageEnv, analyze, count_pages

    check_input(data, mime, limits)
    emit("total", count_pages(data, mime, settings))
    env = StageEnv(settings, received, lambda page: emit("page", page.number), triage=triage)
    return analyze(data, mime, env)


def _born_digital(emit: Emit, limits: ReadLimits, *, data: bytes, mime: str) -> bool:
    """Whether every page has a text layer worth keeping (no OCR needed)."""
    from paperasse.reading.pdf import open_pdf, open_plumber, read_text_layer
    from paperasse.reading.quality import text_layer_problem

    check_input(data, mime, limits)
    if mime != PDF_MIME:
        return False
    doc = open_pdf(data, max_pages=limits.pdf.max_pages)
    try:
        with open_plumber(data) as plumber:
            for index in range(len(doc)):
                layer = read_text_layer(plumber, doc, index)
                if text_layer_problem(layer.text, image_coverage=layer.image_coverage):
                    return False
                emit("page", index + 1)
    finally:
        doc.close()
    return True


def _split(
    emit: Emit, limits: ReadLimits, *, data: bytes, mime: str, settings: Settings, mode: str
) -> list[tuple[list[int], bytes]]:
    from paperasse.ingest.split import extract_part, split_batch

    check_input(data, mime, limits)
    ocr = settings.ocr
    parts = split_batch(
        data,
        mime,
        mode=mode,  # type: ignore[arg-type]
        dpi=ocr.dpi,
        lang=ocr.lang,
        max_pages=ocr.max_pages,
        max_pixels=ocr.max_pixels,
        on_page=lambda number: emit("page", number),
    )
    if len(parts) <= 1:
        return [(part, b"") for part in parts]
    return [
        (
            part,
            extract_part(data, mime, part, max_pages=ocr.max_pages, max_pixels=ocr.max_pixels),
        )
        for part in parts
    ]


TASKS: dict[str, Callable[..., object]] = {
    "analyze": _analyze,
    "born_digital": _born_digital,
    "split": _split,
}
