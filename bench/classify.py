"""Benchmark the document-type classifier on scanned-and-OCRed held-out documents.

    .venv/bin/python -m bench.classify [--corpus .corpus] [--workers 1]

Generates (or reuses) the corpus, trains on its training split, then prints
macro-F1 and the per-type table on the held-out split (every held-out document
was rendered, then scanned or photographed and read by the pipeline's text stage;
``autre`` is the negatives), with and without the layout cues, the training time,
the model file size and the prediction latency per document (mean and p95).
Goals: macro-F1 >= 0.95 on the held-out captures, prediction < 10 ms per document.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

from paperasse.classify.model import classify_text, load_model, save_model
from paperasse.classify.model.core import DocTypeModel
from paperasse.training.corpus import DEFAULT_SEED, generate_corpus, load_corpus
from paperasse.training.doctype_eval import evaluate, format_report
from paperasse.training.doctype_train import train

GOAL_MACRO_F1 = 0.95
GOAL_LATENCY_MS = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(".corpus"))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--per-type", type=int, default=48)
    parser.add_argument("--heldout-per-type", type=int, default=15)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("fontTools").setLevel(logging.WARNING)

    started = time.monotonic()
    manifest = generate_corpus(
        args.corpus,
        seed=args.seed,
        per_type=args.per_type,
        heldout_per_type=args.heldout_per_type,
        workers=args.workers,
    )
    print(
        f"corpus: {manifest.documents} documents ({manifest.train} train, "
        f"{manifest.heldout} held-out scans), ready in {time.monotonic() - started:.0f} s "
        f"(generated in {manifest.seconds:.0f} s)"
    )

    texts = load_corpus(args.corpus)
    training = [t for t in texts if t.split == "train"]
    heldout = [t for t in texts if t.split == "heldout"]
    started = time.monotonic()
    model = train(training)
    train_seconds = time.monotonic() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doctype.pkl.gz"
        save_model(model, path)
        size = path.stat().st_size
        model = load_model(path)

    report = evaluate(model, heldout)
    print(format_report(report))
    blind = evaluate(model, heldout, use_cues=False)
    print(f"sans indices de mise en page (MRZ, 2D-Doc, format) : macro-F1 {blind.macro_f1:.4f}")
    latencies = _latencies(model, [t.text for t in heldout])
    mean = statistics.fmean(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print()
    print(f"training: {train_seconds:.1f} s on {len(training)} documents (calibration included)")
    print(f"model file: {size / 1e6:.2f} MB")
    print(f"prediction per document: mean {mean:.2f} ms, p95 {p95:.2f} ms ({len(latencies)} docs)")
    f1_verdict = "met" if report.macro_f1 >= GOAL_MACRO_F1 else "NOT met"
    latency_verdict = "met" if p95 < GOAL_LATENCY_MS else "NOT met"
    print(f"goal macro-F1 >= {GOAL_MACRO_F1}: {f1_verdict} ({report.macro_f1:.4f})")
    print(f"goal prediction < {GOAL_LATENCY_MS} ms: {latency_verdict} (p95 {p95:.2f} ms)")


def _latencies(model: DocTypeModel, texts: list[str]) -> list[float]:
    classify_text(texts[0], model)  # warm caches (feature names, character folding)
    times = []
    for text in texts:
        started = time.perf_counter()
        classify_text(text, model)
        times.append((time.perf_counter() - started) * 1000)
    return times


if __name__ == "__main__":
    main()
