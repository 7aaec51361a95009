"""``paperasse check``: tell what a set of files lacks for a procedure, storing nothing;
``paperasse procedures``: the catalogue of procedures and their pieces."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperasse.checks import (
    DEFAULT_MIN_OCR_CONFIDENCE,
    Procedure,
    format_date_fr,
    get_procedure,
    load_catalogue,
    type_label,
)
from paperasse.cli.common import Subparsers
from paperasse.errors import InputError
from paperasse.settings import Settings

if TYPE_CHECKING:
    from paperasse.dossiers.files import FileCheck

MARKS = {"missing": "✗", "invalid": "✗", "warning": "!"}
FOR_WHOM = {
    "demandeur": "le demandeur",
    "chaque_partenaire": "chaque partenaire",
    "chaque_majeur_du_foyer": "chaque majeur du foyer",
    "enfant": "chaque enfant",
}


def _date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as e:
        raise InputError(f"Date invalide : « {text} » (attendu AAAA-MM-JJ).") from e


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.dossiers.files import check_files

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    procedure = get_procedure(args.procedure)  # before the slow part: unknown ids fail at once
    result = check_files(
        procedure,
        [Path(p) for p in args.files],
        settings,
        today=_date(args.date),
        applicant=args.applicant,
        partners=args.partner or [],
        household_adults=args.adult or [],
        children=args.child or [],
        min_ocr_confidence=args.min_ocr_confidence,
    )
    documents = [
        {
            "file": d.id,
            "doc_type": d.doc_type,
            "holder": d.holder.full_name if d.holder else None,
            "issue_date": d.issue_date.isoformat() if d.issue_date else None,
            "expiry_date": d.expiry_date.isoformat() if d.expiry_date else None,
        }
        for d in result.documents
    ]
    if args.json:
        body = {
            "procedure": procedure.id,
            "applicant": result.applicant,
            "complete": result.check.complete,
            "findings": [
                f.model_dump(include={"code", "severity", "piece", "document", "hint", "person"})
                for f in result.check.findings
            ],
            "documents": documents,
        }
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return 0
    _print_summary(procedure, documents, result)
    return 0


def _print_summary(
    procedure: Procedure, documents: list[dict[str, Any]], result: FileCheck
) -> None:
    inferred = " (lu sur les documents)" if result.applicant_inferred else ""
    print(f"Démarche : {procedure.title} ({procedure.id})")
    print(f"Demandeur : {result.applicant}{inferred}")
    print("Documents :")
    for doc in documents:
        known = doc["doc_type"] != "autre"
        parts = [type_label(doc["doc_type"]) if known else "type non reconnu"]
        if doc["holder"]:
            parts.append(f"au nom de {doc['holder']}")
        if doc["issue_date"]:
            parts.append(f"du {format_date_fr(dt.date.fromisoformat(doc['issue_date']))}")
        print(f"  - {doc['file']} : {', '.join(parts)}")
    findings = result.check.findings
    if result.check.complete:
        print("Dossier complet." + (" Remarques :" if findings else ""))
    else:
        blocking = sum(1 for f in findings if f.severity != "warning")
        print(f"Dossier incomplet : {blocking} point(s) à régler.")
    for finding in findings:
        print(f"  {MARKS[finding.severity]} {finding.hint}")


def cmd_procedures(args: argparse.Namespace, settings: Settings) -> int:

    chosen = [get_procedure(args.id)] if args.id else list(load_catalogue().values())
    if args.json:
        body = [p.model_dump(mode="json") for p in chosen]
        print(json.dumps(body if not args.id else body[0], ensure_ascii=False, indent=2))
        return 0
    for procedure in chosen:
        service = procedure.service
        print(f"{procedure.id} : {procedure.title} (service {service})")
        if not args.id:
            continue
        print(f"  {procedure.description}\n  {procedure.reference}")
        for piece in procedure.pieces:
            need = "obligatoire" if piece.required else f"facultative ({piece.condition or '-'})"
            types = ", ".join(type_label(t) for t in piece.accepted_types)
            print(f"  - {piece.label} [{need}, pour {FOR_WHOM[piece.for_whom]}] : {types}")
    return 0


def register(sub: Subparsers) -> None:
    check = sub.add_parser(
        "check", help="dire ce qui manque à des fichiers pour une démarche (rien n'est enregistré)"
    )
    check.add_argument("--procedure", required=True, help="identifiant de la démarche (ex. pacs)")
    check.add_argument("files", nargs="+", metavar="FICHIER")
    check.add_argument(
        "--applicant", help="« NOM Prénom » du demandeur (défaut : lu sur les pièces)"
    )
    check.add_argument("--partner", action="append", help="partenaire (PACS, mariage), répétable")
    check.add_argument("--adult", action="append", help="autre majeur du foyer, répétable")
    check.add_argument("--child", action="append", help="enfant concerné, répétable")
    check.add_argument("--date", help="date de dépôt AAAA-MM-JJ (défaut : aujourd'hui)")
    check.add_argument(
        "--min-ocr-confidence",
        type=float,
        default=DEFAULT_MIN_OCR_CONFIDENCE,
        help="confiance OCR moyenne minimale d'une page lisible (0-100)",
    )
    check.add_argument("--json", action="store_true", help="résultat en JSON")
    check.set_defaults(handler=cmd_check)

    procedures = sub.add_parser("procedures", help="lister les démarches et leurs pièces")
    procedures.add_argument("id", nargs="?", help="détailler une démarche")
    procedures.add_argument("--json", action="store_true", help="résultat en JSON")
    procedures.set_defaults(handler=cmd_procedures)
