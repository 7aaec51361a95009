"""Commands that take documents in and read them."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from paperasse.cli.common import Subparsers, context
from paperasse.cli.progress import wait_for_documents
from paperasse.errors import InputError
from paperasse.models.domain import Analysis
from paperasse.settings import Settings


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.archive.search import catch_up
    from paperasse.ingest.deposit import Depositor, check_service, deposit

    files = expand(args.paths)
    check_service(args.service)
    depositor = Depositor("cli", args.actor)
    refused, ids = 0, {}
    with context(settings) as ctx:
        for path in files:
            try:
                result = deposit(ctx, path.read_bytes(), path.name, depositor, service=args.service)
            except InputError as e:
                refused += 1
                print(f"refusé : {path} : {e.message}", file=sys.stderr)
                continue
            ids[result.document_id] = path
            if not result.created:
                print(f"déjà reçu : {path} ({result.document_id})", file=sys.stderr)
        if args.no_wait or not ids:
            for doc_id, path in ids.items():
                print(f"{doc_id}\ten attente\t{path}")
        else:
            failed = wait_for_documents(ctx, ids, workers=args.workers, quiet=args.quiet)
            refused += failed
            catch_up(ctx)
    return 2 if refused else 0


def expand(paths: Sequence[str]) -> list[Path]:
    """Files named, and the files inside folders named, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"« {raw} » n'existe pas ou n'est pas un fichier lisible.")
    return files


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    import os

    from paperasse.ingest.intake import validate
    from paperasse.ingest.sandbox import read_document

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    path = Path(args.file)
    if not path.is_file():
        raise InputError(f"« {args.file} » n'existe pas ou n'est pas un fichier lisible.")
    data = path.read_bytes()
    _, mime = validate(data, path.name, settings.max_upload_bytes)
    received = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    analysis = read_document(settings, data, mime, received=received)
    if args.json:
        body = analysis.model_dump(mode="json", exclude={"pages": {"__all__": {"words"}}})
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return 0
    print_reading(analysis)
    return 0


SOURCES = {"2d-doc": "code 2D-Doc", "mrz": "zone MRZ", "label": "libellé"}


def print_reading(analysis: Analysis) -> None:
    """Each page's text and quality, then the type and every field with its source."""
    for page in analysis.pages:
        if page.source == "text-layer":
            origin = "couche texte"
        else:
            confidence = f"{page.ocr_confidence:.0f} %" if page.ocr_confidence else "-"
            verdict = page.quality.verdict if page.quality else "-"
            origin = f"OCR {confidence}, {verdict}"
        print(f"--- page {page.number} ({origin}) ---\n{page.text}")
    if analysis.doc_type is not None:
        doc_type = analysis.doc_type
        review = " (à vérifier)" if doc_type.needs_review else ""
        print(f"--- type : {doc_type.label} {doc_type.confidence:.2f}{review}")
    for code in analysis.twoddocs:
        print(f"--- 2D-Doc : {code.document_label} : {code.status_reason or code.status}")
    for field in analysis.fields:
        source = SOURCES.get(field.source, field.source)
        print(f"{field.name} : {field.value} ({source}, {field.confidence:.2f})")


def register(sub: Subparsers) -> None:
    ingest = sub.add_parser("ingest", help="déposer et traiter des fichiers ou des dossiers")
    ingest.add_argument("paths", nargs="+", metavar="FICHIER_OU_DOSSIER")
    ingest.add_argument("--service", help="service d'origine (ex. urbanisme)")
    ingest.add_argument("--actor", default="cli", help="qui dépose, pour le journal d'audit")
    ingest.add_argument(
        "--no-wait",
        action="store_true",
        help="seulement mettre en file : un « paperasse serve » les traitera",
    )
    ingest.add_argument(
        "--workers", type=int, help="processus de traitement (défaut : un par cœur)"
    )
    ingest.add_argument("-q", "--quiet", action="store_true", help="sans barre de progression")
    ingest.set_defaults(handler=cmd_ingest)

    extract = sub.add_parser("extract", help="analyser un fichier sans rien enregistrer")
    extract.add_argument("file", metavar="FICHIER")
    extract.add_argument("--json", action="store_true", help="résultat complet en JSON")
    extract.add_argument("--date", help="date de réception AAAA-MM-JJ (défaut : aujourd'hui)")
    extract.set_defaults(handler=cmd_extract)
