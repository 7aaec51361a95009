"""Generate the labelled training corpus, render it, capture half of it, read the captures.

Every document is a function of (seed, split, type, index) alone, so the corpus is
the same on every machine with the same Tesseract. Captured documents (flatbed
scans, cards on a sheet, phone crops and photos: see ``capture``) are read by the
pipeline's own text stage (``paperasse.reading.text.extract_pages``), so the corpus
sees what the pipeline sees, and follows it when the reading improves: regenerate
after changing it. The held-out split uses its own seed stream ("heldout") and is
always captured: it measures what the town hall will see, reading noise included.

Each text carries the layout cues the reading stages would report (an MRZ, a
2D-Doc, a card's format), derived from what the generator drew and dropped at the
rate those readers miss them on such a capture, so that the model learns to use a
cue without depending on it. The result is cached as ``corpus.jsonl`` plus
``manifest.json`` under the directory passed in.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperasse.classify.model.cues import mrz_cues, twoddoc_cues
from paperasse.training.corpus.capture import Capture, Shot, capture, choose_capture
from paperasse.training.corpus.render import draw_style, pdf_text, render_pdf
from paperasse.training.corpus.templates import doc_rng, make_doc
from paperasse.training.corpus.types import (
    DOC_LABELS,
    CorpusManifest,
    Doc,
    LabelledText,
    Source,
    Split,
)

log = logging.getLogger(__name__)

GENERATOR_VERSION = 3
"""Bump when templates or rendering change, so cached corpora are regenerated."""

DEFAULT_SEED = 20261122
# How often a reading stage finds what was drawn, by capture (guesses from how the
# readers fare on such images: a photo's MRZ is often blurred or cut).
MRZ_FOUND = {"digital": 0.85, "scan": 0.8, "card_scan": 0.7, "closeup": 0.75, "photo": 0.55}
TWODDOC_FOUND = {"digital": 0.9, "scan": 0.8, "card_scan": 0.8, "closeup": 0.8, "photo": 0.5}
# A card's proportions are known from a PDF page of its size or a found crop.
CARD_FORMAT_FOUND = {"digital": 0.5, "scan": 0.0, "card_scan": 0.3, "closeup": 0.8, "photo": 0.5}
SOURCES: dict[str, Source] = {
    "digital": "digital",
    "scan": "scan",
    "card_scan": "scan",
    "closeup": "photo",
    "photo": "photo",
}
TESSERACT_SECONDS = 90
MANIFEST = "manifest.json"
CORPUS = "corpus.jsonl"


@dataclass(frozen=True)
class Job:
    """One document to produce."""

    seed: int
    split: Split
    label: str
    index: int
    scan: bool


_FAKER: Any = None


def _faker() -> Any:
    """One Faker per process: building it is slow, reseeding it is cheap."""
    global _FAKER
    if _FAKER is None:
        from faker import Faker

        _FAKER = Faker("fr_FR")
    return _FAKER


def _init_worker() -> None:
    # Tesseract would otherwise start one OpenMP thread per core in every worker.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    bound_tesseract(TESSERACT_SECONDS)


def bound_tesseract(seconds: int) -> None:
    """Give every Tesseract pass of this (corpus worker) process at most ``seconds``.

    Some generated pages (a card's guilloche on a large sheet) keep Tesseract's layout
    analysis busy for minutes; the pipeline's reading stage has no time limit of its
    own to pass, so pytesseract's is set here, in the corpus workers only. A pass cut
    short raises, and the capture is then read as empty.
    """
    import pytesseract.pytesseract as engine

    original = engine.run_tesseract
    if getattr(original, "bounded", False):
        return

    def run_tesseract(*args: Any, **kwargs: Any) -> Any:
        kwargs["timeout"] = kwargs.get("timeout") or seconds
        return original(*args, **kwargs)

    run_tesseract.bounded = True  # type: ignore[attr-defined]
    engine.run_tesseract = run_tesseract


def read_shot(shot: Shot) -> str:
    """The text the pipeline's text stage reads in one captured image."""
    from paperasse.reading.tesseract import TesseractTimeoutError
    from paperasse.reading.text import extract_pages

    try:
        pages = extract_pages(shot.data, shot.mime, dpi=300, lang="fra")
    except (RuntimeError, TesseractTimeoutError) as e:  # timeout (see bound_tesseract)
        log.warning("capture not read: %s", e)
        return ""
    return "\n\n".join(page.text for page in pages)


def layout_cues(doc: Doc, how: Capture, shown: set[int], rng: random.Random) -> list[str]:
    """The cues the reading stages would report on this capture of ``doc``."""
    cues: list[str] = []
    count = len(doc.all_pages())
    if doc.mrz and doc.mrz_page % count in shown and rng.random() < MRZ_FOUND[how]:
        cues += mrz_cues(*doc.mrz)
    if doc.twoddoc and 0 in shown and rng.random() < TWODDOC_FOUND[how]:
        cues += twoddoc_cues(doc.twoddoc)
    if doc.page == "id1" and rng.random() < CARD_FORMAT_FOUND[how]:
        cues.append("format:id1")
    return cues


def produce(job: Job) -> LabelledText:
    """Generate, render and (for captures) photograph or scan and read one document."""
    rng = doc_rng(job.seed, job.split, job.label, job.index)
    doc = make_doc(_faker(), rng, job.label)
    pdf = None if doc.page == "scene" else render_pdf(doc, draw_style(rng, doc))
    how: Capture = choose_capture(rng, doc) if job.scan or pdf is None else "digital"
    if pdf is not None and how == "digital":
        text, shown = pdf_text(pdf), set(range(len(doc.all_pages())))
    else:
        shots = capture(doc, pdf, how, rng)
        text = "\n\n".join(read_shot(shot) for shot in shots)
        shown = {page for shot in shots for page in shot.pages}
    return LabelledText(
        text=text,
        label=job.label,
        doc_id=f"{job.split}-{job.label}-{job.index:04d}",
        variant=f"{doc.variant}/{how}",
        source=SOURCES[how],
        split=job.split,
        cues=layout_cues(doc, how, shown, rng),
    )


def plan(
    seed: int, per_type: int, heldout_per_type: int, labels: Sequence[str] = DOC_LABELS
) -> list[Job]:
    """Every document of the corpus: odd training indices and all held-out ones are captured."""
    jobs: list[Job] = []
    for label in labels:
        jobs += [Job(seed, "train", label, i, i % 2 == 1) for i in range(per_type)]
        jobs += [Job(seed, "heldout", label, i, True) for i in range(heldout_per_type)]
    return jobs


def generate_texts(
    seed: int = DEFAULT_SEED, *, per_type: int, split: Split = "train"
) -> list[LabelledText]:
    """Plain texts of generated documents, no rendering nor OCR: fast, for tests and smoke runs."""
    fake = _faker()
    texts = []
    for label in DOC_LABELS:
        for index in range(per_type):
            doc = make_doc(fake, doc_rng(seed, split, label, index), label)
            doc_id = f"{split}-{label}-{index:04d}"
            texts.append(
                LabelledText(
                    text=doc.plain_text(),
                    label=label,
                    doc_id=doc_id,
                    variant=doc.variant,
                    split=split,
                )
            )
    return texts


def _cached(out_dir: Path, wanted: dict[str, Any]) -> CorpusManifest | None:
    path = out_dir / MANIFEST
    if not path.exists() or not (out_dir / CORPUS).exists():
        return None
    try:
        manifest = CorpusManifest.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError:
        return None
    have = manifest.model_dump()
    return manifest if all(have[key] == value for key, value in wanted.items()) else None


def generate_corpus(
    out_dir: Path,
    *,
    seed: int = DEFAULT_SEED,
    per_type: int,
    heldout_per_type: int,
    workers: int,
    labels: Sequence[str] = DOC_LABELS,
    force: bool = False,
) -> CorpusManifest:
    """Build (or reuse from ``out_dir``) the corpus and return its manifest.

    A cached corpus is reused when its seed, sizes, labels and generator version
    match; it does not know what the reading stage was, so pass ``force`` after the
    OCR changed (the texts would differ).

    ``per_type`` training documents per type (``autre`` included), half born-digital
    and half captured, and ``heldout_per_type`` captured held-out documents per type,
    on ``workers`` processes (one Tesseract each).
    """
    wanted = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "per_type": per_type,
        "heldout_per_type": heldout_per_type,
        "labels": list(labels),
    }
    cached = None if force else _cached(out_dir, wanted)
    if cached is not None:
        log.info("corpus reused from %s (%d documents)", out_dir, cached.documents)
        return cached
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = plan(seed, per_type, heldout_per_type, labels)
    started = time.monotonic()
    log.info("generating %d documents on %d workers", len(jobs), workers)
    # fork: workers need no re-import of the caller's main module (spawn would).
    context = multiprocessing.get_context("fork")
    with context.Pool(max(1, workers), initializer=_init_worker) as pool:
        texts = []
        for done, text in enumerate(pool.imap(produce, jobs, chunksize=2), start=1):
            texts.append(text)
            if done % 100 == 0:
                log.info("%d/%d documents", done, len(jobs))
    manifest = write_corpus(
        out_dir,
        texts,
        seed=seed,
        per_type=per_type,
        heldout_per_type=heldout_per_type,
        labels=labels,
        seconds=time.monotonic() - started,
    )
    log.info("corpus of %d documents written to %s", manifest.documents, out_dir)
    return manifest


