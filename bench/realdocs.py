"""Reading real documents: type, holder, dates, page quality and 2D-Doc, file by file.

Runs every stage of ``paperasse extract`` (nothing stored) over a folder of files
named ``<expected_type>__<name>.<ext>`` (sub-folders included). Files named
``2ddoc__…`` are barcode samples: they have no expected type and count only for
the 2D-Doc total. With a truth file (``TRUTH.tsv`` in the folder, or ``--truth``),
a found holder is *right* when each of its names appears in what a person reads on
the document, *wrong* otherwise; a date is right when it appears there in one of
the usual spellings. Without one, holders and dates are only listed.

Usage:
    .venv/bin/python -m bench.realdocs DIR [--truth FILE] [--date YYYY-MM-DD] [--json]

A wrong name shown to a citizen is worse than none: "wrong" is the figure to keep at 0.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from paperasse.errors import PaperasseError
from paperasse.ingest.intake import validate
from paperasse.ingest.pipeline import StageEnv, analyze
from paperasse.models.domain import FRENCH_MONTHS, Analysis
from paperasse.settings import get_settings

SAMPLE_PREFIX = "2ddoc"
SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
# Words of labels and civilities: a "name" made only of these was read off a label.
NOT_NAMES = frozenset(
    {"DE", "DU", "DES", "LA", "LE", "LES", "ET", "AU", "AUX", "ABONNE", "ABONNEE", "CLIENT",
     "TITULAIRE", "NOM", "PRENOM", "PRENOMS", "MONSIEUR", "MADAME", "M", "MME", "MLLE", "MR"}
)  # fmt: skip
# A file's name prefix may be a family of types: any of them is right.
FAMILIES = {
    "justificatif_domicile": frozenset(
        {"facture_energie", "facture_eau", "facture_telecom", "quittance_loyer",
         "attestation_assurance_habitation"}
    ),
}  # fmt: skip
MONTHS_EN = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


@dataclass
class Row:
    """What the bench saw on one file."""

    file: str
    expected: str | None
    accepted: frozenset[str] = frozenset()
    found: str | None = None
    confidence: float | None = None
    holder: str | None = None
    holder_source: str | None = None
    holder_verdict: str = "-"
    expiry: str | None = None
    expiry_verdict: str = "-"
    dates_right: int = 0
    dates_wrong: int = 0
    quality: list[str] = field(default_factory=list)
    twoddoc: list[str] = field(default_factory=list)
    twoddoc_fields: int = 0
    fields: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None

    @property
    def type_right(self) -> bool:
        return self.found is not None and (
            self.found == self.expected or self.found in self.accepted
        )


def fold(text: str) -> str:
    """Upper case without accents, separators as spaces: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).upper()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def date_spellings(value: dt.date) -> set[str]:
    """How a date may be written on a document or an MRZ (folded like ``fold``)."""
    d, m, y = f"{value.day:02d}", f"{value.month:02d}", f"{value.year}"
    yy = f"{value.year % 100:02d}"
    month_fr = FRENCH_MONTHS[value.month - 1]
    spellings = {
        f"{d} {month_fr} {y}",
        f"{value.day} {month_fr} {y}",
        f"{d} {m} {y}",
        f"{y} {m} {d}",
        f"{yy}{m}{d}",
        f"{d}{m}{y}",
        f"{d} {MONTHS_EN[value.month - 1]} {yy}",
        f"{d} {MONTHS_EN[value.month - 1]} {y}",
    }
    return {fold(s) for s in spellings}


def judge_name(name: str, truth: str) -> str:
    """right when every word of the name is among the truth's words, else wrong."""
    words = set(fold(truth).split())
    parts = [p for p in fold(name).split() if len(p) > 1 and p not in NOT_NAMES]
    return "right" if parts and all(p in words for p in parts) else "wrong"


def judge_date(value: dt.date, truth: str) -> str:
    folded = f" {fold(truth)} "
    return "right" if any(f" {s} " in folded for s in date_spellings(value)) else "wrong"


@dataclass(frozen=True)
class Truth:
    """What a person reads on a file, and paperasse's label for it."""

    label: str | None
    text: str


def load_truth(path: Path | None) -> dict[str, Truth]:
    """file name -> its truth row (``label``, ``fields_read_by_eye``, ``holder`` if any)."""
    if path is None or not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return {
            Path(r["file"]).name: Truth(
                r.get("label") or None,
                " ".join(r.get(k) or "" for k in ("fields_read_by_eye", "holder")),
            )
            for r in reader
            if r.get("file")
        }


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def expected_type(path: Path) -> str | None:
    prefix = path.name.split("__", 1)[0] if "__" in path.name else None
    return None if prefix in (None, SAMPLE_PREFIX) else prefix


