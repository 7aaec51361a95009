"""``paperasse rgpd``: what the town holds on a person, its copy, its erasure."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from paperasse.archive.search import catch_up
from paperasse.cli.common import Subparsers, context
from paperasse.errors import InputError
from paperasse.records import rgpd
from paperasse.records.rgpd_export import export
from paperasse.settings import Settings


def _find(args: argparse.Namespace, settings: Settings) -> tuple[rgpd.Found, str]:
    try:
        born = dt.date.fromisoformat(args.birth_date) if args.birth_date else None
    except ValueError as e:
        raise InputError(f"Date de naissance invalide : « {args.birth_date} » (AAAA-MM-JJ).") from e
    with context(settings) as ctx:
        found = rgpd.find(ctx, args.name, birth_date=born, account=args.account)
    return found, args.name or args.account


def cmd_find(args: argparse.Namespace, settings: Settings) -> int:
    found, _ = _find(args, settings)
    if args.json:
        print(json.dumps(found.__dict__, ensure_ascii=False, indent=2))
        return 0
    for doc_id, reasons in found.documents.items():
        print(f"document:{doc_id}\t{', '.join(reasons)}")
    for dossier_id, reasons in found.dossiers.items():
        print(f"dossier:{dossier_id}\t{', '.join(reasons)}")
    for username in found.accounts:
        print(f"compte:{username}")
    print(
        f"{len(found.documents)} document(s), {len(found.dossiers)} dossier(s), "
        f"{len(found.accounts)} compte(s), {len(found.audit_events)} événement(s) du journal"
    )
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    found, who = _find(args, settings)
    with context(settings) as ctx:
        data = export(ctx, found, who)
    Path(args.out).write_bytes(data)
    print(f"{args.out} : {len(found.documents)} document(s)")
    return 0


def cmd_erase(args: argparse.Namespace, settings: Settings) -> int:
    found, _ = _find(args, settings)
    if not args.yes:
        print("Sans --yes, rien n'est effacé. Seraient examinés :")
        return cmd_find(args, settings)
    with context(settings) as ctx:
        result = rgpd.erase(ctx, "cli", found, account=bool(args.account))
        catch_up(ctx)
    for target in result.erased:
        print(f"effacé\t{target}")
    for target, reason in result.refused.items():
        print(f"refusé\t{target}\t{reason}")
    print(
        f"demande {result.request} : {len(result.erased)} effacé(s), "
        f"{len(result.refused)} refusé(s) ; {result.kept_events} événement(s) du journal "
        "conservés (obligation de traçabilité)"
    )
    return 0


def register(sub: Subparsers) -> None:
    rgpd_parser = sub.add_parser("rgpd", help="droits RGPD : accès, copie, effacement")
    cmds = rgpd_parser.add_subparsers(dest="rgpd_command", required=True, metavar="ACTION")
    for name, handler, help_text in (
        ("find", cmd_find, "ce qui est détenu sur une personne"),
        ("export", cmd_export, "la copie de ses données (zip, résumé en français)"),
        ("erase", cmd_erase, "effacer ce qu'aucune obligation ne protège"),
    ):
        parser = cmds.add_parser(name, help=help_text)
        parser.set_defaults(handler=handler)
        parser.add_argument("--name", help="« NOM Prénom »")
        parser.add_argument("--birth-date", help="date de naissance (AAAA-MM-JJ)")
        parser.add_argument("--account", help="nom du compte de la personne")
        parser.add_argument("--json", action="store_true")
        if name == "export":
            parser.add_argument("--out", required=True, help="fichier zip à écrire")
        if name == "erase":
            parser.add_argument("--yes", action="store_true", help="effacer pour de bon")
