"""OCR benchmark: our text stage against plain Tesseract and OCRmyPDF, same pages, same run.

    .venv/bin/python -m bench.ocr --pages 40

Pages come from ``bench.scans`` (seeded, scan-like French administrative pages with
their source text). Every contender uses all cores:

- ours: ``extract_pages`` over the PNG scans (and over the same scans as PDFs), one
  process per core, each with OMP_THREAD_LIMIT=1;
- tesseract: ``tesseract IMG out -l fra`` page by page, one process per core with
  OMP_THREAD_LIMIT=1 (its best setting here); its default threading, one page at a
  time, is shown for reference;
- ocrmypdf: ``ocrmypdf -l fra --jobs CORES`` on all scans merged in one PDF, plain
  and with ``--rotate-pages`` (we right turned pages, so that is the fair match);
- born-digital PDFs through our pipeline (text layer, no OCR).

Character accuracy is 1 - Levenshtein distance / source length, on whitespace-folded
text. Timings include process start-up but not corpus generation.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from bench.scans import make_corpus

ROUNDS = 4
GOALS = {"ours/tesseract": 0.9, "ours/ocrmypdf": 1.5, "born-digital/ours": 20.0}


@dataclass
class Run:
    """One contender's timing and, when its text is known, its accuracy."""

    name: str
    pages: int
    seconds: float
    accuracy: float | None = None

    @property
    def per_minute(self) -> float:
        return self.pages * 60.0 / self.seconds


def fold(text: str) -> str:
    """Collapse whitespace runs so that layout spacing does not count as errors."""
    return re.sub(r"\s+", " ", text).strip()


def levenshtein(a: str, b: str) -> int:
    """Edit distance, one numpy row at a time (insertions by a running minimum)."""
    if not a or not b:
        return max(len(a), len(b))
    bs = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    cols = np.arange(len(b) + 1, dtype=np.int64)
    row = cols.copy()
    a_codes = np.frombuffer(a.encode("utf-32-le"), dtype=np.uint32)
    for i, code in enumerate(a_codes, start=1):
        subst = row[:-1] + (bs != code)
        deleted = row[1:] + 1
        best = np.minimum(subst, deleted)
        new = np.empty_like(row)
        new[0] = i
        new[1:] = best
        # insertions: new[j] = min_k (new[k] + j - k)
        new = np.minimum.accumulate(new - cols) + cols
        row = new
    return int(row[-1])


def accuracy(ocr: Sequence[str], sources: Sequence[str]) -> float:
    """Character accuracy over a set of pages, weighted by source length."""
    errors = total = 0
    for got, want in zip(ocr, sources, strict=True):
        got, want = fold(got), fold(want)
        errors += min(levenshtein(got, want), len(want))
        total += len(want)
    return 1.0 - errors / total if total else 0.0


def _init_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _ours(job: tuple[str, str]) -> str:
    from paperasse.reading.text import extract_pages

    path, mime = job
    pages = extract_pages(Path(path).read_bytes(), mime)
    return "\n".join(p.text for p in pages)


def _warm(_: int) -> None:
    import paperasse.reading.text  # noqa: F401


def run_ours(
    pool: ProcessPoolExecutor, name: str, jobs: list[tuple[str, str]]
) -> tuple[Run, list[str]]:
    start = time.perf_counter()
    texts = list(pool.map(_ours, jobs))
    return Run(name, len(jobs), time.perf_counter() - start), texts