def write_corpus(
    out_dir: Path,
    texts: list[LabelledText],
    *,
    seed: int,
    per_type: int,
    heldout_per_type: int,
    labels: Sequence[str] = DOC_LABELS,
    seconds: float = 0.0,
) -> CorpusManifest:
    """Store ``texts`` as a corpus directory (JSONL, then manifest), both atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_jsonl(out_dir / CORPUS, texts)
    counts: dict[str, int] = {}
    for text in texts:
        counts[text.label] = counts.get(text.label, 0) + 1
    manifest = CorpusManifest(
        generator_version=GENERATOR_VERSION,
        seed=seed,
        per_type=per_type,
        heldout_per_type=heldout_per_type,
        labels=list(labels),
        scan_share=0.5,
        documents=len(texts),
        train=sum(1 for t in texts if t.split == "train"),
        heldout=sum(1 for t in texts if t.split == "heldout"),
        counts=counts,
        seconds=round(seconds, 1),
        corpus_file=CORPUS,
    )
    _write_atomic(out_dir / MANIFEST, manifest.model_dump_json(indent=2))
    return manifest


def load_corpus(corpus_dir: Path) -> list[LabelledText]:
    """The labelled texts of a generated corpus, in generation order."""
    path = corpus_dir / CORPUS
    with path.open(encoding="utf-8") as handle:
        return [LabelledText.model_validate(json.loads(line)) for line in handle if line.strip()]


def _write_jsonl(path: Path, texts: list[LabelledText]) -> None:
    _write_atomic(path, "".join(text.model_dump_json() + "\n" for text in texts))


def _write_atomic(path: Path, content: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(path)
