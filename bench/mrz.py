"""Read the MRZ on every page of a folder of documents, and time it.

For each page (PDFs rendered at 300 dpi, images decoded upright in grayscale):
which MRZ ``read_mrz`` reads, its fields, its document-type hint and the seconds it
took (wall clock, and CPU including Tesseract's: on a shared machine the wall clock
follows the load). With ``--words`` the page is first OCRed as the pipeline does
and its words are passed along (the OCR time is not counted). With a ``TRUTH.tsv`` in the folder
(columns ``file`` and ``fields_read_by_eye``), a read MRZ is *right* when each of
its lines, fillers trimmed, appears in what a person reads on the document.

Usage:
    .venv/bin/python -m bench.mrz DIR [--words] [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from paperasse.reading.images import iter_image_pages
from paperasse.reading.mrz import document_type_hint, mrz_fields, read_mrz
from paperasse.reading.ocr import ocr_page
from paperasse.reading.pdf import open_pdf, render_page

SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
MAX_PAGES = 20
MAX_PIXELS = 60_000_000


def pages_of(path: Path) -> Iterator[Image.Image]:
    """The pages of a file as upright grayscale images."""
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf":
        doc = open_pdf(data, max_pages=MAX_PAGES)
        for index in range(len(doc)):
            yield render_page(doc, index, dpi=300, max_pixels=MAX_PIXELS)[0]
    else:
        for image, _ in iter_image_pages(data, max_pages=MAX_PAGES, max_pixels=MAX_PIXELS):
            yield image


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (Tesseract runs in one)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def load_truth(folder: Path) -> dict[str, str]:
    path = folder / "TRUTH.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["file"]: row["fields_read_by_eye"] for row in csv.DictReader(handle, delimiter="\t")
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--words", action="store_true", help="pass the page's OCR words")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    truth = load_truth(args.folder)
    with_mrz: list[float] = []
    without: list[float] = []
    right = wrong = 0
    files = sorted(p for p in args.folder.iterdir() if p.suffix.lower() in SUFFIXES)
    for path in files:
        for number, page in enumerate(pages_of(path), start=1):
            words = ocr_page(page, number=number).words if args.words else None
            started, cpu_started = time.perf_counter(), cpu_seconds()
            result = read_mrz(page, words, page=number, today=args.date)
            seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
            (with_mrz if result else without).append((seconds, cpu))
            spent = f"{seconds:.2f} s, CPU {cpu:.2f} s"
            if result is None:
                print(f"{path.name} p{number}: no MRZ ({spent})")
                continue
            seen = truth.get(path.name)
            verdict = ""
            if seen is not None:
                ok = all(line.rstrip("<") in seen for line in result.lines)
                right, wrong = right + ok, wrong + (not ok)
                verdict = " right" if ok else " WRONG"
            print(
                f"{path.name} p{number}: {result.format}{verdict} ({spent}) "
                f"hint={document_type_hint(result)} confirmed={result.confirmed}"
            )
            for line in result.lines:
                print(f"    {line}")
            for field in mrz_fields(result, number):
                print(f"    {field.name} = {field.value} ({field.confidence})")
    for label, times in (("with an MRZ", with_mrz), ("without", without)):
        if times:
            walls, cpus = [t[0] for t in times], [t[1] for t in times]
            print(f"pages {label}: {len(times)}; wall median {statistics.median(walls):.2f} s, "
                  f"max {max(walls):.2f} s; CPU median {statistics.median(cpus):.2f} s, "
                  f"max {max(cpus):.2f} s")  # fmt: skip
    if truth:
        print(f"MRZs read: {right} right, {wrong} wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main())