def run_tesseract(images: list[str], out: Path, workers: int, env: dict[str, str]) -> float:
    def one(image: str) -> None:
        base = out / Path(image).stem
        subprocess.run(
            ["tesseract", image, str(base), "-l", "fra"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as threads:
        list(threads.map(one, images))
    return time.perf_counter() - start


def compare_interleaved(
    pool: ProcessPoolExecutor,
    pngs: list[str],
    sources: list[str],
    tmp: Path,
    cores: int,
    env: dict[str, str],
) -> tuple[Run, Run]:
    """Time ours and plain tesseract on the PNGs in alternating rounds.

    The machine is shared: running one contender after the other lets a change of
    load favour one of them. Alternating rounds of a few pages spreads it evenly.
    """
    ours_secs = tess_secs = 0.0
    ours_texts: dict[str, str] = {}
    for index in range(ROUNDS):
        chunk = pngs[index::ROUNDS]
        if not chunk:
            continue
        steps = ["ours", "tess"] if index % 2 == 0 else ["tess", "ours"]
        for step in steps:
            if step == "ours":
                run, texts = run_ours(pool, "", [(p, "image/png") for p in chunk])
                ours_secs += run.seconds
                ours_texts.update(zip(chunk, texts, strict=True))
            else:
                tess_secs += run_tesseract(chunk, tmp, cores, env)
    tess_texts = [(tmp / f"{Path(p).stem}.txt").read_text("utf-8") for p in pngs]
    ours = Run(
        f"ours extract_pages PNG ({cores} procs)",
        len(pngs),
        ours_secs,
        accuracy([ours_texts[p] for p in pngs], sources),
    )
    tess = Run(
        f"tesseract CLI, OMP_THREAD_LIMIT=1 ({cores} procs)",
        len(pngs),
        tess_secs,
        accuracy(tess_texts, sources),
    )
    return ours, tess


def merge_pdfs(paths: list[str], target: Path) -> None:
    merged = pdfium.PdfDocument.new()
    for path in paths:
        merged.import_pages(pdfium.PdfDocument(path))
    merged.save(str(target))


def run_ocrmypdf(source: Path, out: Path, cores: int, extra: list[str]) -> tuple[float, list[str]]:
    sidecar = out.with_suffix(".txt")
    start = time.perf_counter()
    command = ["ocrmypdf", "-q", "-l", "fra", "--jobs", str(cores), *extra]
    subprocess.run([*command, "--sidecar", str(sidecar), str(source), str(out)], check=True)
    seconds = time.perf_counter() - start
    return seconds, sidecar.read_text("utf-8").split("\f")


def table(runs: list[Run]) -> str:
    lines = [f"{'contender':<44}{'pages':>6}{'seconds':>9}{'pages/min':>11}{'accuracy':>10}"]
    for r in runs:
        acc = f"{r.accuracy:.4f}" if r.accuracy is not None else "-"
        lines.append(f"{r.name:<44}{r.pages:>6}{r.seconds:>9.1f}{r.per_minute:>11.1f}{acc:>10}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="OCR speed and accuracy against peers")
    parser.add_argument("--pages", type=int, default=40, help="scan-like pages to OCR")
    parser.add_argument("--digital", type=int, default=40, help="born-digital pages")
    parser.add_argument("--data", type=Path, default=Path("bench/data/scans"))
    parser.add_argument(
        "--reference-pages",
        type=int,
        default=8,
        help="pages for the default-threading tesseract reference",
    )
    parser.add_argument("--no-ocrmypdf", action="store_true")
    args = parser.parse_args(argv)

    cores = os.cpu_count() or 1
    print(f"generating/reusing {args.pages} scans + {args.digital} born-digital pages...")
    samples = make_corpus(args.data, scans=args.pages, digital=args.digital)
    scans = [s for s in samples if s.kind == "scan"]
    digital = [s for s in samples if s.kind == "digital"]
    sources = [s.text for s in scans]
    pngs = [s.png for s in scans if s.png]
    runs: list[Run] = []
    ratios: dict[str, float] = {}

    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp_name:
        tmp = Path(tmp_name)
        single = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        default = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
        run_tesseract(pngs[:1], tmp, 1, single)  # warm the page cache with the models

        with ProcessPoolExecutor(cores, initializer=_init_worker) as pool:
            list(pool.map(_warm, range(cores)))
            ours, tess = compare_interleaved(pool, pngs, sources, tmp, cores, single)
            runs += [ours, tess]
            ours_pdf, texts = run_ours(
                pool,
                f"ours extract_pages scan PDF ({cores} procs)",
                [(s.pdf, "application/pdf") for s in scans],
            )
            ours_pdf.accuracy = accuracy(texts, sources)
            runs.append(ours_pdf)
            born, texts = run_ours(
                pool,
                f"ours born-digital PDF ({cores} procs)",
                [(s.pdf, "application/pdf") for s in digital],
            )
            born.accuracy = accuracy(texts, [s.text for s in digital])
            runs.append(born)

        ref = pngs[: args.reference_pages]
        runs.append(
            Run(
                "tesseract CLI, default threads (1 proc, ref.)",
                len(ref),
                run_tesseract(ref, tmp, 1, default),
            )
        )

        if not args.no_ocrmypdf and shutil.which("ocrmypdf"):
            merged = tmp / "scans.pdf"
            merge_pdfs([s.pdf for s in scans], merged)
            for label, extra in [("", []), (" --rotate-pages", ["--rotate-pages"])]:
                secs, pages_text = run_ocrmypdf(merged, tmp / f"out{len(extra)}.pdf", cores, extra)
                acc = accuracy(pages_text[: len(sources)], sources)
                runs.append(Run(f"ocrmypdf --jobs {cores}{label}", len(scans), secs, acc))
            rotate = runs[-1]
            ratios["ours/ocrmypdf"] = ours_pdf.per_minute / rotate.per_minute
        ratios["ours/tesseract"] = ours.per_minute / tess.per_minute
        ratios["born-digital/ours"] = born.per_minute / ours_pdf.per_minute

    print(table(runs))
    print()
    print("ratios (ours from PDFs vs ocrmypdf --rotate-pages; PNGs vs tesseract):")
    for key, value in ratios.items():
        verdict = "ok" if value >= GOALS[key] else "below goal"
        print(f"  {key:<20}{value:>8.2f}   goal >= {GOALS[key]:<5} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
