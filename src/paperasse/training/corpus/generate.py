"""Generate the labelled training corpus, render it, scan half of it, OCR the scans.

Every document is a function of (seed, split, type, index) alone, so the corpus is
the same on every machine with the same Tesseract. The held-out split uses its own
seed stream ("heldout") and is always scanned and OCRed: it measures what the town
hall will see, OCR noise included. The result is cached as ``corpus.jsonl`` plus
``manifest.json`` under the directory passed in.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperasse.training.corpus.render import degrade, draw_style, pdf_text, rasterise, render_pdf
from paperasse.training.corpus.templates import doc_rng, make_doc
from paperasse.training.corpus.types import DOC_TYPES, CorpusManifest, LabelledText, Split

log = logging.getLogger(__name__)

GENERATOR_VERSION = 1
"""Bump when templates or rendering change, so cached corpora are regenerated."""

DEFAULT_SEED = 20261122
SCAN_DPIS = (200, 200, 250, 300)
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


def ocr_image(image: Any) -> str:
    """French OCR of one page image with the real Tesseract."""
    import pytesseract

    return str(pytesseract.image_to_string(image, lang="fra"))


def produce(job: Job) -> LabelledText:
    """Generate, render and (for scans) degrade and OCR one document."""
    rng = doc_rng(job.seed, job.split, job.label, job.index)
    doc = make_doc(_faker(), rng, job.label)
    data = render_pdf(doc, draw_style(rng, doc))
    if job.scan:
        # Small cards at low resolution become unreadable: scan them at 300 dpi.
        pages = rasterise(data, 300 if doc.page == "card" else rng.choice(SCAN_DPIS))
        text = "\n".join(ocr_image(degrade(page, rng)) for page in pages)
    else:
        text = pdf_text(data)
    return LabelledText(
        text=text,
        label=job.label,
        doc_id=f"{job.split}-{job.label}-{job.index:04d}",
        variant=doc.variant,
        source="scan" if job.scan else "digital",
        split=job.split,
    )


def plan(
    seed: int, per_type: int, heldout_per_type: int, labels: Sequence[str] = DOC_TYPES
) -> list[Job]:
    """Every document of the corpus: odd training indices and all held-out ones are scans."""
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
    for label in DOC_TYPES:
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
    labels: Sequence[str] = DOC_TYPES,
) -> CorpusManifest:
    """Build (or reuse from ``out_dir``) the corpus and return its manifest.

    ``per_type`` training documents per type, half born-digital and half scanned,
    and ``heldout_per_type`` scanned held-out documents per type, on ``workers``
    processes (one Tesseract each).
    """
    wanted = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "per_type": per_type,
        "heldout_per_type": heldout_per_type,
        "labels": list(labels),
    }
    cached = _cached(out_dir, wanted)
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
    labels: Sequence[str] = DOC_TYPES,
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
