"""Labelled fields read on real documents, file by file, with the right type given.

Runs the text stage (``extract_pages``: text layer or OCR) and ``read_fields`` with the
type of each file, taken from the truth file's ``label`` column when there is one,
else from the file name (``<type>__<name>.<ext>``), over a folder of real documents.
Prints every field read with its confidence and, with a truth file, judges names and
dates as ``bench.realdocs`` does (a name is right when each of its words is among what
a person reads on the document, a date when one of its usual spellings is, French
month names included). A truth that does not mention a field (a CERFA's given name)
makes it count as wrong: read the listing before believing the total. What was
left out is listed too: leaving out is right when a person reads nothing there.

Usage:
    .venv/bin/python -m bench.layout DIR [--truth FILE] [--date YYYY-MM-DD]

A wrong name is worse than none: "wrong" is the figure to keep at 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from bench.realdocs import expected_type, files_in, fold, judge_date, judge_name, load_truth
from paperasse.errors import PaperasseError
from paperasse.ingest.intake import validate
from paperasse.models.domain import FRENCH_MONTHS, ReadField
from paperasse.reading.layout import read_fields
from paperasse.reading.layout.read import spec_for
from paperasse.reading.text import extract_pages
from paperasse.settings import get_settings

NAMES = {"surname", "given_names", "full_name", "spouse_1", "spouse_2", "landlord"}


def verdict(field: ReadField, truth: str | None) -> str:
    """right / wrong for names and dates against what a person reads, else '-'."""
    if truth is None:
        return "-"
    if field.name in NAMES:
        return judge_name(field.value, truth)
    if field.name.endswith("_date"):
        value = dt.date.fromisoformat(field.value)
        month = FRENCH_MONTHS[value.month - 1]
        spelled = {fold(f"{d} {month} {value.year}") for d in (value.day, f"{value.day:02d}")}
        if any(f" {s} " in f" {fold(truth)} " for s in spelled):
            return "right"
        return judge_date(value, truth)
    return "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--truth", type=Path, default=None)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    truths = load_truth(args.truth or args.folder / "TRUTH.tsv")
    settings = get_settings()
    totals = {"right": 0, "wrong": 0, "-": 0}
    for path in files_in(args.folder):
        prefix = expected_type(path)
        if prefix is None:
            continue
        truth = truths.get(path.name)
        doc_type = truth.label if truth and truth.label else prefix
        start = time.perf_counter()
        try:
            data = path.read_bytes()
            _, mime = validate(data, path.name, settings.max_upload_bytes)
            pages = extract_pages(data, mime)
        except PaperasseError as e:
            print(f"{path.name}\n  error: {e.message}")
            continue
        read_start = time.perf_counter()
        fields = read_fields(doc_type, pages, today=args.date)
        seconds = time.perf_counter() - read_start
        print(f"{path.name}  [{doc_type}]  text {read_start - start:.1f} s, fields {seconds:.2f} s")
        for field in fields:
            judged = verdict(field, truth.text if truth else None)
            totals[judged] += 1
            print(f"  {field.name:24} {field.value!r:50} {field.confidence:.2f}  {judged}")
        missing = [
            f.name for f in spec_for(doc_type).fields if f.name not in {x.name for x in fields}
        ]
        print(f"  left out: {', '.join(missing) or '-'}")
    print(f"\nnames and dates: {totals['right']} right, {totals['wrong']} wrong; "
          f"{totals['-']} other fields")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
