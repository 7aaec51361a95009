"""The ``paperasse`` command: parses arguments and calls the same services as the API.

Errors print one line in French and exit non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from paperasse.errors import InputError, PaperasseError
from paperasse.settings import Settings, get_settings

log = logging.getLogger("paperasse")

Handler = Callable[[argparse.Namespace, Settings], int]


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from paperasse.api.app import create_app

    host = args.host or settings.host
    port = args.port or settings.port
    print(f"paperasse écoute sur http://{host}:{port} (données : {settings.data_dir})")
    uvicorn.run(create_app(settings), host=host, port=port, log_level=settings.log_level.lower())
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.context import open_context
    from paperasse.ingest.intake import receive

    files = _expand(args.paths)
    ctx = open_context(settings)
    failures = 0
    try:
        for path in files:
            try:
                result = receive(
                    ctx,
                    path.read_bytes(),
                    path.name,
                    source="mailroom",
                    actor=args.actor,
                    service=args.service,
                )
            except InputError as e:
                failures += 1
                print(f"refusé : {path} : {e.message}", file=sys.stderr)
                continue
            state = "nouveau" if result.created else "déjà reçu"
            print(f"{result.document_id}\t{state}\t{path}")
    finally:
        ctx.close()
    return 2 if failures else 0


def _expand(paths: Sequence[str]) -> list[Path]:
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


def cmd_audit_verify(args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.audit.verify import verify_chain
    from paperasse.context import open_context

    ctx = open_context(settings)
    try:
        with ctx.sessions() as session:
            report = verify_chain(session, None if args.no_digests else ctx.store)
    finally:
        ctx.close()
    if not report.ok:
        print(
            f"journal d'audit ALTÉRÉ à l'événement n°{report.bad_seq} : {report.reason}",
            file=sys.stderr,
        )
        return 1
    print(
        f"journal d'audit intact : {report.events} événements, "
        f"{report.digests} empreintes scellées vérifiées"
    )
    return 0


def cmd_audit_seal(_args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.audit.digest import write_digest
    from paperasse.context import open_context

    ctx = open_context(settings)
    try:
        with ctx.sessions() as session:
            seq = write_digest(session, ctx.store)
    finally:
        ctx.close()
    print(
        "journal vide : rien à sceller" if seq is None else f"journal scellé à l'événement n°{seq}"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperasse",
        description="Gestion documentaire et tri du courrier pour les mairies.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="journal détaillé")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    serve = sub.add_parser("serve", help="lancer le service (API, pages, traitements)")
    serve.add_argument("--host", help="adresse d'écoute (défaut : PAPERASSE_HOST)")
    serve.add_argument("--port", type=int, help="port d'écoute (défaut : PAPERASSE_PORT)")
    serve.set_defaults(handler=cmd_serve)

    ingest = sub.add_parser("ingest", help="déposer des fichiers ou des dossiers de fichiers")
    ingest.add_argument("paths", nargs="+", metavar="FICHIER_OU_DOSSIER")
    ingest.add_argument("--service", help="service d'origine (ex. urbanisme)")
    ingest.add_argument("--actor", default="cli", help="qui dépose, pour le journal d'audit")
    ingest.set_defaults(handler=cmd_ingest)

    audit = sub.add_parser("audit", help="journal d'audit")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_sub.add_parser("verify", help="vérifier que le journal n'a pas été altéré")
    verify.add_argument(
        "--no-digests", action="store_true", help="ne pas comparer aux empreintes scellées"
    )
    verify.set_defaults(handler=cmd_audit_verify)
    seal = audit_sub.add_parser("seal", help="sceller la tête du journal dans le stockage")
    seal.set_defaults(handler=cmd_audit_seal)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = get_settings()
        handler: Handler = args.handler
        return handler(args, settings)
    except PaperasseError as e:
        print(f"erreur : {e.message}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("interrompu", file=sys.stderr)
        return 130
    except Exception as e:  # the last guard: one line, details only in the verbose log
        log.debug("unexpected error", exc_info=True)
        print(
            f"erreur interne : {type(e).__name__}: {e} (relancez avec -v pour le détail)",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
