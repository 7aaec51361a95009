"""paperasse demo: demo accounts (one per role) and sample documents to look at."""

from __future__ import annotations

import argparse

from paperasse.cli.common import Subparsers, context
from paperasse.settings import Settings


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.demo import ensure_accounts, load_demo

    with context(settings) as ctx:
        created = ensure_accounts(ctx)
        if created:
            print("Comptes de démonstration créés (mots de passe affichés cette fois seulement) :")
            for a in created:
                print(f"  {a.role:<11} identifiant : {a.username:<11} mot de passe : {a.password}")
        else:
            print("Comptes de démonstration : déjà présents, mots de passe inchangés.")
        if args.sans_documents:
            return 0
        print("Préparation des documents d'exemple (quelques secondes)…")
        report = load_demo(ctx)
    if report.mail or report.dossier_id:
        print(f"  courrier : {len(report.mail)} document(s) déposé(s) et traité(s)")
        if report.dossier_id:
            pieces = len(report.dossier_files)
            print(f"  dossier du citoyen : /dossiers/{report.dossier_id} ({pieces} pièce(s))")
    else:
        print("  documents d'exemple : déjà présents, rien d'ajouté.")
    print(f"Ouvrez http://{settings.host}:{settings.port}/connexion après « paperasse serve ».")
    return 0


def register(sub: Subparsers) -> None:
    demo = sub.add_parser(
        "demo", help="créer des comptes de démonstration et des documents d'exemple"
    )
    demo.add_argument("--sans-documents", action="store_true", help="créer seulement les comptes")
    demo.set_defaults(handler=cmd_demo)
