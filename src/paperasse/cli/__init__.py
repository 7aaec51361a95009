"""The ``paperasse`` command: parses arguments and calls the same services as the API.

Errors print one line in French and exit non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from paperasse.cli import (
    admin,
    checks,
    demo,
    documents,
    mailbox,
    records,
    rgpd,
    search,
    train,
    users,
)
from paperasse.cli.common import Handler
from paperasse.errors import PaperasseError
from paperasse.settings import get_settings

log = logging.getLogger("paperasse")

MODULES = (admin, checks, demo, documents, mailbox, records, rgpd, search, train, users)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperasse",
        description="Gestion documentaire et tri du courrier pour les mairies.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="journal détaillé")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    for module in MODULES:
        module.register(sub)
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
    except BrokenPipeError:
        return 0
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
