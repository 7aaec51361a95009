"""Commands that run the service and look after its integrity."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import TYPE_CHECKING

from paperasse.cli.common import Subparsers, context
from paperasse.cli.secrets import refuse_placeholder_secrets
from paperasse.settings import Settings

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI


def server_config(app: FastAPI, host: str, port: int, settings: Settings) -> uvicorn.Config:
    """How serve runs uvicorn.

    uvicorn believes ``X-Forwarded-For`` from 127.0.0.1 by default, which let any
    local caller choose the address the throttle counts and the audit trail
    records; the app reads that header itself, from configured proxies only.
    """
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        proxy_headers=False,
        server_header=False,
    )


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from paperasse.api.app import create_app

    refuse_placeholder_secrets(settings)
    host, port = args.host or settings.host, args.port or settings.port
    print(f"paperasse écoute sur http://{host}:{port} (données : {settings.data_dir})")
    app = create_app(settings, background=True, processing=not args.no_workers)
    uvicorn.Server(server_config(app, host, port, settings)).run()
    return 0


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.runtime import Background

    refuse_placeholder_secrets(settings)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    with context(settings) as ctx:
        # tantivy has one writer: the serve process; OpenSearch takes writers anywhere
        indexing = settings.search.backend == "opensearch"
        background = Background(ctx, workers=args.workers, indexing=indexing)
        background.start()
        print("traitements en cours ; Ctrl+C pour arrêter")
        stop.wait()
        background.stop()
    return 0


def cmd_audit_verify(args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.audit.verify import verify_chain

    with context(settings) as ctx, ctx.sessions() as session:
        report = verify_chain(session, None if args.no_digests else ctx.store)
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
    if not args.no_digests and report.unsealed:
        print(
            f"{report.unsealed} événement(s) postérieur(s) au dernier scellement "
            f"(n°{report.sealed_seq}) : les empreintes ne les couvrent pas encore "
            "(paperasse audit seal les scelle maintenant)"
        )
    return 0


def cmd_audit_seal(_args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.audit.digest import write_digest

    with context(settings, seal=False) as ctx, ctx.transaction() as session:
        seq = write_digest(session, ctx.store)
    print(
        "journal vide : rien à sceller" if seq is None else f"journal scellé à l'événement n°{seq}"
    )
    return 0


def register(sub: Subparsers) -> None:
    serve = sub.add_parser("serve", help="lancer le service (API, pages, traitements)")
    serve.add_argument("--host", help="adresse d'écoute (défaut : PAPERASSE_HOST)")
    serve.add_argument("--port", type=int, help="port d'écoute (défaut : PAPERASSE_PORT)")
    serve.add_argument(
        "--no-workers",
        action="store_true",
        help="ne pas lancer les traitements (ils tournent ailleurs : paperasse worker)",
    )
    serve.set_defaults(handler=cmd_serve)

    worker = sub.add_parser(
        "worker", help="lancer seulement les traitements (OCR, tri, dossier partagé)"
    )
    worker.add_argument("--workers", type=int, help="nombre de processus (défaut : un par cœur)")
    worker.set_defaults(handler=cmd_worker)

    audit = sub.add_parser("audit", help="journal d'audit")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_sub.add_parser("verify", help="vérifier que le journal n'a pas été altéré")
    verify.add_argument(
        "--no-digests", action="store_true", help="ne pas comparer aux empreintes scellées"
    )
    verify.set_defaults(handler=cmd_audit_verify)
    seal = audit_sub.add_parser("seal", help="sceller la tête du journal dans le stockage")
    seal.set_defaults(handler=cmd_audit_seal)