def measure(path: Path, truth: Truth | None, received: dt.date) -> Row:
    prefix = expected_type(path)
    expected = truth.label if truth and truth.label else prefix
    row = Row(file=path.name, expected=expected, accepted=FAMILIES.get(prefix or "", frozenset()))
    settings = get_settings()
    start = time.perf_counter()
    try:
        data = path.read_bytes()
        _, mime = validate(data, path.name, settings.max_upload_bytes)
        analysis = analyze(data, mime, StageEnv(settings, received, triage=False))
    except PaperasseError as e:
        row.error = e.message
        row.seconds = time.perf_counter() - start
        return row
    row.seconds = time.perf_counter() - start
    describe(row, analysis, truth.text if truth else None)
    return row


def describe(row: Row, analysis: Analysis, truth: str | None) -> None:
    if analysis.doc_type is not None:
        row.found, row.confidence = analysis.doc_type.label, analysis.doc_type.confidence
    if analysis.holder is not None:
        row.holder, row.holder_source = analysis.holder.full_name, analysis.holder.source
        if truth is not None:
            row.holder_verdict = judge_name(analysis.holder.full_name, truth)
    elif truth is not None:
        row.holder_verdict = "abstained"
    if analysis.expiry_date is not None:
        row.expiry = analysis.expiry_date.isoformat()
        if truth is not None:
            row.expiry_verdict = judge_date(analysis.expiry_date, truth)
    row.quality = [p.quality.verdict if p.quality else p.source for p in analysis.pages]
    row.twoddoc = [f"{d.document_type}:{d.status}" for d in analysis.twoddocs]
    row.twoddoc_fields = sum(len(d.fields) for d in analysis.twoddocs)
    row.fields = {f.name: f"{f.value} ({f.source})" for f in analysis.fields}
    if truth is not None:
        for read in analysis.fields:
            if read.name.endswith("_date"):
                verdict = judge_date(dt.date.fromisoformat(read.value), truth)
                row.dates_right += verdict == "right"
                row.dates_wrong += verdict == "wrong"


def print_rows(rows: list[Row]) -> None:
    for r in rows:
        found = f"{r.found} {r.confidence:.2f}" if r.found and r.confidence is not None else "-"
        print(f"{r.file}")
        print(
            f"  type {r.expected or '(sample)'} -> {found}"
            f"{'  OK' if r.type_right else ''}   {r.seconds:.1f} s"
        )
        if r.error:
            print(f"  refused: {r.error}")
            continue
        holder = f"{r.holder} [{r.holder_source}]" if r.holder else "none"
        expiry = f"{r.expiry or '-'} ({r.expiry_verdict})"
        print(f"  holder {holder} ({r.holder_verdict})   expiry {expiry}")
        print(f"  quality {', '.join(r.quality) or '-'}   2D-Doc {', '.join(r.twoddoc) or '-'}")
        for name, value in r.fields.items():
            print(f"    {name}: {value}")


def totals(rows: list[Row]) -> dict[str, object]:
    typed = [r for r in rows if r.expected is not None]
    samples = [r for r in rows if r.expected is None]
    verdicts = [r.holder_verdict for r in rows]
    return {
        "types_right": f"{sum(r.type_right for r in typed)}/{len(typed)}",
        "holders_right": verdicts.count("right"),
        "holders_abstained": verdicts.count("abstained"),
        "holders_wrong": verdicts.count("wrong"),
        "expiry_right": sum(r.expiry_verdict == "right" for r in rows),
        "expiry_wrong": sum(r.expiry_verdict == "wrong" for r in rows),
        "field_dates_right": sum(r.dates_right for r in rows),
        "field_dates_wrong": sum(r.dates_wrong for r in rows),
        "unreadable_pages": sum(
            sum(q not in ("lisible", "text-layer", "ocr") for q in r.quality) for r in rows
        ),
        "barcodes_decoded": f"{sum(bool(r.twoddoc) and r.twoddoc_fields > 0 for r in samples)}"
        f"/{len(samples)}",
        "barcodes_test_authority": sum(
            any(s.endswith(":autorite_test") for s in r.twoddoc) for r in samples
        ),
        "seconds_total": round(sum(r.seconds for r in rows), 1),
        "seconds_max": round(max((r.seconds for r in rows), default=0.0), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--truth", type=Path, help="TSV with file and fields_read_by_eye")
    parser.add_argument("--date", help="day of receipt YYYY-MM-DD (default: today)")
    parser.add_argument("--json", action="store_true", help="rows and totals as JSON")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    truth = load_truth(args.truth or args.folder / "TRUTH.tsv")
    received = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    rows = [
        measure(p, truth.get(p.name) if truth else None, received) for p in files_in(args.folder)
    ]
    summary = totals(rows)
    if args.json:
        print(json.dumps({"rows": [asdict(r) for r in rows], "totals": summary}, indent=2))
        return 0
    print_rows(rows)
    print("\ntotals")
    for key, value in summary.items():
        print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
